/**
 * The `--state` file of `zvm run --target hedera`: the Hedera ledger's
 * snapshot (`HederaLedger.snapshot()`, format 'zvm-hedera-ledger') plus the
 * EVM accounts of the state (balance, nonce, code, storage), as
 *
 *   {"format":"zvm-hedera-run-state","version":1,"ledger":{…},"accounts":{"0x…":{balance,nonce,code,storage}}}
 *
 * Numbers are 0x-hex strings. A missing or empty file is a new state; any
 * other file that is not of this format and version is refused with one
 * line and left untouched. Written atomically (write-file-atomic: a
 * temporary file renamed over the old one), under the lock of file-lock.ts.
 */
import { readFileSync, statSync } from 'node:fs'
import writeFileAtomic from 'write-file-atomic'
import { HederaLedger, LedgerSnapshotError, type LedgerSnapshot } from '@zvm/chain-hedera'
import type { Address } from '@zvm/primitives'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import { CliError } from './io.ts'

export const HEDERA_STATE_FORMAT = 'zvm-hedera-run-state'
export const HEDERA_STATE_VERSION = 1
/** State files above this are refused before reading. */
export const MAX_HEDERA_STATE_BYTES = 256 * 1024 * 1024

interface AccountJson { balance: string; nonce: string; code: string; storage: Record<string, string> }
export interface HederaStateFile {
  format: typeof HEDERA_STATE_FORMAT
  version: typeof HEDERA_STATE_VERSION
  ledger: LedgerSnapshot
  accounts: Record<string, AccountJson>
}

/** A ledger over a fresh state, and the database holding its EVM accounts. */
export interface HederaWorld { ledger: HederaLedger; db: MemoryDatabase; fresh: boolean }

const HEX = /^0x[0-9a-f]*$/
const ADDRESS = /^0x[0-9a-f]{40}$/

/** Reads `path` (missing or empty: a new world); refuses anything else that is not a state file of this version. */
export function readHederaState(path: string | undefined): HederaWorld {
  const text = path === undefined ? '' : readText(path)
  const db = new MemoryDatabase()
  if (text.trim() === '') return { ledger: new HederaLedger(new JournaledState(db)), db, fresh: true }
  // One line, whatever the reason's text holds.
  const bad = (why: string): never => { throw new CliError(`--state ${path} is not a ${HEDERA_STATE_FORMAT} v${HEDERA_STATE_VERSION} file: ${why.replace(/\s+/g, ' ')}`) }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return bad(`not JSON (${(e as Error).message.replace(/\s+/g, ' ').slice(0, 120)})`)
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return bad('not a JSON object')
  const root = json as Record<string, unknown>
  if (root.format !== HEDERA_STATE_FORMAT) return bad(`format is ${JSON.stringify(root.format)}`)
  if (root.version !== HEDERA_STATE_VERSION) return bad(`version is ${JSON.stringify(root.version)}`)
  const accounts = root.accounts
  if (typeof accounts !== 'object' || accounts === null || Array.isArray(accounts)) return bad('"accounts" is not an object')
  for (const [address, raw] of Object.entries(accounts as Record<string, unknown>)) {
    if (!ADDRESS.test(address)) return bad(`account key ${JSON.stringify(address)} is not a lowercase address`)
    const a = raw as Partial<AccountJson> | null
    if (typeof a !== 'object' || a === null) return bad(`account ${address} is not an object`)
    for (const field of ['balance', 'nonce', 'code'] as const) {
      if (typeof a[field] !== 'string' || !HEX.test(a[field]) || (field === 'code' && a.code!.length % 2 !== 0)) return bad(`account ${address} ${field} is not 0x-hex`)
    }
    if (typeof a.storage !== 'object' || a.storage === null) return bad(`account ${address} storage is not an object`)
    const storage = new Map<bigint, bigint>()
    for (const [k, v] of Object.entries(a.storage)) {
      if (!HEX.test(k) || typeof v !== 'string' || !HEX.test(v) || k.length > 66 || v.length > 66) return bad(`account ${address} storage slot ${k} is not 0x-hex words`)
      storage.set(BigInt(k), BigInt(v))
    }
    db.setAccount(address as Address, { balance: BigInt(a.balance!), nonce: BigInt(a.nonce!), code: Uint8Array.from(Buffer.from(a.code!.slice(2), 'hex')), storage })
  }
  try {
    return { ledger: HederaLedger.fromSnapshot(root.ledger, new JournaledState(db)), db, fresh: false }
  } catch (e) {
    if (e instanceof LedgerSnapshotError) return bad(`ledger: ${e.shortMessage}`)
    throw e
  }
}

function readText(path: string): string {
  try {
    const size = statSync(path).size
    if (size > MAX_HEDERA_STATE_BYTES) throw new CliError(`--state ${path} is too large (${size} bytes, max ${MAX_HEDERA_STATE_BYTES})`)
    return readFileSync(path, 'utf8')
  } catch (e) {
    if (e instanceof CliError) throw e
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return ''
    throw new CliError(`cannot read --state ${path}: ${code === 'EISDIR' ? 'is a directory' : (e as Error).message}`)
  }
}

const hex = (v: bigint) => `0x${v.toString(16)}`

/** The world as a state file (accounts sorted by address, slots by key). */
export function toHederaStateFile(world: HederaWorld): HederaStateFile {
  const accounts: Record<string, AccountJson> = {}
  const all = [...world.db.accounts()].sort((a, b) => (a.address < b.address ? -1 : 1))
  for (const { address, info, storage } of all) {
    const slots = [...storage].filter(([, v]) => v !== 0n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    accounts[address] = {
      balance: hex(info.balance), nonce: hex(info.nonce), code: `0x${Buffer.from(world.db.getCode(info.codeHash)).toString('hex')}`,
      storage: Object.fromEntries(slots.map(([k, v]) => [hex(k), hex(v)])),
    }
  }
  return { format: HEDERA_STATE_FORMAT, version: HEDERA_STATE_VERSION, ledger: world.ledger.snapshot(), accounts }
}

/** Replaces `path` atomically (call it holding the lock, after `assertHeld`). */
export async function writeHederaState(path: string, world: HederaWorld): Promise<void> {
  try {
    await writeFileAtomic(path, JSON.stringify(toHederaStateFile(world), null, 2) + '\n')
  } catch (e) {
    throw new CliError(`cannot write --state ${path}: ${(e as Error).message}`)
  }
}
