/**
 * A worker killed (kill -9) while WhatsApp is sending: Meta has accepted the message, the worker
 * dies before it stores the answer. The retry must not send it again; the message is held for
 * staff until WhatsApp's status (which echoes our attempt key) ties it to what was really sent.
 * Sends are counted at the fake Cloud API.
 */
import type { ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'

import express from 'express'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type FakeWhatsApp, startFakeWhatsApp } from '../../src/fakes/whatsapp'
import { payloadRestBridge } from '../../src/lib/restBridge'
import { queueNotification } from '../../src/plugins/notifications/operations/queueNotification'
import { UNCERTAIN_SEND_REASON } from '../../src/plugins/notifications/operations/sendNotification'
import { createCustomer } from '../helpers/fixtures'
import { testPayload, unique } from '../helpers/payload'
import { startWorker, stopWorker } from '../helpers/workers'

const TOKEN = 'wa-token-crash'
const PHONE_NUMBER_ID = '109876543210'
const APP_SECRET = 'wa-app-secret-crash'

let payload: Payload
let wa: FakeWhatsApp
let app: ReturnType<ReturnType<typeof express>['listen']>
const workers: ChildProcess[] = []

type Msg = Record<string, any>
const message = async (id: number) =>
  (await payload.findByID({ collection: 'messages' as never, id, depth: 0, overrideAccess: true })) as unknown as Msg
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  state: () => Promise<unknown> = async () => '',
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await sleep(200)
  }
  throw new Error(`${what}: not within ${timeoutMs} ms: ${JSON.stringify(await state())}`)
}
/** Sends the fake accepted for one message (by the attempt key it carried). */
const sendsOf = (id: number) => wa.accepted.filter((a) => a.body.biz_opaque_callback_data === `ispops-msg-${id}`)

beforeAll(async () => {
  wa = await startFakeWhatsApp({
    token: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    templates: [{ name: 'info_crash_v1', language: 'id', bodyParams: 1 }],
  })
  Object.assign(process.env, {
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'verify-crash',
    WHATSAPP_API_URL: wa.apiUrl,
  })
  payload = await testPayload()
  const server = express()
  server.use(payloadRestBridge(payload.config))
  app = server.listen(0, '127.0.0.1')
  await new Promise((resolve) => app.once('listening', resolve))
  wa.setWebhookUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}/api/whatsapp/webhook`)
})

afterAll(async () => {
  wa?.holdAnswers(false)
  for (const worker of workers) await stopWorker(worker)
  await new Promise((resolve) => app?.close(resolve))
  await wa?.close()
})

describe('WhatsApp sends and kill -9', { timeout: 300_000 }, () => {
  it('a message whose worker died mid-send is not sent again; its status ties it to the send', async () => {
    const templateKey = unique('uji_crash_').toLowerCase()
    await payload.create({
      collection: 'message-templates' as never,
      data: {
        key: templateKey,
        name: 'Uji crash',
        body: 'Halo {{nama}}, ada kabar dari kami.',
        providerTemplateName: 'info_crash_v1',
        language: 'id',
        category: 'UTILITY',
        approvalStatus: 'approved',
      } as never,
      overrideAccess: true,
    })
    const { createLocalReq } = await import('payload')
    const ids: number[] = []
    const queuedFrom = new Date().toISOString()
    for (let i = 0; i < 4; i++) {
      const { customer } = await createCustomer(payload, { status: 'prospect' })
      const result = await queueNotification({
        req: await createLocalReq({}, payload),
        trigger: 'info_umum',
        templateKey,
        customerId: customer.id,
        dedupeKey: unique('uji-crash-'),
        variables: { nama: customer.name },
      })
      expect(result.status).toBe('queued')
      ids.push((result as { messageId: number }).messageId)
    }

    // The worker below takes the default queue: jobs other files left there (their sends would hang on
    // the held answers too) are not this test's to run.
    await payload.db.deleteMany({
      collection: 'payload-jobs',
      where: {
        and: [
          { completedAt: { exists: false } },
          { queue: { equals: 'default' } },
          { createdAt: { less_than: queuedFrom } },
        ],
      },
    })
    // Meta accepts the first send but its answer does not come back before the worker is killed.
    wa.holdAnswers(true)
    const victim = await startWorker()
    workers.push(victim)
    await until('a send reaches WhatsApp', () => ids.some((id) => sendsOf(id).length > 0))
    const killedId = ids.find((id) => sendsOf(id).length > 0)!
    victim.kill('SIGKILL')
    await new Promise((resolve) =>
      victim.exitCode !== null || victim.signalCode !== null ? resolve(null) : victim.once('exit', resolve),
    )
    wa.holdAnswers(false)
    const attempted = await message(killedId)
    expect(attempted.sendAttemptKey).toBe(`ispops-msg-${killedId}`)
    expect(attempted.providerMessageId ?? null).toBeNull()

    // A new worker picks the work up: the others go out once, the interrupted one is held.
    workers.push(await startWorker())
    await until(
      'every message is settled',
      async () => {
        for (const id of ids) {
          const m = await message(id)
          if (id === killedId ? m.errorReason !== UNCERTAIN_SEND_REASON : m.status !== 'sent') return false
        }
        return true
      },
      async () => ({
        killedId,
        messages: await Promise.all(
          ids.map(async (id) => {
            const m = await message(id)
            return [id, m.status, m.errorReason, m.sendAttemptKey, sendsOf(id).length]
          }),
        ),
        jobs: (
          await payload.find({
            collection: 'payload-jobs',
            where: { taskSlug: { equals: 'sendNotification' } },
            sort: '-id',
            limit: 8,
            depth: 0,
            overrideAccess: true,
          })
        ).docs.map((j: Msg) => [j.id, j.input, j.processing, j.completedAt, j.hasError, j.totalTried, j.waitUntil]),
      }),
    )
    for (const id of ids) expect(sendsOf(id), `sends of message ${id}`).toHaveLength(1)
    const held = await message(killedId)
    expect(held).toMatchObject({ status: 'queued', errorReason: UNCERTAIN_SEND_REASON })
    const alerts = await payload.find({
      collection: 'payload-jobs',
      where: {
        and: [
          { taskSlug: { equals: 'staffAlert' } },
          { 'input.key': { equals: `message-send-uncertain:${killedId}` } },
        ],
      },
      overrideAccess: true,
      depth: 0,
    })
    expect(alerts.totalDocs).toBe(1)

    // The job once more (a duplicate or a later retry): still nothing sent.
    const { sendNotification } = await import('../../src/plugins/notifications/operations/sendNotification')
    expect(await sendNotification({ req: await createLocalReq({}, payload), messageId: killedId })).toBe(
      'held_uncertain',
    )
    expect(sendsOf(killedId)).toHaveLength(1)

    // WhatsApp's status for that send carries our key: the message is tied to its wamid and moves on.
    const wamid = sendsOf(killedId)[0]!.id
    expect(
      await wa.postStatuses([
        { id: wamid, status: 'sent' },
        { id: wamid, status: 'delivered' },
      ]),
    ).toEqual([200, 200])
    expect(await message(killedId)).toMatchObject({ providerMessageId: wamid, status: 'delivered', errorReason: null })
    expect(sendsOf(killedId)).toHaveLength(1)
  })

  it('the database allows one send attempt per message, carrying that message’s own key', async () => {
    const [a, b] = (
      await payload.find({ collection: 'messages' as never, limit: 2, depth: 0, overrideAccess: true, sort: '-id' })
    ).docs as unknown as Msg[]
    const pool = (payload.db as unknown as { pool: import('pg').Pool }).pool
    await expect(
      pool.query('UPDATE messages SET send_attempt_key = $1 WHERE id = $2', [`ispops-msg-${a!.id}`, b!.id]),
    ).rejects.toThrow(/messages_send_attempt_key_own/)
  })
})
