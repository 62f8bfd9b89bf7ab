import Link from 'next/link'
import { notFound } from 'next/navigation'

import { lexicalText } from '../../../../../../plugins/notifications/operations/knowledgeBaseAnswer'
import { idParam } from '../../../../../../portal/data'
import { portalSession } from '../../../../../../portal/session'
import { Shell } from '../../../../../../portal/Shell'

export const metadata = { title: 'Tanya jawab' }
export const dynamic = 'force-dynamic'

export default async function FaqArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id)
  const { payload, user } = await portalSession()
  // Drafts are not found: the knowledge base's access rule shows customers published articles only.
  const article = id
    ? await payload.findByID({
        collection: 'knowledge-base',
        id,
        depth: 0,
        user,
        overrideAccess: false,
        disableErrors: true,
      })
    : null
  if (!article) notFound()
  return (
    <Shell current="tickets" title={article.title}>
      <article className="card" style={{ whiteSpace: 'pre-wrap' }}>
        {lexicalText(article.body)}
      </article>
      <p>
        <Link href="/portal/faq">Kembali ke tanya jawab</Link>
      </p>
    </Shell>
  )
}
