'use client'

import { useState } from 'react'

import { SPEED_TEST } from '../../plugins/portal/speedTestRules'
import { send } from './api'

type Result = { latencyMs: number; downloadMbps: number; uploadMbps: number }

const round = (n: number) => Math.round(n * 10) / 10

async function checked(res: Response): Promise<Response> {
  if (res.ok) return res
  const json = (await res.json().catch(() => ({}))) as { errors?: { message?: string }[] }
  throw new Error(json.errors?.[0]?.message ?? `Tes gagal (${res.status}). Coba lagi.`)
}

async function measureLatency(): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < SPEED_TEST.pings; i++) {
    const start = performance.now()
    await checked(await fetch(`/api/portal/speed-test/ping?t=${Date.now()}-${i}`, { cache: 'no-store' }))
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

async function measureDownload(): Promise<number> {
  const start = performance.now()
  const res = await checked(
    await fetch(`/api/portal/speed-test/download?bytes=${SPEED_TEST.downloadBytes}&t=${Date.now()}`, {
      cache: 'no-store',
    }),
  )
  const bytes = (await res.arrayBuffer()).byteLength
  const seconds = Math.max((performance.now() - start) / 1000, 0.001)
  return (bytes * 8) / seconds / 1_000_000
}

async function measureUpload(): Promise<number> {
  const data = new Uint8Array(SPEED_TEST.uploadBytes)
  // Random bytes (in the 64 KB pieces getRandomValues allows), so nothing on the way compresses them.
  for (let i = 0; i < data.length; i += 65_536) crypto.getRandomValues(data.subarray(i, i + 65_536))
  const start = performance.now()
  const res = await checked(
    await fetch('/api/portal/speed-test/upload', {
      method: 'POST',
      body: data,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  )
  const { bytes } = (await res.json()) as { bytes: number }
  const seconds = Math.max((performance.now() - start) / 1000, 0.001)
  return (bytes * 8) / seconds / 1_000_000
}

/** Runs the test (latency, download, upload) and saves the result to the customer's `speed-tests`. */
export function SpeedTestButton({ promisedDownloadMbps }: { promisedDownloadMbps: number | null }) {
  const [step, setStep] = useState('')
  const [error, setError] = useState('')
  const [result, setResult] = useState<Result | null>(null)
  const busy = step !== ''
  return (
    <section className="card" aria-labelledby="mulai-tes">
      <h2 id="mulai-tes">Tes sekarang</h2>
      <button
        type="button"
        className="full"
        disabled={busy}
        onClick={async () => {
          setError('')
          setResult(null)
          try {
            setStep('Mengukur latensi…')
            const latencyMs = round(await measureLatency())
            setStep('Mengukur kecepatan unduh…')
            const downloadMbps = round(await measureDownload())
            setStep('Mengukur kecepatan unggah…')
            const uploadMbps = round(await measureUpload())
            setStep('Menyimpan hasil…')
            await send('/api/speed-tests', { method: 'POST', body: { latencyMs, downloadMbps, uploadMbps } })
            setResult({ latencyMs, downloadMbps, uploadMbps })
          } catch (e) {
            setError((e as Error).message)
          } finally {
            setStep('')
          }
        }}
      >
        {busy ? 'Sedang mengetes…' : 'Mulai tes kecepatan'}
      </button>
      <p role="status">{step}</p>
      {result && (
        <dl className="result" data-testid="hasil-tes">
          <dt>Latensi</dt>
          <dd>{Math.round(result.latencyMs)} ms</dd>
          <dt>Unduh</dt>
          <dd>
            {result.downloadMbps.toLocaleString('id-ID')} Mbps
            {promisedDownloadMbps ? ` (paket ${promisedDownloadMbps} Mbps)` : ''}
          </dd>
          <dt>Unggah</dt>
          <dd>{result.uploadMbps.toLocaleString('id-ID')} Mbps</dd>
        </dl>
      )}
      <p role="alert" className="error">
        {error}
      </p>
    </section>
  )
}
