/**
 * Benchmark cases: the standard EVM benchmarks (state-test format, every
 * input label) and solc-compiled workloads written in this repository.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bigintToBytes, hexToBytes, toAddress, type Address } from '@zvm/primitives'
import { execFileSync } from 'node:child_process'
import { childExecArgv } from './child.ts'

export interface BenchAccount { address: Address; balance: bigint; nonce: bigint; code: Uint8Array; storage: Map<bigint, bigint> }

export interface BenchCase {
  name: string
  group: 'main' | 'micro' | 'solc'
  accounts: BenchAccount[]
  caller: Address
  to: Address
  data: Uint8Array
  gasLimit: number
}

const ROOT = join(import.meta.dirname, '..', '..', '..')
export const DEFAULT_FIXTURES = process.env.ZVM_EVM_BENCHMARKS ?? join(ROOT, '..', 'shared', 'fixtures', 'evm-benchmarks')

interface Fixture {
  _info?: { labels?: Record<string, string> }
  pre: Record<string, { balance: string; nonce: string; code: string; storage: Record<string, string> }>
  transaction: { data: string[]; gasLimit: string[]; sender: string; to: string }
}

/** The fixture cases under `dir` (main and micro), one per input label. */
export function fixtureCases(dir: string): BenchCase[] {
  const out: BenchCase[] = []
  for (const group of ['main', 'micro'] as const) {
    const groupDir = join(dir, group)
    if (!existsSync(groupDir)) continue
    for (const file of readdirSync(groupDir).filter((f) => f.endsWith('.json')).sort()) {
      const json = JSON.parse(readFileSync(join(groupDir, file), 'utf8')) as Record<string, Fixture>
      for (const [name, t] of Object.entries(json)) {
        const accounts = Object.entries(t.pre).map(([address, a]) => ({
          address: toAddress(address), balance: BigInt(a.balance), nonce: BigInt(a.nonce), code: hexToBytes(a.code),
          storage: new Map(Object.entries(a.storage).map(([k, v]) => [BigInt(k), BigInt(v)])),
        }))
        t.transaction.data.forEach((data, i) => {
          const label = t._info?.labels?.[String(i)] ?? String(i)
          out.push({
            name: `${name}/${label}`, group, accounts, caller: toAddress(t.transaction.sender), to: toAddress(t.transaction.to),
            data: hexToBytes(data), gasLimit: Number(BigInt(t.transaction.gasLimit[0])),
          })
        })
      }
    }
  }
  return out
}

const WORKLOADS: Address = '0x00000000000000000000000000000000000b3c40'
const CALLER: Address = '0x00000000000000000000000000000000000ca11e'

/** The Workloads contract's code: deployed (runtime) and creation bytecode. */
export interface WorkloadsCode { runtime: Uint8Array; creation: Uint8Array }

let compiled: WorkloadsCode | undefined

/**
 * The Workloads contract compiled with solc in a child process (once per
 * process): the compiler (tens of MB of emscripten code) would otherwise stay
 * in the benchmark process and slow both engines (measured: Keccak-f from
 * 4.5 to 6.1 µs).
 */
export function workloadsCode(): WorkloadsCode {
  if (compiled === undefined) {
    const script = join(import.meta.dirname, 'compile-workloads.ts')
    const json = JSON.parse(execFileSync(process.execPath, [...childExecArgv(), script], { encoding: 'utf8' })) as { runtime: `0x${string}`; creation: `0x${string}` }
    compiled = { runtime: hexToBytes(json.runtime), creation: hexToBytes(json.creation) }
  }
  return compiled
}

/** The runtime code of the Workloads contract. */
export function workloadsRuntime(): Uint8Array {
  return workloadsCode().runtime
}

/** ABI call data: the 4-byte selector, then one uint256 argument. */
export function call(signature: string, n: bigint): Uint8Array {
  return new Uint8Array([...keccak_256(new TextEncoder().encode(signature)).subarray(0, 4), ...bigintToBytes(n, 32)])
}

/** The solc workloads: ERC-20 loops of 5,000, 20,000 keccak hashes, and many CREATE2 deployments. */
export function solcCases(): BenchCase[] {
  const code = workloadsRuntime()
  const accounts: BenchAccount[] = [
    { address: WORKLOADS, balance: 0n, nonce: 1n, code, storage: new Map() },
    { address: CALLER, balance: 10n ** 18n, nonce: 0n, code: new Uint8Array(), storage: new Map() },
  ]
  const gasLimit = 2_000_000_000
  const c = (name: string, signature: string, n: bigint): BenchCase => ({ name, group: 'solc', accounts, caller: CALLER, to: WORKLOADS, data: call(signature, n), gasLimit })
  return [
    c('erc20_transfer/5000', 'transferLoop(uint256)', 5000n),
    c('erc20_mint/5000', 'mintLoop(uint256)', 5000n),
    c('erc20_approve_transferFrom/5000', 'approveTransferFromLoop(uint256)', 5000n),
    c('keccak/20000', 'keccakLoop(uint256)', 20000n),
    c('create2_deploy/500', 'deployLoop(uint256)', 500n),
  ]
}
