/**
 * Ethereum transactions as the handler sees them (legacy, EIP-2930, EIP-1559,
 * EIP-4844; EIP-7702 authorization lists are accepted and charged), their
 * intrinsic gas, and the invalid-transaction errors.
 */
import type { Address } from '@zvm/primitives'
import { ZvmError } from '@zvm/primitives'
import { Fork } from './forks.ts'
import { TOKENS_PER_NONZERO_BYTE, transactionGas } from './gas.ts'
import type { Authorization } from './authorization.ts'

/** One access-list entry (EIP-2930). */
export interface AccessListEntry {
  address: Address
  storageKeys: bigint[]
}

/** A signed transaction, already recovered: `from` is the sender. */
export interface EvmTransaction {
  /** 0 legacy, 1 access list, 2 dynamic fee, 3 blob, 4 set code. */
  type: 0 | 1 | 2 | 3 | 4
  from: Address
  /** null for contract creation. */
  to: Address | null
  nonce: bigint
  gasLimit: bigint
  value: bigint
  data: Uint8Array
  /** Legacy and type-1 price. */
  gasPrice?: bigint
  maxFeePerGas?: bigint
  maxPriorityFeePerGas?: bigint
  accessList?: AccessListEntry[]
  maxFeePerBlobGas?: bigint
  blobVersionedHashes?: bigint[]
  /** EIP-7702 authorizations (type 4). */
  authorizationList?: Authorization[]
}

/** Why a transaction cannot be included. Names follow the execution-spec-tests exceptions. */
export const TxError = {
  NonceMismatch: 'NONCE_MISMATCH',
  NonceIsMax: 'NONCE_IS_MAX',
  SenderNotEoa: 'SENDER_NOT_EOA',
  GasAllowanceExceeded: 'GAS_ALLOWANCE_EXCEEDED',
  InsufficientMaxFeePerGas: 'INSUFFICIENT_MAX_FEE_PER_GAS',
  PriorityGreaterThanMaxFee: 'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS',
  IntrinsicGasTooLow: 'INTRINSIC_GAS_TOO_LOW',
  InsufficientAccountFunds: 'INSUFFICIENT_ACCOUNT_FUNDS',
  InitcodeSizeExceeded: 'INITCODE_SIZE_EXCEEDED',
  GasLimitPriceProductOverflow: 'GASLIMIT_PRICE_PRODUCT_OVERFLOW',
  Type3ContractCreation: 'TYPE_3_TX_CONTRACT_CREATION',
  Type3ZeroBlobs: 'TYPE_3_TX_ZERO_BLOBS',
  Type3PreFork: 'TYPE_3_TX_PRE_FORK',
  Type3TooManyBlobs: 'TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED',
  InvalidBlobVersionedHash: 'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH',
  InsufficientMaxFeePerBlobGas: 'INSUFFICIENT_MAX_FEE_PER_BLOB_GAS',
  Type4PreFork: 'TYPE_4_TX_PRE_FORK',
  Type4ContractCreation: 'TYPE_4_TX_CONTRACT_CREATION',
  Type4EmptyAuthorizationList: 'TYPE_4_EMPTY_AUTHORIZATION_LIST',
  ValueOverflow: 'RLP_INVALID_VALUE',
  FieldOutOfRange: 'TX_FIELD_OUT_OF_RANGE',
} as const
export type TxError = (typeof TxError)[keyof typeof TxError]

/**
 * Thrown by helpers that must reject a transaction outright.
 *
 * @example
 * ```ts
 * import { InvalidTransactionError } from '@zvm/chain-evm'
 * new InvalidTransactionError('NONCE_MISMATCH', 'nonce 3, account nonce 2').code // 'NONCE_MISMATCH'
 * ```
 */
export class InvalidTransactionError extends ZvmError {
  override name = 'InvalidTransactionError'
  constructor(code: TxError, message: string) {
    super(code, message)
  }
}

/** Zero and non-zero calldata bytes. */
function countBytes(data: Uint8Array): { zero: number; nonZero: number } {
  let zero = 0
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zero++
  return { zero, nonZero: data.length - zero }
}

/**
 * Intrinsic gas: 21000 (+32000 and 2 per init-code word for creation), 4/16
 * per zero/non-zero calldata byte, 2400/1900 per access-list address/key,
 * 25000 per EIP-7702 authorization; and the EIP-7623 floor (Prague).
 *
 * @example
 * ```ts
 * import { intrinsicGas, Fork } from '@zvm/chain-evm'
 * intrinsicGas({ to: null, data: new Uint8Array([0, 1]) }, Fork.Cancun).gas // 21000 + 32000 + 4 + 16 + 2
 * ```
 */
export function intrinsicGas(tx: Pick<EvmTransaction, 'to' | 'data' | 'accessList' | 'authorizationList'>, fork: Fork): { gas: bigint; floor: bigint } {
  const g = transactionGas(fork)
  const { zero, nonZero } = countBytes(tx.data)
  let gas = BigInt(g.base + zero * g.zeroByte + nonZero * g.nonZeroByte)
  if (tx.to === null) gas += BigInt(g.create + g.initCodeWord * Math.ceil(tx.data.length / 32))
  for (const entry of tx.accessList ?? []) gas += BigInt(g.accessListAddress + g.accessListStorageKey * entry.storageKeys.length)
  gas += BigInt(g.perAuthorization * (tx.authorizationList?.length ?? 0))
  const tokens = zero + TOKENS_PER_NONZERO_BYTE * nonZero
  const floor = g.floorPerToken === 0 ? 0n : BigInt(g.base + g.floorPerToken * tokens)
  return { gas, floor }
}
