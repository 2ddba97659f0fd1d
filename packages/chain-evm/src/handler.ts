/**
 * Transaction processing as four phases a custom chain can call, replace or
 * wrap (revm's handler): `validateTransaction` (nothing written),
 * `preExecution` (gas bought, nonce, warm sets, authorizations),
 * `executeMessage` (the core's frame loop with the fork's table and
 * precompiles) and `postExecution` (refunds, floor, fees, finalisation).
 * `executeTransaction` is their composition.
 */
import { executeAction, type BlockEnv, type ExecutionContext, type ExecutionTier, type FrameResult, type Host, type Inspector, type Precompile } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import type { JournaledState } from '@zvm/state'
import { Fork } from './forks.ts'
import { postExecution, type IncludedTransaction } from './handler/post-execution.ts'
import { preExecution, type PreparedMessage } from './handler/pre-execution.ts'
import type { EvmBlock } from './handler/types.ts'
import { validateTransaction, type InvalidTransaction, type ValidTransaction } from './handler/validate.ts'
import { precompilesFor } from './precompiles/index.ts'
import { evmTable } from './table.ts'
import type { EvmTransaction } from './transaction.ts'

export type { EvmBlock } from './handler/types.ts'
export { validateTransaction, type ValidTransaction, type InvalidTransaction } from './handler/validate.ts'
export { preExecution, type PreparedMessage } from './handler/pre-execution.ts'
export { postExecution, type IncludedTransaction } from './handler/post-execution.ts'

/** Outcome of {@link executeTransaction}. */
export type TransactionResult = InvalidTransaction | IncludedTransaction

/** Options for {@link executeTransaction}. */
export interface ExecuteOptions {
  fork?: Fork
  /** Hash of a recent block (default: 0 for every block). */
  blockHash?: (number: bigint) => bigint
  /** Precompiles by address (default: the fork's, `precompilesFor(fork)`); all start warm. */
  precompiles?: ReadonlyMap<Address, Precompile>
  /** Handler for syscall opcodes, for tables that have them. */
  syscall?: Host['syscall']
  /** Observes execution (see @zvm/inspectors for EIP-3155, call and gas-profile inspectors). */
  inspector?: Inspector
  /** Execution tier (default 'compiled'); every tier gives identical results. */
  tier?: ExecutionTier
  /** Block executions before a block is compiled (default 5000; 1 = at once). */
  compileThreshold?: number
}

/**
 * Runs a prepared message on the core's frame loop with the fork's table.
 *
 * @example
 * ```ts
 * // executeTransaction = validateTransaction → preExecution → executeMessage → postExecution
 * import { executeMessage } from '@zvm/chain-evm'
 * ```
 */
export function executeMessage(
  state: JournaledState, tx: EvmTransaction, block: EvmBlock, checked: ValidTransaction, prepared: PreparedMessage, options: ExecuteOptions = {},
): FrameResult {
  return runMessage(state, tx, block, checked, prepared, options, options.precompiles ?? precompilesFor(checked.fork))
}

const NO_BLOCK_HASHES = (): bigint => 0n

/**
 * The message on the frame loop. The context is built field by field, with
 * no object spreads: spreading the block and the options cost more than a
 * small contract call (measured: 12 µs per transaction in createContext).
 */
function runMessage(
  state: JournaledState, tx: EvmTransaction, block: EvmBlock, checked: ValidTransaction, prepared: PreparedMessage, options: ExecuteOptions,
  precompiles: ReadonlyMap<Address, Precompile>,
): FrameResult {
  const host: Host = { blockHash: options.blockHash ?? NO_BLOCK_HASHES, precompile: (address) => precompiles.get(address), syscall: options.syscall }
  const blockEnv: BlockEnv = {
    number: block.number, timestamp: block.timestamp, coinbase: block.coinbase, gasLimit: block.gasLimit, baseFee: block.baseFee,
    prevRandao: block.prevRandao, difficulty: block.difficulty, chainId: block.chainId, blobBaseFee: checked.blobBaseFee,
  }
  // The same fields in the same order as createContext's, so the engine sees one shape of context.
  const ctx: ExecutionContext = {
    state, host, block: blockEnv, tx: { origin: tx.from, gasPrice: checked.effectiveGasPrice, blobHashes: tx.blobVersionedHashes ?? [] },
    table: evmTable(checked.fork), inspector: options.inspector, tier: options.tier, compileThreshold: options.compileThreshold,
  }
  return executeAction(ctx, prepared.action)
}

/**
 * Executes `tx` in `block` against `state` as one transaction. An invalid
 * transaction leaves the state untouched and returns `valid: false`.
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { executeTransaction, Fork } from '@zvm/chain-evm'
 * const state = new JournaledState()
 * state.setBalance('0x00000000000000000000000000000000000000a1', 10n ** 18n)
 * const r = executeTransaction(state, {
 *   type: 2, from: '0x00000000000000000000000000000000000000a1', to: '0x00000000000000000000000000000000000000b2',
 *   nonce: 0n, gasLimit: 21000n, value: 1n, data: new Uint8Array(), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n,
 * }, { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: 30_000_000n,
 *      baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }, { fork: Fork.Cancun })
 * r.valid && r.gasUsed // 21000n
 * ```
 */
export function executeTransaction(state: JournaledState, tx: EvmTransaction, block: EvmBlock, options: ExecuteOptions = {}): TransactionResult {
  const fork = options.fork ?? Fork.Cancun
  const precompiles = options.precompiles ?? precompilesFor(fork)
  // EIP-2929: the precompiles are warm for the whole transaction.
  state.beginTransaction(precompiles)
  const checked = validateTransaction(state, tx, block, fork)
  if (!checked.valid) return checked
  const prepared = preExecution(state, tx, block, checked)
  const result = runMessage(state, tx, block, checked, prepared, options, precompiles)
  return postExecution(state, tx, block, checked, prepared, result)
}
