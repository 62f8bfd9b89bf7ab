import { send } from './api'

/**
 * Shrinks a photo on the phone before upload (longest side 1600 px, JPEG 0.8): a 4 MB camera
 * picture becomes ~300 KB on prepaid data. PDFs and files the browser cannot draw go as they are.
 */
export async function compressImage(file: File, maxSide = 1600, quality = 0.8): Promise<File> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return file
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    bitmap.close()
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    if (!blob || blob.size >= file.size) return file
    return new File([blob], file.name.replace(/\.[^.]+$/, '') + '.jpg', { type: 'image/jpeg' })
  } catch {
    return file
  }
}

/** Uploads a file to the media collection (the uploader becomes its owner); answers its id. */
export async function uploadMedia(file: File, alt: string): Promise<number> {
  const form = new FormData()
  form.append('file', await compressImage(file))
  form.append('_payload', JSON.stringify({ alt }))
  const res = await send<{ doc: { id: number } }>('/api/media', { body: form })
  return res.doc.id
}
