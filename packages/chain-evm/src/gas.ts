/**
 * EVM gas parameters per fork. Each fork is the previous one plus a diff;
 * each line names its EIP. Shanghai is the base: EIP-2929 (Berlin) access
 * costs, EIP-2200/3529 SSTORE, EIP-3860 init code metering. Every value is
 * written once here: the table's static gas, the ops' dynamic gas and the
 * transaction rules read the same constant. Nothing is taken from the native
 * ISA's schedule.
 */
import type { GasSchedule, StorageGasSchedule } from '@zvm/gas'
import { Fork } from './forks.ts'

/** EIP-2929: a warm account or slot. */
const WARM_STORAGE_READ_COST = 100
/** EIP-2929: a cold account. */
const COLD_ACCOUNT_ACCESS_COST = 2600
/** EIP-2929: a cold slot. */
const COLD_SLOAD_COST = 2100
/** EIP-2200 SSTORE_RESET_GAS, before EIP-2929 took the cold read out of it. */
const SSTORE_RESET_GAS = 5000
/** EIP-2930: per storage key of an access list. */
const ACCESS_LIST_STORAGE_KEY_COST = 1900
/** Yellow Paper G_callstipend; EIP-2200 reuses it as the SSTORE sentry. */
const CALL_STIPEND = 2300
/** Yellow Paper G_newaccount (EIP-161 applies it only to empty accounts). */
const NEW_ACCOUNT = 25000
/** EIP-170: largest deployable code. */
const MAX_CODE_SIZE = 24576
/** EIP-3860: per word of init code, charged by CREATE/CREATE2 and by creating transactions. */
const INIT_CODE_WORD_COST = 2

/**
 * Static gas of EVM instructions that another rule repeats (Yellow Paper
 * Appendix G). The table's rows read these, as does the transaction rule
 * (`create`).
 *
 * @example
 * ```ts
 * import { EVM_STATIC_GAS } from '@zvm/chain-evm'
 * EVM_STATIC_GAS.logBase + 2 * EVM_STATIC_GAS.logTopic // 1125: LOG2
 * ```
 */
export const EVM_STATIC_GAS = Object.freeze({
  /** CREATE, CREATE2, and a contract-creating transaction (G_create). */
  create: 32000,
  /** LOGn costs logBase + n × logTopic (G_log, G_logtopic). */
  logBase: 375,
  logTopic: 375,
})

/** SLOAD/SSTORE on the EVM: everything is dynamic (static 0). */
export const EVM_STORAGE_GAS: StorageGasSchedule = Object.freeze({
  sstoreStatic: 0,
  warmRead: WARM_STORAGE_READ_COST, // EIP-2929
  coldRead: COLD_SLOAD_COST, // EIP-2929
  sstoreColdSurcharge: COLD_SLOAD_COST, // EIP-2929
  set: 20000, // EIP-2200 SSTORE_SET_GAS
  reset: SSTORE_RESET_GAS - COLD_SLOAD_COST, // EIP-2929
  clearRefund: SSTORE_RESET_GAS - COLD_SLOAD_COST + ACCESS_LIST_STORAGE_KEY_COST, // EIP-3529 SSTORE_CLEARS_SCHEDULE
  sentry: CALL_STIPEND, // EIP-2200
})

/** EIP-7702: what an authorization costs, and what it costs when its authority already exists (the rest is refunded). */
export const PER_EMPTY_ACCOUNT_COST = 25000
export const PER_AUTH_BASE_COST = 12500
/** EIP-7623: calldata tokens are zero bytes plus this many per non-zero byte. */
export const TOKENS_PER_NONZERO_BYTE = 4

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
  create: EVM_STATIC_GAS.create,
  zeroByte: 4,
  nonZeroByte: 16, // EIP-2028
  accessListAddress: 2400, // EIP-2930
  accessListStorageKey: ACCESS_LIST_STORAGE_KEY_COST, // EIP-2930
  initCodeWord: INIT_CODE_WORD_COST, // EIP-3860
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
  perAuthorization: PER_EMPTY_ACCOUNT_COST, // EIP-7702
  maxBlobsPerBlock: 9, // EIP-7691
  blobBaseFeeUpdateFraction: 5007716n, // EIP-7691
})

/**
 * The interpreter's gas parameters for the EVM (the same for Shanghai–Prague).
 * Written out in full, not derived from the native schedule, so a change to
 * the native ISA never reaches the EVM.
 *
 * @example
 * ```ts
 * import { EVM_GAS_SCHEDULE } from '@zvm/chain-evm'
 * EVM_GAS_SCHEDULE.warmAccess + EVM_GAS_SCHEDULE.coldAccountSurcharge // 2600
 * ```
 */
export const EVM_GAS_SCHEDULE: GasSchedule = Object.freeze({
  storage: EVM_STORAGE_GAS,
  warmAccess: WARM_STORAGE_READ_COST, // EIP-2929
  coldAccountSurcharge: COLD_ACCOUNT_ACCESS_COST - WARM_STORAGE_READ_COST, // EIP-2929
  callValue: 9000, // Yellow Paper G_callvalue
  callNewAccount: NEW_ACCOUNT, // Yellow Paper G_newaccount, EIP-161
  callStipend: CALL_STIPEND, // Yellow Paper G_callstipend
  codeDepositPerByte: 200, // Yellow Paper G_codedeposit
  maxCodeSize: MAX_CODE_SIZE, // EIP-170
  maxInitCodeSize: 2 * MAX_CODE_SIZE, // EIP-3860
  initCodePerWord: INIT_CODE_WORD_COST, // EIP-3860
  selfDestructNewAccount: NEW_ACCOUNT, // EIP-150, EIP-161
  copyPerWord: 3, // Yellow Paper G_copy
  logPerByte: 8, // Yellow Paper G_logdata
  expPerByte: 50, // EIP-160
  keccakPerWord: 6, // Yellow Paper G_keccak256word (also CREATE2's init code hash, EIP-1014)
  refundQuotient: 5, // EIP-3529
})

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
