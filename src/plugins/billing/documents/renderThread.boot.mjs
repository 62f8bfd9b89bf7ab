// The render thread's entry: TypeScript is loaded through tsx in this thread too (a worker does not
// inherit the main thread's loader hooks), then the thread itself (renderThread.worker.ts).
import { workerData } from 'node:worker_threads'

import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
