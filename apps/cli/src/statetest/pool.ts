/**
 * Runs fixture files in parallel, one worker per core (at most `workers`),
 * largest files first so the slow ones do not finish last, and reports each
 * file's results as it completes. Workers are child processes started with
 * this process's Node options, so they run from TypeScript sources (through
 * the same loader) as well as from the built JavaScript.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { runFixtureFile, SLOW_CASES, type FileResult } from '@zvm/chain-evm'
import type { ExecutionTier } from '@zvm/core'

/** How fixtures execute: the tier, and the compile threshold (1 = compile every block at once). */
export interface EngineOptions { tier?: ExecutionTier, compileThreshold?: number }

export async function runFiles(files: string[], forkName: string, workers: number, skip: boolean, onFile: (r: FileResult) => void, engine: EngineOptions = {}): Promise<void> {
  const queue = [...files].sort((a, b) => statSync(b).size - statSync(a).size)
  const count = Math.max(1, Math.min(workers, availableParallelism(), queue.length))
  if (count === 1) {
    for (const file of queue) onFile(runFixtureFile(file, forkName, { skip: skip ? SLOW_CASES : undefined, ...engine }))
    return
  }
  const entry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url))
  await Promise.all(Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
    const child: ChildProcess = fork(entry, [], { execArgv: process.execArgv, serialization: 'advanced' })
    const next = (): void => {
      const file = queue.shift()
      if (file === undefined) {
        child.disconnect()
        return
      }
      child.send({ file, fork: forkName, skip, engine })
    }
    child.on('message', (r: FileResult) => {
      onFile(r)
      next()
    })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 || code === null ? resolve() : reject(new Error(`state-test worker exited with code ${code}`))))
    next()
  })))
}
