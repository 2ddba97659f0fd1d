/** The ZVM side of the benchmark: fresh state per run, only the call is timed (`Vm.call` or `executeTransaction`). */
import { evmTable, executeTransaction, Fork, intrinsicGas, precompilesFor, type EvmBlock } from '@zvm/chain-evm'
import { Vm, type ExecutionTier } from '@zvm/core'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import type { BenchCase } from './cases.ts'

export interface Timed {
  ms: number
  gasUsed: number
  status: string
  /** Return data (`Vm.call`), for the native anchor's output check. */
  output?: Uint8Array
  /** Gas the transaction used, intrinsic gas and refund included (`executeTransaction`), for the anchor's gas check. */
  transactionGas?: bigint
}

/** What runs before each timed run: nothing, or a forced full garbage collection (`--gc`). */
export type BeforeRun = (() => void) | undefined

const precompiles = precompilesFor(Fork.Cancun)
const table = evmTable(Fork.Cancun)

function freshState(c: BenchCase): JournaledState {
  const db = new MemoryDatabase()
  for (const a of c.accounts) db.setAccount(a.address, a)
  return new JournaledState(db)
}

/** One ZVM run through `Vm.call`: fresh in-memory state, then the timed call. */
export function runZvm(c: BenchCase, tier?: ExecutionTier, beforeRun?: BeforeRun): Timed {
  const vm = new Vm({ state: freshState(c), table, tier, host: { blockHash: () => 0n }, precompiles })
  beforeRun?.()
  const start = performance.now()
  const r = vm.call({ caller: c.caller, to: c.to, data: c.data, gasLimit: c.gasLimit })
  const ms = performance.now() - start
  return { ms, gasUsed: r.gasUsed + r.gasRefunded, status: r.status, output: r.returnData }
}

/**
 * One ZVM run through `executeTransaction` (validation, gas purchase, nonce,
 * warm sets, refunds and fees included): a legacy transaction at gas price 0
 * in a block with base fee 0. The gas reported is the execution's (the
 * intrinsic gas subtracted, the refund added back), as ethereumjs's runCall reports it.
 */
export function runZvmTransaction(c: BenchCase, tier?: ExecutionTier, beforeRun?: BeforeRun): Timed {
  const state = freshState(c)
  const nonce = c.accounts.find((a) => a.address === c.caller)?.nonce ?? 0n
  const tx = { type: 0 as const, from: c.caller, to: c.to, nonce, gasLimit: BigInt(c.gasLimit), value: 0n, data: c.data, gasPrice: 0n }
  const block: EvmBlock = {
    number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: BigInt(c.gasLimit), baseFee: 0n,
    prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n,
  }
  beforeRun?.()
  const start = performance.now()
  const r = executeTransaction(state, tx, block, { fork: Fork.Cancun, tier })
  const ms = performance.now() - start
  if (!r.valid) return { ms, gasUsed: NaN, status: `invalid: ${r.error}` }
  return { ms, gasUsed: Number(r.gasUsed + r.gasRefunded - intrinsicGas(tx, Fork.Cancun).gas), status: r.status, transactionGas: r.gasUsed }
}
