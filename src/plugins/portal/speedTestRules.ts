/**
 * The speed test's sizes and limits, read by the server's endpoints and the portal page alike
 * (no imports: the page's client code reads it too).
 */
export const SPEED_TEST = {
  /** Bytes the page downloads for one test. */
  downloadBytes: 8 * 1024 * 1024,
  /** The largest download one request may ask for. */
  maxDownloadBytes: 25 * 1024 * 1024,
  /** Bytes the page uploads for one test. */
  uploadBytes: 2 * 1024 * 1024,
  /** The largest upload accepted; more is refused (413) and not read further (below the server's body limit). */
  maxUploadBytes: 2 * 1024 * 1024,
  /** Pings the page takes for the latency (the median is kept). */
  pings: 5,
} as const
