'use client'

import { Button } from '@payloadcms/ui'
import { useCallback, useEffect, useRef, useState } from 'react'

type Action = 'create' | 'skip' | 'error'
type CheckedRow = { row: number; action: Action; reasons: string[]; values: Record<string, string> }
type Check = {
  fileName: string
  summary: { total: number; create: number; skip: number; error: number }
  rows: CheckedRow[]
}
type Progress = {
  id: number
  status: 'queued' | 'running' | 'done' | 'failed'
  total: number
  processed: number
  created: number
  skipped: number
  failed: number
  problems: number
}

const ACTION_LABEL: Record<Action, string> = { create: 'Dibuat', skip: 'Dilewati', error: 'Ditolak' }
const STATUS_LABEL: Record<Progress['status'], string> = {
  queued: 'Menunggu giliran',
  running: 'Berjalan',
  done: 'Selesai',
  failed: 'Gagal',
}

async function send(path: string, file: File) {
  const form = new FormData()
  form.append('file', file)
  const res = await fetch(path, { method: 'POST', body: form, credentials: 'include' })
  const json = await res.json().catch(() => undefined)
  if (!res.ok) throw new Error(json?.errors?.[0]?.message ?? `Gagal (${res.status}).`)
  return json
}

/** Upload, dry run (nothing written), then the import with its progress and the rows that did not go in. */
export function CustomerImportPanel() {
  const [file, setFile] = useState<File | null>(null)
  const [check, setCheck] = useState<Check | null>(null)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)

  const poll = useCallback(async (id: number) => {
    const res = await fetch(`/api/customer-import/${id}`, { credentials: 'include' })
    if (!res.ok) return
    const next = (await res.json()) as Progress
    setProgress(next)
    if ((next.status === 'done' || next.status === 'failed') && timer.current) {
      clearInterval(timer.current)
      timer.current = null
    }
  }, [])

  useEffect(
    () => () => {
      if (timer.current) clearInterval(timer.current)
    },
    [],
  )

  const runCheck = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    setProgress(null)
    try {
      setCheck(await send('/api/customer-import/check', file))
    } catch (e) {
      setCheck(null)
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const runImport = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const started = (await send('/api/customer-import', file)) as { id: number }
      await poll(started.id)
      timer.current = setInterval(() => void poll(started.id), 1500)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div data-testid="customer-import">
      <p>
        Unggah berkas Excel (.xlsx) atau CSV dengan baris judul. Kolom wajib: <b>Nama</b> dan <b>No. HP</b>. Kolom lain
        yang dikenali: Nomor pelanggan, Email, Alamat, Wilayah, ODP, Paket (nama paket), Tanggal tagihan (1–28), Status
        (Aktif, Calon, Isolir, Berhenti), Catatan. Periksa dulu: tidak ada yang disimpan sampai Anda menekan Impor.
        Pelanggan yang nomor HP atau nomor pelanggannya sudah ada dilewati, jadi berkas yang sama aman diimpor ulang.
      </p>
      <label htmlFor="customer-import-file" style={{ display: 'block', fontWeight: 600, marginBottom: 8 }}>
        Berkas pelanggan
      </label>
      <input
        id="customer-import-file"
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null)
          setCheck(null)
          setProgress(null)
          setError(null)
        }}
      />
      <div style={{ display: 'flex', gap: 12, marginTop: 16 }}>
        <Button buttonStyle="secondary" disabled={!file || busy} onClick={() => void runCheck()}>
          Periksa (uji coba)
        </Button>
        <Button disabled={!file || busy || !check || check.summary.create === 0} onClick={() => void runImport()}>
          Impor
        </Button>
      </div>
      {error ? (
        <p role="alert" data-testid="customer-import-error" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      ) : null}
      {check ? (
        <section data-testid="customer-import-check" style={{ marginTop: 24 }}>
          <h2 style={{ fontSize: '1.2rem' }}>Hasil pemeriksaan: {check.fileName}</h2>
          <p data-testid="customer-import-summary">
            {check.summary.total} baris: {check.summary.create} akan dibuat, {check.summary.skip} dilewati (sudah ada),{' '}
            {check.summary.error} ditolak.
          </p>
          <table className="table" style={{ width: '100%' }}>
            <thead>
              <tr>
                <th>Baris</th>
                <th>Nama</th>
                <th>No. HP</th>
                <th>Hasil</th>
                <th>Alasan</th>
              </tr>
            </thead>
            <tbody>
              {check.rows.map((row) => (
                <tr key={row.row} data-testid={`import-row-${row.row}`} data-action={row.action}>
                  <td>{row.row}</td>
                  <td>{row.values.name ?? '–'}</td>
                  <td>{row.values.phone ?? '–'}</td>
                  <td>{ACTION_LABEL[row.action]}</td>
                  <td>{row.reasons.join(' ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {progress ? (
        <section data-testid="customer-import-progress" data-status={progress.status} style={{ marginTop: 24 }}>
          <h2 style={{ fontSize: '1.2rem' }}>Impor: {STATUS_LABEL[progress.status]}</h2>
          <progress max={Math.max(progress.total, 1)} value={progress.processed} aria-label="Kemajuan impor" />
          <p data-testid="customer-import-counts">
            {progress.processed} dari {progress.total} baris diproses: {progress.created} dibuat, {progress.skipped}{' '}
            dilewati, {progress.failed} ditolak.
          </p>
          {progress.problems > 0 ? (
            <a href={`/api/customer-import/${progress.id}/problems`} data-testid="customer-import-problems" download>
              Unduh baris yang tidak diimpor (Excel)
            </a>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
