/** Largest accepted upload in bytes (UPLOAD_MAX_BYTES, default 10 MB). */
export const uploadMaxBytes = (): number => Number(process.env.UPLOAD_MAX_BYTES ?? 10 * 1024 * 1024)

/** Multipart framing and form fields around the file. */
export const REQUEST_BODY_OVERHEAD_BYTES = 1024 * 1024
