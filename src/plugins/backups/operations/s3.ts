import fs from 'node:fs'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'

import type { S3Settings } from './settings'

export function s3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    // Non-AWS stores (MinIO, s3rver, Ceph…) address buckets by path, not by subdomain.
    forcePathStyle: Boolean(settings.endpoint),
    credentials:
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
    maxAttempts: 2,
    // Only the checksums S3 requires: the default CRC trailers (aws-chunked uploads) are not
    // understood by every S3-compatible store.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

/** Multipart upload of a file (parts of 16 MB); checks the stored size afterwards. `onBytes` hears the bytes sent so far. */
export async function uploadFile(
  settings: S3Settings,
  key: string,
  file: string,
  onBytes?: (sent: number, total: number) => void,
): Promise<void> {
  const client = s3Client(settings)
  try {
    const upload = new Upload({
      client,
      params: {
        Bucket: settings.bucket,
        Key: key,
        Body: fs.createReadStream(file),
        ContentType: 'application/octet-stream',
      },
      partSize: 16 * 1024 * 1024,
      queueSize: 2,
    })
    const total = fs.statSync(file).size
    upload.on('httpUploadProgress', (progress) => onBytes?.(progress.loaded ?? 0, total))
    await upload.done()
    const head = await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key }))
    if (head.ContentLength !== total)
      throw new Error(`S3 object ${key} has ${head.ContentLength} bytes, expected ${total}`)
  } finally {
    client.destroy()
  }
}

export async function downloadFile(settings: S3Settings, key: string, file: string): Promise<void> {
  const client = s3Client(settings)
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }))
    await pipeline(res.Body as Readable, fs.createWriteStream(file))
  } finally {
    client.destroy()
  }
}

export async function deleteObject(settings: S3Settings, key: string): Promise<void> {
  const client = s3Client(settings)
  try {
    await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }))
  } finally {
    client.destroy()
  }
}

/** The key of the newest backup object under the prefix (what a lost server restores from). */
export async function newestBackupKey(settings: S3Settings): Promise<string> {
  const client = s3Client(settings)
  try {
    let newest: { key: string; at: number } | undefined
    let token: string | undefined
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: settings.prefix, ContinuationToken: token }),
      )
      for (const object of page.Contents ?? []) {
        if (!object.Key?.endsWith('.bak.enc') && !object.Key?.endsWith('.tar.enc')) continue
        const at = object.LastModified?.getTime() ?? 0
        if (!newest || at > newest.at || (at === newest.at && object.Key > newest.key)) newest = { key: object.Key, at }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    if (!newest) throw new Error(`no backups in s3://${settings.bucket}/${settings.prefix}`)
    return newest.key
  } finally {
    client.destroy()
  }
}
