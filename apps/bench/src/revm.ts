/**
 * The native anchor (`pnpm bench --revm`): the same cases on revm, the Rust
 * EVM, through Foundry's anvil (the binary of the npm package
 * @foundry-rs/anvil-linux-amd64, fetched by npx on first use, or the file
 * `ZVM_ANVIL` names). Each case's accounts are set with anvil_set* calls, then
 * `eth_call` is timed; the median time of the same call to a STOP contract
 * (JSON-RPC, HTTP and anvil's request handling) is subtracted. The output must
 * equal ZVM's, and the gas of a real transaction (anvil's receipt) must equal
 * ZVM's `executeTransaction`; otherwise the case reports the difference and no
 * time. anvil also runs its own inspectors around revm, so the times are upper
 * bounds of revm's.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { bigintToBytes, bigintToHex, bytesToHex, type Address } from '@zvm/primitives'
import type { BenchCase } from './cases.ts'
import { batchSize, median } from './sampling.ts'

export const ANVIL_PACKAGE = '@foundry-rs/anvil-linux-amd64@1.7.1'

/** What ZVM reported for a case, to check anvil against. */
export interface ZvmReference { returnData: string; transactionGas: bigint }

export interface RevmResult {
  /** revm's time for the call, RPC overhead subtracted (ms). */
  revmMs: number
  /** The RPC overhead subtracted (ms). */
  overheadMs: number
  error?: string
}

interface RpcError { code: number; message: string; data?: unknown }
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const STOP_CONTRACT: Address = '0x000000000000000000000000000000000000a5a5'
const hex = (n: bigint | number): string => bigintToHex(BigInt(n))

/** A running anvil and a JSON-RPC client for it. */
export class Anvil {
  #id = 0
  readonly #child: ChildProcess
  readonly #url: string
  private constructor(child: ChildProcess, url: string) {
    this.#child = child
    this.#url = url
  }

  /** Starts anvil (Cancun, no block gas or code size limit, base fee 0) on a free local port. */
  static async start(): Promise<Anvil> {
    const port = await freePort()
    const args = ['--port', String(port), '--hardfork', 'cancun', '--disable-block-gas-limit', '--disable-code-size-limit',
      '--block-base-fee-per-gas', '0', '--disable-min-priority-fee', '--auto-impersonate', '--quiet']
    const binary = process.env.ZVM_ANVIL
    const child = binary
      ? spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn('npx', ['-y', '--package', ANVIL_PACKAGE, '--', 'anvil', ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString() })
    const anvil = new Anvil(child, `http://127.0.0.1:${port}`)
    // npx may download the package first: allow a minute.
    for (let waited = 0; ; waited += 200) {
      if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}): ${stderr.trim().split('\n').pop() ?? ''}`)
      try {
        await anvil.rpc('eth_chainId', [])
        return anvil
      } catch {
        if (waited > 60_000) { anvil.stop(); throw new Error(`anvil did not answer on port ${port} within 60 s`) }
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }

  async rpc(method: string, params: Json[]): Promise<Json> {
    const res = await fetch(this.#url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++this.#id, method, params }),
    })
    const body = await res.json() as { result?: Json; error?: RpcError }
    if (body.error) throw new Error(`${method}: ${body.error.message}`)
    return body.result ?? null
  }

  stop(): void {
    // npx runs anvil as its child: end the whole process group.
    try { if (this.#child.pid !== undefined) process.kill(this.#child.spawnargs[0] === 'npx' ? -this.#child.pid : this.#child.pid) } catch { /* already gone */ }
  }

  /** The case's accounts (code, balance, nonce, storage) and a STOP contract for the overhead. */
  async load(c: BenchCase): Promise<void> {
    for (const a of c.accounts) {
      await this.rpc('anvil_setCode', [a.address, bytesToHex(a.code)])
      await this.rpc('anvil_setBalance', [a.address, hex(a.balance)])
      await this.rpc('anvil_setNonce', [a.address, hex(a.nonce)])
      for (const [slot, value] of a.storage) await this.rpc('anvil_setStorageAt', [a.address, bytesToHex(bigintToBytes(slot, 32)), bytesToHex(bigintToBytes(value, 32))])
    }
    await this.rpc('anvil_setCode', [STOP_CONTRACT, '0x00'])
  }

  /** One timed eth_call (ms) and its output. */
  async timedCall(from: Address, to: Address, data: string, gas: number): Promise<{ ms: number; output: string }> {
    const start = performance.now()
    const output = await this.rpc('eth_call', [{ from, to, data, gas: hex(gas) }, 'latest']) as string
    return { ms: performance.now() - start, output }
  }

  /** Gas of the call as a mined transaction (receipt), the state reverted afterwards. */
  async transactionGas(c: BenchCase): Promise<bigint> {
    const snapshot = await this.rpc('evm_snapshot', [])
    try {
      const hash = await this.rpc('eth_sendTransaction', [{ from: c.caller, to: c.to, data: bytesToHex(c.data), gas: hex(c.gasLimit), gasPrice: '0x0' }])
      // Mined in the background: poll for the receipt.
      for (let tries = 0; ; tries++) {
        const receipt = await this.rpc('eth_getTransactionReceipt', [hash]) as { gasUsed: string } | null
        if (receipt !== null) return BigInt(receipt.gasUsed)
        if (tries > 600) throw new Error(`no receipt for ${String(hash)}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    } finally {
      await this.rpc('evm_revert', [snapshot])
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Times case `c` on anvil: `repetitions` samples of batched eth_calls
 * (median), minus the median STOP call. `reference` is ZVM's output and
 * transaction gas for the checks.
 */
export async function measureRevm(anvil: Anvil, c: BenchCase, reference: ZvmReference, repetitions: number): Promise<RevmResult> {
  await anvil.load(c)
  const data = bytesToHex(c.data)
  const first = await anvil.timedCall(c.caller, c.to, data, c.gasLimit)
  if (first.output.toLowerCase() !== reference.returnData.toLowerCase()) {
    return { revmMs: NaN, overheadMs: NaN, error: `output differs: revm ${first.output.slice(0, 42)}…, ZVM ${reference.returnData.slice(0, 42)}…` }
  }
  const gas = await anvil.transactionGas(c)
  if (gas !== reference.transactionGas) return { revmMs: NaN, overheadMs: NaN, error: `gas differs: revm ${gas}, ZVM ${reference.transactionGas}` }
  // Warm anvil's caches and the HTTP connection as ZVM's runs are warmed.
  for (let i = 0; i < 3; i++) await anvil.timedCall(c.caller, c.to, data, c.gasLimit)
  const batch = batchSize(first.ms)
  const call: number[] = []
  const stop: number[] = []
  for (let r = 0; r < repetitions; r++) {
    let ms = 0
    for (let b = 0; b < batch; b++) ms += (await anvil.timedCall(c.caller, c.to, data, c.gasLimit)).ms
    call.push(ms / batch)
    let overhead = 0
    for (let b = 0; b < 20; b++) overhead += (await anvil.timedCall(c.caller, STOP_CONTRACT, data, c.gasLimit)).ms
    stop.push(overhead / 20)
  }
  const overheadMs = median(stop)
  return { revmMs: Math.max(median(call) - overheadMs, 0.001), overheadMs }
}
