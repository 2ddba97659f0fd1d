/**
 * Runs fixture files in parallel, in `workers` child processes, largest files
 * first so the slow ones do not finish last, and reports each file's results
 * as it completes. Workers are started with this process's Node options, so
 * they run from TypeScript sources (through the same loader) as well as from
 * the built JavaScript.
 *
 * A worker that dies (killed by a signal, V8 out of memory, any exit while it
 * holds a file) fails the file it held with an error naming how it died, and
 * a new worker takes its place for the files still queued.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runFixtureFile, SLOW_CASES, type FileResult } from '@zvm/chain-evm/statetest'
import type { ExecutionTier } from '@zvm/core'

/** How fixtures execute: the tier, and the compile threshold (1 = compile every block at once). */
export interface EngineOptions { tier?: ExecutionTier, compileThreshold?: number }

/** The job a worker receives (worker.ts). */
export interface WorkerJob { file: string, fork: string, skip: boolean, engine: EngineOptions }

// Unreadable paths sort last; runFixtureFile reports why they cannot be read.
const sizeOf = (file: string): number => {
  try {
    return statSync(file).size
  } catch {
    return -1
  }
}

function deathMessage(file: string, code: number | null, signal: NodeJS.Signals | null): string {
  const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`
  const hint = signal === 'SIGABRT' || signal === 'SIGKILL' || code === 134 ? ' (out of memory?)' : ''
  return `${file}: the worker running it ${how}${hint}`
}

export async function runFiles(files: string[], forkName: string, workers: number, skip: boolean, onFile: (r: FileResult) => void, engine: EngineOptions = {}): Promise<void> {
  const sizes = new Map(files.map((f) => [f, sizeOf(f)]))
  const queue = [...files].sort((a, b) => sizes.get(b)! - sizes.get(a)!)
  const count = Math.max(1, Math.min(workers, queue.length))
  if (count === 1) {
    for (const file of queue) onFile(runFixtureFile(file, forkName, { skip: skip ? SLOW_CASES : undefined, ...engine }))
    return
  }
  const entry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url))

  // One worker slot: takes files from the queue until it is empty, replacing its process when it dies.
  const slot = (): Promise<void> => new Promise<void>((resolve, reject) => {
    const start = (): void => {
      let current: string | undefined
      const child: ChildProcess = fork(entry, [], { execArgv: process.execArgv, serialization: 'advanced' })
      const next = (): void => {
        current = queue.shift()
        if (current === undefined) child.disconnect()
        else child.send({ file: current, fork: forkName, skip, engine } satisfies WorkerJob)
      }
      child.on('message', (r: FileResult) => {
        current = undefined
        onFile(r)
        next()
      })
      // A process that never started cannot exit; anything later (a failed send to a dead worker) is followed by 'exit'.
      child.on('error', (e) => { if (child.pid === undefined) reject(e) })
      child.on('exit', (code, signal) => {
        if (current !== undefined) onFile({ file: current, cases: [], skipped: [], error: deathMessage(current, code, signal) })
        if (queue.length > 0) start()
        else resolve()
      })
      next()
    }
    start()
  })
  await Promise.all(Array.from({ length: count }, slot))
}
