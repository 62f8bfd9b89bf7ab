import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import { inject } from 'vitest'

import { CHILD_NODE_OPTIONS } from './postgres'

const root = path.resolve(import.meta.dirname, '../..')

/**
 * Starts `src/worker.ts` as its own process (Node with tsx as a loader, not the tsx CLI, so the pid
 * we signal, and SIGKILL, is the worker's) and resolves once it polls for jobs.
 */
export function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: CHILD_NODE_OPTIONS,
      DATABASE_URL: inject('databaseUrl'),
      WORKER_IDLE_MS: '100',
      WORKER_SCHEDULER: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
      if (output.includes('worker started')) resolve(child)
    })
    child.stderr!.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before starting:\n${output}`)))
  })
}

export function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
