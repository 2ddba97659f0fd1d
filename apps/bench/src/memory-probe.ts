/**
 * Runs one case on one engine in a fresh process and prints its peak RSS
 * (MB): peak memory cannot be separated per engine inside the shared timing
 * process. The case arrives as JSON on a file (written by main.ts), so the
 * probe loads neither the fixtures nor the Solidity compiler.
 */
import { existsSync, readFileSync } from 'node:fs'
import { hexToBytes, type Address } from '@zvm/primitives'
import type { BenchCase } from './cases.ts'

interface SerializedAccount { address: Address; balance: string; nonce: string; code: string; storage: [string, string][] }
type SerializedCase = Omit<BenchCase, 'accounts' | 'data'> & { accounts: SerializedAccount[]; data: string }

const [engine, file] = process.argv.slice(2)
const s = JSON.parse(readFileSync(file, 'utf8')) as SerializedCase
const c: BenchCase = {
  ...s,
  data: hexToBytes(s.data),
  accounts: s.accounts.map((a) => ({
    address: a.address, balance: BigInt(a.balance), nonce: BigInt(a.nonce), code: hexToBytes(a.code),
    storage: new Map(a.storage.map(([k, v]) => [BigInt(k), BigInt(v)])),
  })),
}
// Load only the engine under measurement.
if (engine === 'zvm') (await import('./engine-zvm.ts')).runZvm(c)
else await (await import('./engine-ethereumjs.ts')).runEthereumjs(c)
// VmHWM is this process image's own high-water mark; getrusage's maxRSS on Linux keeps the
// parent's peak across fork and exec, which would report the harness, not the engine.
const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : ''
const hwm = /VmHWM:\s+(\d+) kB/.exec(status)
const peakKb = hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS
process.stdout.write(`${(peakKb / 1024).toFixed(1)}\n`)
