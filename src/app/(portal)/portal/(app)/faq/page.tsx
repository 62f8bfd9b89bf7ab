import Link from 'next/link'
import { createLocalReq } from 'payload'

import {
  findKnowledgeBaseAnswer,
  lexicalText,
} from '../../../../../plugins/notifications/operations/knowledgeBaseAnswer'
import { portalSession } from '../../../../../portal/session'
import { Shell } from '../../../../../portal/Shell'

export const metadata = { title: 'Tanya jawab' }
export const dynamic = 'force-dynamic'

export default async function FaqPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { payload, user } = await portalSession()
  const q = ((await searchParams).q ?? '').slice(0, 200).trim()
  // The search ranks published articles as the WhatsApp bot does; the article itself is then read
  // as this customer, so the knowledge base's own access rule decides what is shown.
  const best = q
    ? await findKnowledgeBaseAnswer({ req: await createLocalReq({ user }, payload), question: q, minConfidence: 0.3 })
    : null
  const answer = best
    ? await payload.findByID({
        collection: 'knowledge-base',
        id: best.articleId,
        depth: 0,
        user,
        overrideAccess: false,
        disableErrors: true,
      })
    : null
  const articles = await payload.find({
    collection: 'knowledge-base',
    sort: 'title',
    limit: 30,
    depth: 0,
    select: { title: true },
    user,
    overrideAccess: false,
  })
  return (
    <Shell current="tickets" title="Tanya jawab">
      <form className="card" role="search" action="/portal/faq">
        <label htmlFor="q">Cari jawaban</label>
        <input id="q" name="q" type="search" defaultValue={q} placeholder="mis. internet lambat" />
        <p>
          <button>Cari</button>
        </p>
      </form>
      {q && (
        <section className="card" aria-labelledby="jawaban">
          <h2 id="jawaban">{answer ? answer.title : 'Belum ada jawaban yang cocok'}</h2>
          {answer ? (
            <p style={{ whiteSpace: 'pre-wrap' }}>{lexicalText(answer.body)}</p>
          ) : (
            <p>
              Coba kata lain, atau <Link href="/portal/tiket/baru">laporkan ke kami</Link>.
            </p>
          )}
        </section>
      )}
      <section className="card" aria-labelledby="semua">
        <h2 id="semua">Semua artikel</h2>
        <ul className="list">
          {articles.docs.map((a) => (
            <li key={a.id}>
              <Link className="item" href={`/portal/faq/${a.id}`}>
                {a.title}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </Shell>
  )
}
