import fs from 'node:fs'
import path from 'node:path'

import * as tar from 'tar'

import type { BackupKind, TableChecksums } from '../types'

/** What a backup archive holds besides the dump and the uploads; read back by restores. */
export type BackupManifest = {
  format: 1
  kind: BackupKind
  slot: string
  createdAt: string
  database: string
  serverMajor: number
  tables: TableChecksums
  media: { files: number; bytes: number }
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

/** Packs the uploads directory into `target`; returns what it packed (nothing when there are no files). */
export async function packMedia(mediaDir: string, target: string): Promise<{ files: number; bytes: number }> {
  const files = listFiles(mediaDir)
  if (!files.length) return { files: 0, bytes: 0 }
  await tar.c({ file: target, cwd: mediaDir, portable: true }, files)
  const bytes = files.reduce((sum, file) => sum + fs.statSync(path.join(mediaDir, file)).size, 0)
  return { files: files.length, bytes }
}

/** The plain archive: manifest, dump and (when any) the uploads tar, in one tar. */
export async function packArchive(workDir: string, target: string): Promise<void> {
  const entries = [MANIFEST_FILE, DUMP_FILE, MEDIA_TAR].filter((name) => fs.existsSync(path.join(workDir, name)))
  await tar.c({ file: target, cwd: workDir, portable: true }, entries)
}

export async function unpack(file: string, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true })
  await tar.x({ file, cwd: dir, strict: true })
}
