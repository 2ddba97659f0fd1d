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
import writeFileAtomic from 'write-file-atomic'
import { SorobanLedger, type LedgerFile } from '@zvm/chain-soroban'
import { ZvmError } from '@zvm/primitives'
import { withFileLock } from './file-lock.ts'
import { CliError } from './io.ts'

/** Ledger files above this are refused before reading (V8 strings stop at about 512 MiB). */
export const MAX_LEDGER_FILE_BYTES = 256 * 1024 * 1024

/**
 * Runs `fn` holding the lock on `path` (see file-lock.ts); `fn` gets
 * `assertHeld`, to call just before writing.
 */
export async function withStorageLock<T>(path: string, fn: (assertHeld: () => void) => Promise<T> | T): Promise<T> {
  return withFileLock(path, '--storage', fn)
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
