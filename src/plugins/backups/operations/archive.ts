import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'

import * as tar from 'tar'

import type { BackupKind, MediaEntry, MediaMode, TableChecksums } from '../types'
import { sha256File } from './encryption'

/** The backup an incremental backup's uploads build on, as its archive names it (enough to find and check it without a database). */
export type BaseRef = { fileName: string; sha256: string; kind: BackupKind; createdAt: string }

/** What a backup archive holds besides the dump and the uploads; read back by restores. */
export type BackupManifest = {
  /** 1: every backup holds all uploads, no upload set; 2: full or incremental, with the upload set. */
  format: 1 | 2
  kind: BackupKind
  slot: string
  createdAt: string
  database: string
  serverMajor: number
  tables: TableChecksums
  media: {
    /** Files and bytes stored in this archive's media.tar. */
    files: number
    bytes: number
    mode?: MediaMode
    /** Incremental only: the backup holding the uploads this one did not store (itself maybe incremental). */
    base?: BaseRef
    /** Every upload at backup time: what a restore of this backup must reproduce, byte for byte. */
    set?: MediaEntry[]
  }
}

export const DUMP_FILE = 'database.dump'
export const MEDIA_TAR = 'media.tar'
export const MANIFEST_FILE = 'manifest.json'

/** Regular files under a directory, relative paths, sorted. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

/**
 * The uploads as they are now, each with its SHA-256. A file whose size and modification time
 * equal those in `known` (the previous backup's set) keeps the hash recorded there instead of
 * being read again.
 */
export async function scanMedia(mediaDir: string, known: MediaEntry[] = []): Promise<MediaEntry[]> {
  const byPath = new Map(known.map((entry) => [entry.path, entry]))
  const out: MediaEntry[] = []
  for (const file of listFiles(mediaDir)) {
    const stat = fs.statSync(path.join(mediaDir, file))
    const before = byPath.get(file)
    const sha256 =
      before && before.size === stat.size && before.mtimeMs === stat.mtimeMs
        ? before.sha256
        : await sha256File(path.join(mediaDir, file))
    out.push({ path: file, size: stat.size, sha256, mtimeMs: stat.mtimeMs })
  }
  return out
}

/** The uploads of `current` that are new or whose content differs from `base` (a touched but identical file is not). */
export function changedUploads(current: MediaEntry[], base: MediaEntry[]): MediaEntry[] {
  const before = new Map(base.map((entry) => [entry.path, entry]))
  return current.filter((entry) => {
    const old = before.get(entry.path)
    return !old || old.size !== entry.size || old.sha256 !== entry.sha256
  })
}

/** Packs the given uploads (paths relative to `mediaDir`) into `target`; nothing is written when there are none. */
export async function packMedia(
  mediaDir: string,
  target: string,
  files: MediaEntry[],
): Promise<{ files: number; bytes: number }> {
  if (!files.length) return { files: 0, bytes: 0 }
  await tar.c(
    { file: target, cwd: mediaDir, portable: true },
    files.map((f) => f.path),
  )
  return { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) }
}

/** The plain archive (manifest, dump and, when any, the uploads tar) as a stream, for encrypting on the fly. */
export function archiveStream(workDir: string): { stream: Readable; plainBytes: number } {
  const entries = [MANIFEST_FILE, DUMP_FILE, MEDIA_TAR].filter((name) => fs.existsSync(path.join(workDir, name)))
  // Roughly what tar adds: a 512-byte header per entry, padding, and the end marker (for progress only).
  const plainBytes = entries.reduce(
    (sum, name) => sum + 512 + Math.ceil(fs.statSync(path.join(workDir, name)).size / 512) * 512,
    1024,
  )
  return { stream: tar.c({ cwd: workDir, portable: true }, entries) as unknown as Readable, plainBytes }
}

/** The plain archive written to a file (the manifest, dump and uploads tar). */
export async function packArchive(workDir: string, target: string): Promise<void> {
  const entries = [MANIFEST_FILE, DUMP_FILE, MEDIA_TAR].filter((name) => fs.existsSync(path.join(workDir, name)))
  await tar.c({ file: target, cwd: workDir, portable: true }, entries)
}

/** Unpacks `file` into `dir`; with `only`, just the entries whose path it accepts. */
export async function unpack(file: string, dir: string, only?: (entryPath: string) => boolean): Promise<void> {
  fs.mkdirSync(dir, { recursive: true })
  await tar.x({ file, cwd: dir, strict: true, filter: only ? (entryPath) => only(entryPath) : undefined })
}
