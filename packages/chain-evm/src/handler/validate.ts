/**
 * Validation: everything that makes a transaction unincludable, checked
 * before anything is written (revm's `validate` phase). The result carries
 * what later phases need, so none of them recomputes prices or gas.
 */
import type { JournaledState } from '@zvm/state'
import { blobBaseFee } from '../blob.ts'
import { Fork } from '../forks.ts'
import { GAS_PER_BLOB, transactionGas } from '../gas.ts'
import { evmTable } from '../table.ts'
import { intrinsicGas, TxError, type EvmTransaction } from '../transaction.ts'
import type { EvmBlock } from './types.ts'

/** A transaction that passed validation, with the figures the next phases use. */
export interface ValidTransaction {
  readonly valid: true
  readonly fork: Fork
  /** Intrinsic gas (EIP-2028/2930/3860/7702). */
  readonly intrinsicGas: bigint
  /** EIP-7623 calldata floor (0 before Prague). */
  readonly floorGas: bigint
  /** Price per gas actually paid: base fee + tip. */
  readonly effectiveGasPrice: bigint
  /** Blob gas paid at the block's blob base fee. */
  readonly blobFee: bigint
  /** The block's blob base fee (EIP-4844). */
  readonly blobBaseFee: bigint
  readonly senderNonce: bigint
  readonly senderBalance: bigint
}

/** Why a transaction cannot be included; the state is untouched. */
export interface InvalidTransaction {
  readonly valid: false
  readonly error: TxError
  readonly message: string
}

const MAX_UINT256 = (1n << 256n) - 1n
const MAX_NONCE = (1n << 64n) - 1n

function invalid(error: TxError, message: string): InvalidTransaction {
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
function prices(tx: EvmTransaction, baseFee: bigint): { effective: bigint; max: bigint } | InvalidTransaction {
  if (tx.type >= 2) {
    const maxFee = tx.maxFeePerGas ?? 0n
    const priority = tx.maxPriorityFeePerGas ?? 0n
    if (priority > maxFee) return invalid(TxError.PriorityGreaterThanMaxFee, `priority fee ${priority} > max fee ${maxFee}`)
    if (maxFee < baseFee) return invalid(TxError.InsufficientMaxFeePerGas, `max fee ${maxFee} < base fee ${baseFee}`)
    const effective = baseFee + (priority < maxFee - baseFee ? priority : maxFee - baseFee)
    return { effective, max: maxFee }
  }
  const price = tx.gasPrice ?? 0n
  if (price < baseFee) return invalid(TxError.InsufficientMaxFeePerGas, `gas price ${price} < base fee ${baseFee}`)
  return { effective: price, max: price }
}

/**
 * Checks `tx` against `block` and the sender's account in `state` (read only).
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { validateTransaction, Fork } from '@zvm/chain-evm'
 * const v = validateTransaction(new JournaledState(), {
 *   type: 2, from: '0x00000000000000000000000000000000000000a1', to: null, nonce: 0n, gasLimit: 21000n,
 *   value: 0n, data: new Uint8Array(), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n,
 * }, { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: 30_000_000n,
 *      baseFee: 7n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }, Fork.Cancun)
 * v.valid || v.error // 'INTRINSIC_GAS_TOO_LOW' (a creation needs 53000)
 * ```
 */
export function validateTransaction(state: JournaledState, tx: EvmTransaction, block: EvmBlock, fork: Fork): ValidTransaction | InvalidTransaction {
  const txGas = transactionGas(fork)
  const outOfRange = fieldOutOfRange(tx)
  if (outOfRange) return invalid(TxError.FieldOutOfRange, outOfRange)
  if (tx.type === 3 && fork < Fork.Cancun) return invalid(TxError.Type3PreFork, 'blob transactions need Cancun')
  if (tx.type === 4) {
    if (fork < Fork.Prague) return invalid(TxError.Type4PreFork, 'set-code transactions need Prague')
    if (tx.to === null) return invalid(TxError.Type4ContractCreation, 'set-code transactions cannot create contracts')
    if (!tx.authorizationList?.length) return invalid(TxError.Type4EmptyAuthorizationList, 'set-code transaction without authorizations')
  }
  if (tx.value > MAX_UINT256) return invalid(TxError.ValueOverflow, 'value exceeds 2^256 - 1')
  const price = prices(tx, block.baseFee)
  if ('valid' in price) return price
  if (tx.gasLimit * price.max > MAX_UINT256) return invalid(TxError.GasLimitPriceProductOverflow, 'gas limit × price exceeds 2^256 - 1')
  if (tx.gasLimit > block.gasLimit) return invalid(TxError.GasAllowanceExceeded, `gas limit ${tx.gasLimit} > block gas limit ${block.gasLimit}`)
  const blobCount = BigInt(tx.blobVersionedHashes?.length ?? 0)
  const pricePerBlobGas = blobBaseFee(block.excessBlobGas, txGas.blobBaseFeeUpdateFraction)
  let blobFee = 0n
  let maxBlobFee = 0n
  if (tx.type === 3) {
    if (tx.to === null) return invalid(TxError.Type3ContractCreation, 'blob transactions cannot create contracts')
    if (blobCount === 0n) return invalid(TxError.Type3ZeroBlobs, 'blob transaction without blobs')
    if (blobCount > BigInt(txGas.maxBlobsPerBlock)) return invalid(TxError.Type3TooManyBlobs, `${blobCount} blobs > ${txGas.maxBlobsPerBlock}`)
    for (const h of tx.blobVersionedHashes!) if (h >> 248n !== 1n) return invalid(TxError.InvalidBlobVersionedHash, 'versioned hash must start with 0x01')
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
  const maxInitCodeSize = evmTable(fork).schedule.maxInitCodeSize
  if (tx.to === null && tx.data.length > maxInitCodeSize) return invalid(TxError.InitcodeSizeExceeded, `init code of ${tx.data.length} bytes > ${maxInitCodeSize}`)
  const balance = state.getBalance(tx.from)
  if (balance < tx.gasLimit * price.max + tx.value + maxBlobFee) {
    return invalid(TxError.InsufficientAccountFunds, `balance ${balance} < ${tx.gasLimit * price.max + tx.value + maxBlobFee}`)
  }
  return {
    valid: true, fork, intrinsicGas: intrinsic, floorGas: floor, effectiveGasPrice: price.effective, blobFee,
    blobBaseFee: pricePerBlobGas, senderNonce, senderBalance: balance,
  }
}
