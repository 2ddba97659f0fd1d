/**
 * Transaction processing (revm's handler: validate, pre-execution, frame
 * loop, post-execution): checks the transaction against the block and the
 * sender, buys gas, warms the EIP-2929 access set, runs the message on the
 * core executor, refunds (EIP-3529 cap, EIP-7623 floor), pays the coinbase
 * its priority fee, and finalises the state with EIP-161 clean-up.
 */
import { createContext, delegationTarget, executeAction, CallScheme, haltName, isRevert, isSuccess, type BlockEnv, type Host, type Tracer, type ExecutionTier } from '@zvm/core'
import { applyAuthorizations } from './authorization.ts'
import type { Address } from '@zvm/primitives'
import { createAddress, type JournaledState, type Log } from '@zvm/state'
import { blobBaseFee } from './blob.ts'
import { Fork } from './forks.ts'
import { GAS_PER_BLOB, transactionGas } from './gas.ts'
import { precompilesFor } from './precompiles/index.ts'
import { evmTable } from './table.ts'
import { intrinsicGas, TxError, type EvmTransaction } from './transaction.ts'

/** The block a transaction runs in: the core's block context, with the blob fee derived from the excess blob gas. */
export type EvmBlock = Omit<BlockEnv, 'blobBaseFee'> & { excessBlobGas: bigint }

/** Outcome of {@link executeTransaction}. */
export type TransactionResult =
  | { valid: false; error: TxError; message: string }
  | {
    valid: true
    status: 'success' | 'revert' | 'error'
    /** The halt kind for errors (`OutOfGas` …), else null. */
    error: string | null
    halt: number
    /** Gas charged to the sender (after refund and floor). */
    gasUsed: bigint
    gasRefunded: bigint
    output: Uint8Array
    logs: Log[]
    createdAddress: Address | undefined
  }

/** Options for {@link executeTransaction}. */
export interface ExecuteOptions {
  fork?: Fork
  /** Block hashes and extra hooks; precompiles of the fork are always installed. */
  blockHash?: (number: bigint) => bigint
  tracer?: Tracer
  /** Execution tier (default 'compiled'); every tier gives identical results. */
  tier?: ExecutionTier
  /** Block executions before a block is compiled (default 5000; 1 = at once). */
  compileThreshold?: number
}

const MAX_UINT256 = (1n << 256n) - 1n
const MAX_NONCE = (1n << 64n) - 1n
const MAX_INITCODE_SIZE = 49152

function invalid(error: TxError, message: string): TransactionResult {
  return { valid: false, error, message }
}

/** A description of the first field no real transaction can carry, or undefined. */
function fieldOutOfRange(tx: EvmTransaction): string | undefined {
  const unsigned: [string, bigint | undefined][] = [
    ['nonce', tx.nonce], ['gasLimit', tx.gasLimit], ['value', tx.value], ['gasPrice', tx.gasPrice],
    ['maxFeePerGas', tx.maxFeePerGas], ['maxPriorityFeePerGas', tx.maxPriorityFeePerGas], ['maxFeePerBlobGas', tx.maxFeePerBlobGas],
  ]
  for (const [name, v] of unsigned) {
    if (v === undefined) continue
    if (typeof v !== 'bigint' || v < 0n) return `${name} must be a non-negative bigint, got ${String(v)}`
  }
  if (!(tx.data instanceof Uint8Array)) return 'data must be a Uint8Array'
  if (![0, 1, 2, 3, 4].includes(tx.type)) return `unknown transaction type ${String(tx.type)}`
  return undefined
}

/** Effective gas price and the most the sender may be charged per gas. */
function prices(tx: EvmTransaction, baseFee: bigint): { effective: bigint; max: bigint; error?: TransactionResult } {
  if (tx.type >= 2) {
    const maxFee = tx.maxFeePerGas ?? 0n
    const priority = tx.maxPriorityFeePerGas ?? 0n
    if (priority > maxFee) return { effective: 0n, max: 0n, error: invalid(TxError.PriorityGreaterThanMaxFee, `priority fee ${priority} > max fee ${maxFee}`) }
    if (maxFee < baseFee) return { effective: 0n, max: 0n, error: invalid(TxError.InsufficientMaxFeePerGas, `max fee ${maxFee} < base fee ${baseFee}`) }
    const effective = baseFee + (priority < maxFee - baseFee ? priority : maxFee - baseFee)
    return { effective, max: maxFee }
  }
  const price = tx.gasPrice ?? 0n
  if (price < baseFee) return { effective: 0n, max: 0n, error: invalid(TxError.InsufficientMaxFeePerGas, `gas price ${price} < base fee ${baseFee}`) }
  return { effective: price, max: price }
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
  const txGas = transactionGas(fork)
  state.beginTransaction()

  // --- validation ---
  const outOfRange = fieldOutOfRange(tx)
  if (outOfRange) return invalid(TxError.FieldOutOfRange, outOfRange)
  if (tx.type === 3 && fork < Fork.Cancun) return invalid(TxError.Type3PreFork, 'blob transactions need Cancun')
  if (tx.type === 4) {
    if (fork < Fork.Prague) return invalid(TxError.Type4PreFork, 'set-code transactions need Prague')
    if (tx.to === null) return invalid(TxError.Type4ContractCreation, 'set-code transactions cannot create contracts')
    if (!tx.authorizationList?.length) return invalid(TxError.Type4EmptyAuthorizationList, 'set-code transaction without authorizations')
  }
  if (tx.value > MAX_UINT256) return invalid(TxError.ValueOverflow, 'value exceeds 2^256 - 1')
  const { effective, max, error } = prices(tx, block.baseFee)
  if (error) return error
  if (tx.gasLimit * max > MAX_UINT256) return invalid(TxError.GasLimitPriceProductOverflow, 'gas limit × price exceeds 2^256 - 1')
  if (tx.gasLimit > block.gasLimit) return invalid(TxError.GasAllowanceExceeded, `gas limit ${tx.gasLimit} > block gas limit ${block.gasLimit}`)
  const blobCount = BigInt(tx.blobVersionedHashes?.length ?? 0)
  let blobFee = 0n
  let maxBlobFee = 0n
  if (tx.type === 3) {
    if (tx.to === null) return invalid(TxError.Type3ContractCreation, 'blob transactions cannot create contracts')
    if (blobCount === 0n) return invalid(TxError.Type3ZeroBlobs, 'blob transaction without blobs')
    if (blobCount > BigInt(txGas.maxBlobsPerBlock)) return invalid(TxError.Type3TooManyBlobs, `${blobCount} blobs > ${txGas.maxBlobsPerBlock}`)
    for (const h of tx.blobVersionedHashes!) if (h >> 248n !== 1n) return invalid(TxError.InvalidBlobVersionedHash, 'versioned hash must start with 0x01')
    const pricePerBlobGas = blobBaseFee(block.excessBlobGas, txGas.blobBaseFeeUpdateFraction)
    if ((tx.maxFeePerBlobGas ?? 0n) < pricePerBlobGas) return invalid(TxError.InsufficientMaxFeePerBlobGas, `max blob fee ${tx.maxFeePerBlobGas} < ${pricePerBlobGas}`)
    blobFee = blobCount * GAS_PER_BLOB * pricePerBlobGas
    maxBlobFee = blobCount * GAS_PER_BLOB * tx.maxFeePerBlobGas!
  }
  const senderNonce = state.getNonce(tx.from)
  if (senderNonce >= MAX_NONCE) return invalid(TxError.NonceIsMax, 'sender nonce is 2^64 - 1')
  if (tx.nonce !== senderNonce) return invalid(TxError.NonceMismatch, `nonce ${tx.nonce}, account nonce ${senderNonce}`)
  // EIP-3607: the sender must not have code (EIP-7702 delegations excepted).
  const senderCode = state.getCode(tx.from)
  if (senderCode.length > 0 && !(senderCode.length === 23 && senderCode[0] === 0xef && senderCode[1] === 0x01 && senderCode[2] === 0x00)) {
    return invalid(TxError.SenderNotEoa, 'sender has code')
  }
  const { gas: intrinsic, floor } = intrinsicGas(tx, fork)
  if (tx.gasLimit < intrinsic || tx.gasLimit < floor) return invalid(TxError.IntrinsicGasTooLow, `gas limit ${tx.gasLimit} < intrinsic gas ${intrinsic > floor ? intrinsic : floor}`)
  if (tx.to === null && tx.data.length > MAX_INITCODE_SIZE) return invalid(TxError.InitcodeSizeExceeded, `init code of ${tx.data.length} bytes > ${MAX_INITCODE_SIZE}`)
  const balance = state.getBalance(tx.from)
  if (balance < tx.gasLimit * max + tx.value + maxBlobFee) {
    return invalid(TxError.InsufficientAccountFunds, `balance ${balance} < ${tx.gasLimit * max + tx.value + maxBlobFee}`)
  }

  // --- pre-execution: buy gas, bump nonce, warm the access set ---
  state.setBalance(tx.from, balance - tx.gasLimit * effective - blobFee)
  state.setNonce(tx.from, senderNonce + 1n)
  const precompiles = precompilesFor(fork)
  state.warmAddress(tx.from)
  if (tx.to !== null) state.warmAddress(tx.to)
  if (fork >= Fork.Shanghai) state.warmAddress(block.coinbase) // EIP-3651
  for (const address of precompiles.keys()) state.warmAddress(address)
  for (const entry of tx.accessList ?? []) {
    state.warmAddress(entry.address)
    for (const key of entry.storageKeys) state.warmSlot(entry.address, key)
  }
  // EIP-7702: authorizations apply before execution and stay even if it fails.
  const authorizationRefund = tx.type === 4 ? applyAuthorizations(state, tx.authorizationList!, block.chainId) : 0
  // A delegated destination runs its delegate's code; the delegate starts warm.
  let codeAddress = tx.to
  let delegated = false
  if (tx.to !== null && fork >= Fork.Prague) {
    const delegate = delegationTarget(state.getCode(tx.to))
    if (delegate !== undefined) {
      state.warmAddress(delegate)
      codeAddress = delegate
      delegated = true
    }
  }

  // --- execution ---
  const host: Host = {
    blockHash: options.blockHash ?? (() => 0n),
    precompile: (address) => precompiles.get(address),
  }
  const ctx = createContext({
    state, host, table: evmTable(fork), tracer: options.tracer, tier: options.tier, compileThreshold: options.compileThreshold, origin: tx.from, gasPrice: effective,
    blobHashes: tx.blobVersionedHashes ?? [],
    block: { ...block, blobBaseFee: blobBaseFee(block.excessBlobGas, txGas.blobBaseFeeUpdateFraction) },
  })
  // Gas is a plain number in the interpreter. Above 2^53 - 1 (only absurd test
  // limits get there) the excess is set aside and counted as unused, which is
  // exact unless the code observes its absolute gas (GAS, or 63/64 exhaustion).
  const available = tx.gasLimit - intrinsic
  const gasForExecution = available > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(available)
  const setAside = available - BigInt(gasForExecution)
  const result = tx.to === null
    ? executeAction(ctx, { kind: 'create', caller: tx.from, value: tx.value, initCode: tx.data, gasLimit: gasForExecution, salt: undefined, address: createAddress(tx.from, senderNonce) })
    : executeAction(ctx, {
      kind: 'call', scheme: CallScheme.Call, address: tx.to, codeAddress: codeAddress!, delegated, caller: tx.from, value: tx.value, transfersValue: true,
      input: tx.data, gasLimit: gasForExecution, isStatic: false, returnOffset: 0, returnSize: 0,
    })

  // --- post-execution: refund, floor, fees ---
  const ok = isSuccess(result.halt)
  let gasUsed = tx.gasLimit - BigInt(result.gasLeft) - setAside
  let refund = BigInt(authorizationRefund) + (ok ? BigInt(result.refund) : 0n)
  if (refund > gasUsed / 5n) refund = gasUsed / 5n // EIP-3529
  if (refund < 0n) refund = 0n
  gasUsed -= refund
  if (gasUsed < floor) gasUsed = floor // EIP-7623
  state.addBalance(tx.from, (tx.gasLimit - gasUsed) * effective)
  state.addBalance(block.coinbase, gasUsed * (effective - block.baseFee))
  const logs = [...state.logs]
  state.finalizeTransaction({ deleteEmptyTouched: true })
  return {
    valid: true,
    status: ok ? 'success' : isRevert(result.halt) ? 'revert' : 'error',
    error: ok || isRevert(result.halt) ? null : haltName(result.halt),
    halt: result.halt,
    gasUsed,
    gasRefunded: refund,
    output: result.output,
    logs,
    createdAddress: ok ? result.createdAddress : undefined,
  }
}
