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
  /**
   * 1: every backup holds all uploads, no upload set; 2: full or incremental, with the upload set;
   * 3: as 2, in the framed layout (not tar), with row counts only (`tables` has no checksums).
   */
  format: 1 | 2 | 3
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

/**
 * The plain layout of a backup since format 3, written as pg_dump writes the dump (tar needs each
 * entry's size before its content): ARCHIVE_MAGIC, then frames of kind (1 byte: `D` dump, `M`
 * uploads tar, `J` manifest, `E` end), length (4 bytes, big-endian) and that many bytes; the
 * pieces of one file follow each other in order. A file without the `E` frame is cut short.
 */
export const ARCHIVE_MAGIC = Buffer.from('ISPARC03')
const FRAME_FILES: Record<string, string> = { D: DUMP_FILE, M: MEDIA_TAR, J: MANIFEST_FILE }

/** The header of one frame of `bytes` bytes of kind `kind`. */
export function frameHeader(kind: 'D' | 'M' | 'J' | 'E', bytes: number): Buffer {
  const header = Buffer.alloc(5)
  header.write(kind, 0, 'latin1')
  header.writeUInt32BE(bytes, 1)
  return header
}

/**
 * Unpacks a decrypted backup archive (framed, or tar for backups made before format 3) into `dir`;
 * with `only`, just the entries whose name it accepts.
 */
export async function unpackArchive(file: string, dir: string, only?: (entryPath: string) => boolean): Promise<void> {
  const handle = await fs.promises.open(file, 'r')
  const magic = Buffer.alloc(ARCHIVE_MAGIC.length)
  let framed: boolean
  try {
    framed = (await handle.read(magic, 0, magic.length, 0)).bytesRead === magic.length && magic.equals(ARCHIVE_MAGIC)
    if (framed) await unframe(handle, dir, only)
  } finally {
    await handle.close()
  }
  if (!framed) await unpack(file, dir, only)
}

async function unframe(handle: fs.promises.FileHandle, dir: string, only?: (entryPath: string) => boolean) {
  fs.mkdirSync(dir, { recursive: true })
  const outputs = new Map<string, fs.promises.FileHandle>()
  const header = Buffer.alloc(5)
  let buffer = Buffer.alloc(1 << 20)
  let position = ARCHIVE_MAGIC.length
  try {
    for (;;) {
      if ((await handle.read(header, 0, 5, position)).bytesRead < 5)
        throw new Error('the backup archive is cut short (no end frame)')
      position += 5
      const kind = header.toString('latin1', 0, 1)
      const length = header.readUInt32BE(1)
      if (kind === 'E') return
      const name = FRAME_FILES[kind]
      if (!name) throw new Error(`the backup archive holds an unknown frame kind ${JSON.stringify(kind)}`)
      if (only && !only(name)) {
        position += length
        continue
      }
      let out = outputs.get(name)
      if (!out) {
        out = await fs.promises.open(path.join(dir, name), 'w')
        outputs.set(name, out)
      }
      if (buffer.length < length) buffer = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buffer, 0, length, position)
      if (bytesRead < length) throw new Error('the backup archive is cut short (inside a frame)')
      await out.write(buffer, 0, length)
      position += length
    }
  } finally {
    for (const out of outputs.values()) await out.close()
  }
}

/** Unpacks `file` into `dir`; with `only`, just the entries whose path it accepts. */
export async function unpack(file: string, dir: string, only?: (entryPath: string) => boolean): Promise<void> {
  fs.mkdirSync(dir, { recursive: true })
  await tar.x({ file, cwd: dir, strict: true, filter: only ? (entryPath) => only(entryPath) : undefined })
}
