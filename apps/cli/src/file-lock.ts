/**
 * An exclusive lock on a state file shared by concurrent CLI runs
 * (`soroban invoke --storage`, `run --target hedera --state`):
 * proper-lockfile's `<file>.lock` directory, taken over when a crashed
 * holder leaves it stale for 30 s; a caller waits up to 60 s for it, then
 * fails with one line. Imports no chain.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { lock } from 'proper-lockfile'
import { CliError } from './io.ts'

/** How long to wait for another process to release the lock before giving up. */
const LOCK_WAIT_MS = 60_000
// A lock whose holder has not refreshed it for this long is taken over (its process died).
// Contract runs block the event loop that refreshes it, so it is well above a long run.
const LOCK_STALE_MS = 30_000

/**
 * Runs `fn` holding the lock on `path`; the lock is released however `fn`
 * ends. `fn` gets `assertHeld`, to call just before writing: it throws if the
 * lock was taken over meanwhile (the write would clobber another's).
 */
export async function withFileLock<T>(path: string, option: string, fn: (assertHeld: () => void) => Promise<T> | T): Promise<T> {
  let lost: Error | undefined
  const release = await acquire(path, option, (e) => { lost = e })
  try {
    return await fn(() => {
      if (lost !== undefined) throw new CliError(`lost the lock on ${option} ${path} (${lost.message}); nothing was written`)
    })
  } finally {
    await release().catch(() => { /* already released or taken over: nothing to undo */ })
  }
}

async function acquire(path: string, option: string, onCompromised: (e: Error) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
    try {
      // Retried here, not by proper-lockfile, which would also retry errors that never go away (a missing directory).
      return await lock(path, { realpath: false, stale: LOCK_STALE_MS, retries: 0, onCompromised })
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ELOCKED' && Date.now() < deadline) {
        await sleep(wait * (0.5 + Math.random()))
        continue
      }
      if (code === 'ELOCKED') throw new CliError(`${option} ${path} is locked by another process (waited ${LOCK_WAIT_MS / 1000} s; if none is running, remove ${path}.lock)`)
      if (code === 'ENOENT') throw new CliError(`cannot lock ${option} ${path}: its directory does not exist`)
      throw new CliError(`cannot lock ${option} ${path}: ${(e as Error).message}`)
    }
  }
}

