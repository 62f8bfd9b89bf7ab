/**
 * The server's own clock reads WIB: Payload formats a few dates on the server with the process's
 * local time zone (the version view's title and its comparison labels), which must match the WIB
 * lists beside them. Our code formats with explicit zones (src/lib/wib.ts) and compares in SQL with
 * `AT TIME ZONE 'Asia/Jakarta'`, so nothing else depends on it. Set `TZ` to override.
 */
process.env.TZ ||= 'Asia/Jakarta'

export {}
