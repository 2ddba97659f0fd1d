/**
 * EVM gas parameters per fork. Each fork is the previous one plus a diff;
 * each line names its EIP. Shanghai is the base: EIP-2929 (Berlin) access
 * costs, EIP-2200/3529 SSTORE, EIP-3860 init code metering.
 */
import { NATIVE_GAS_SCHEDULE, type GasSchedule, type StorageGasSchedule } from '@zvm/gas'
import { Fork } from './forks.ts'

/** SLOAD/SSTORE on the EVM: everything is dynamic (static 0). */
export const EVM_STORAGE_GAS: StorageGasSchedule = Object.freeze({
  sstoreStatic: 0,
  warmRead: 100, // EIP-2929 WARM_STORAGE_READ_COST
  coldRead: 2100, // EIP-2929 COLD_SLOAD_COST
  sstoreColdSurcharge: 2100, // EIP-2929
  set: 20000, // EIP-2200 SSTORE_SET_GAS
  reset: 2900, // EIP-2929: 5000 - COLD_SLOAD_COST
  clearRefund: 4800, // EIP-3529
  sentry: 2300, // EIP-2200
})

/** Transaction-level gas constants. */
export interface TransactionGas {
  readonly base: number
  readonly create: number
  readonly zeroByte: number
  readonly nonZeroByte: number
  readonly accessListAddress: number
  readonly accessListStorageKey: number
  readonly initCodeWord: number
  /** EIP-7623 floor per calldata token (0 before Prague). */
  readonly floorPerToken: number
  /** EIP-7702 cost per authorization (0 before Prague). */
  readonly perAuthorization: number
  /** Max blobs per block (EIP-4844 / EIP-7691). */
  readonly maxBlobsPerBlock: number
  /** Blob base fee update fraction (EIP-4844 / EIP-7691). */
  readonly blobBaseFeeUpdateFraction: bigint
}

const SHANGHAI_TX: TransactionGas = Object.freeze({
  base: 21000,
  create: 32000,
  zeroByte: 4,
  nonZeroByte: 16, // EIP-2028
  accessListAddress: 2400, // EIP-2930
  accessListStorageKey: 1900, // EIP-2930
  initCodeWord: 2, // EIP-3860
  floorPerToken: 0,
  perAuthorization: 0,
  maxBlobsPerBlock: 0,
  blobBaseFeeUpdateFraction: 1n,
})

const CANCUN_TX: TransactionGas = Object.freeze({
  ...SHANGHAI_TX,
  maxBlobsPerBlock: 6, // EIP-4844
  blobBaseFeeUpdateFraction: 3338477n, // EIP-4844
})

const PRAGUE_TX: TransactionGas = Object.freeze({
  ...CANCUN_TX,
  floorPerToken: 10, // EIP-7623
  perAuthorization: 25000, // EIP-7702 PER_EMPTY_ACCOUNT_COST
  maxBlobsPerBlock: 9, // EIP-7691
  blobBaseFeeUpdateFraction: 5007716n, // EIP-7691
})

/** The interpreter's dynamic gas parameters for the EVM (same for Shanghai–Prague). */
export const EVM_GAS_SCHEDULE: GasSchedule = Object.freeze({ ...NATIVE_GAS_SCHEDULE, storage: EVM_STORAGE_GAS })

/**
 * Transaction gas rules of a fork.
 *
 * @example
 * ```ts
 * import { transactionGas, Fork } from '@zvm/chain-evm'
 * transactionGas(Fork.Prague).floorPerToken // 10
 * ```
 */
export function transactionGas(fork: Fork): TransactionGas {
  return fork >= Fork.Prague ? PRAGUE_TX : fork >= Fork.Cancun ? CANCUN_TX : SHANGHAI_TX
}

/** Blob gas per blob (EIP-4844). */
export const GAS_PER_BLOB = 131072n
