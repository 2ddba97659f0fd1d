/**
 * The `--storage` ledger file of `zvm soroban invoke`, safe under concurrent
 * invocations:
 *
 * - an exclusive lock (proper-lockfile: a `<file>.lock` directory, taken over
 *   when a crashed holder leaves it stale for 30 s) is held for the whole
 *   read–execute–write cycle, so two increments never read the same count;
 *   a caller waits up to 60 s for it, then fails with one line;
 * - the new contents go to a temporary file in the same directory that is
 *   renamed over the old one (write-file-atomic), so no reader sees a torn file;
 * - a file that is not a ledger of this format is refused and left untouched
 *   (a missing or empty file is a new ledger).
 */
import { readFileSync, statSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { lock } from 'proper-lockfile'
import writeFileAtomic from 'write-file-atomic'
import { SorobanLedger, type LedgerFile } from '@zvm/chain-soroban'
import { ZvmError } from '@zvm/primitives'
import { CliError } from './io.ts'

/** Ledger files above this are refused before reading (V8 strings stop at about 512 MiB). */
export const MAX_LEDGER_FILE_BYTES = 256 * 1024 * 1024

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
export async function withStorageLock<T>(path: string, fn: (assertHeld: () => void) => Promise<T> | T): Promise<T> {
  let lost: Error | undefined
  const release = await acquire(path, (e) => { lost = e })
  try {
    return await fn(() => {
      if (lost !== undefined) throw new CliError(`lost the lock on --storage ${path} (${lost.message}); nothing was written`)
    })
  } finally {
    await release().catch(() => { /* already released or taken over: nothing to undo */ })
  }
}

async function acquire(path: string, onCompromised: (e: Error) => void): Promise<() => Promise<void>> {
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
      if (code === 'ELOCKED') throw new CliError(`--storage ${path} is locked by another process (waited ${LOCK_WAIT_MS / 1000} s; if none is running, remove ${path}.lock)`)
      if (code === 'ENOENT') throw new CliError(`cannot lock --storage ${path}: its directory does not exist`)
      throw new CliError(`cannot lock --storage ${path}: ${(e as Error).message}`)
    }
  }
}

/** The ledger stored at `path` (call it holding the lock); `file` is undefined when the file is missing or empty. */
export function readLedgerFile(path: string): { file: LedgerFile | undefined, ledger: SorobanLedger } {
  let text: string
  try {
    const size = statSync(path).size
    if (size > MAX_LEDGER_FILE_BYTES) throw new CliError(`--storage ${path} is too large for a ledger file (${size} bytes, max ${MAX_LEDGER_FILE_BYTES})`)
    text = readFileSync(path, 'utf8')
  } catch (e) {
    if (e instanceof CliError) throw e
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { file: undefined, ledger: new SorobanLedger() }
    throw new CliError(`cannot read --storage ${path}: ${code === 'EISDIR' ? 'is a directory' : (e as Error).message}`)
  }
  if (text.trim() === '') return { file: undefined, ledger: new SorobanLedger() }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new CliError(`--storage ${path} is not JSON: ${(e as Error).message}`)
  }
  try {
    const file = SorobanLedger.parseFile(json)
    return { file, ledger: SorobanLedger.fromJSON(file) }
  } catch (e) {
    if (e instanceof ZvmError) throw new CliError(`--storage ${path}: ${e.shortMessage}`)
    throw e
  }
}

/** Replaces `path` with `file` atomically (call it holding the lock, after `assertHeld`). */
export async function writeLedgerFile(path: string, file: LedgerFile): Promise<void> {
  try {
    await writeFileAtomic(path, JSON.stringify(file, null, 2) + '\n')
  } catch (e) {
    throw new CliError(`cannot write --storage ${path}: ${(e as Error).message}`)
  }
}
