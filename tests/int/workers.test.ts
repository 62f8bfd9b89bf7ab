import type { ChildProcess } from 'node:child_process'
import os from 'node:os'

import type { Payload } from 'payload'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { queueScheduledRun } from '../../src/jobs/scheduler'
import { testPayload, unique } from '../helpers/payload'
import { startWorker as startWorkerProcess, stopWorker } from '../helpers/workers'

let payload: Payload
const workers: ChildProcess[] = []

beforeAll(async () => {
  payload = await testPayload()
})
// Probes go to a queue of their own, so jobs other files left behind do not stand in their way.
const PROBE_QUEUE = 'probes'
const startWorker = async () => {
  const child = await startWorkerProcess({ WORKER_QUEUES: PROBE_QUEUE })
  workers.push(child)
  return child
}
afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker))
})

async function queueProbes(prefix: string, count: number, holdMs = 0) {
  for (let i = 0; i < count; i++)
    await payload.jobs.queue({ task: 'workerProbe', queue: PROBE_QUEUE, input: { key: `${prefix}-${i}`, holdMs } })
}

async function waitForCompletion(prefix: string, count: number, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const done = await payload.count({
      collection: 'payload-jobs',
      where: { and: [{ 'input.key': { like: `${prefix}-` } }, { completedAt: { exists: true } }] },
      overrideAccess: true,
    })
    if (done.totalDocs >= count) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`jobs with prefix ${prefix} did not complete in ${timeoutMs} ms`)
}

async function heartbeats(prefix: string) {
  const { docs } = await payload.find({
    collection: 'worker-heartbeats',
    where: { probeKey: { like: `${prefix}-` } },
    limit: 0,
    pagination: false,
    overrideAccess: true,
  })
  return docs
}

describe('job workers', () => {
  it('three worker processes run 40 jobs exactly once between them', async () => {
    await Promise.all([startWorker(), startWorker(), startWorker()])
    const prefix = unique('probe')
    // Each job holds its worker 50 ms, so the three contend for the queue the whole time.
    await queueProbes(prefix, 40, 50)
    await waitForCompletion(prefix, 40)
    const beats = await heartbeats(prefix)
    expect(beats).toHaveLength(40)
    expect(new Set(beats.map((b) => b.probeKey)).size).toBe(40)
    expect(new Set(beats.map((b) => b.worker)).size).toBeGreaterThan(1)
  })

  it('a job whose worker was killed mid-run (kill -9) is run again by another worker, once', async () => {
    const victim = await startWorker()
    const prefix = unique('crash')
    await queueProbes(prefix, 1, 4000)
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      const running = await payload.count({
        collection: 'payload-jobs',
        where: { and: [{ 'input.key': { equals: `${prefix}-0` } }, { processing: { equals: true } }] },
        overrideAccess: true,
      })
      if (running.totalDocs) break
      await new Promise((r) => setTimeout(r, 100))
    }
    victim.kill('SIGKILL')
    await new Promise((r) => victim.once('exit', r))
    expect(await heartbeats(prefix)).toHaveLength(0)

    await startWorker()
    await waitForCompletion(prefix, 1)
    const beats = await heartbeats(prefix)
    expect(beats).toHaveLength(1)
    // Run by the survivor, not finished by the killed process.
    expect(beats[0]!.worker).not.toBe(`${os.hostname()}:${victim.pid}`)
  })
})

describe('scheduled work', () => {
  it('queues a schedule slot once, however many workers fire for it at the same moment', async () => {
    const schedule = {
      name: unique('uji-jadwal'),
      cron: '* * * * *',
      task: 'workerProbe' as const,
      input: { key: unique('sched') },
    }
    const slot = new Date('2026-01-01T02:00:00+07:00')
    const results = await Promise.all([1, 2, 3, 4].map(() => queueScheduledRun(payload, schedule, slot)))
    expect(results.filter(Boolean)).toHaveLength(1)
    const queued = await payload.count({
      collection: 'payload-jobs',
      where: { 'input.key': { equals: schedule.input.key } },
      overrideAccess: true,
    })
    expect(queued.totalDocs).toBe(1)
    // The next slot is a new run.
    expect(await queueScheduledRun(payload, schedule, new Date('2026-01-02T02:00:00+07:00'))).toBe(true)
  })
})
