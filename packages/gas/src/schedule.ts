/**
 * The gas parameters the interpreter reads while executing, besides the
 * table's static gas. A chain supplies its own schedule (the EVM package
 * builds one with every field tied to its EIP); the native ISA uses
 * NATIVE_GAS_SCHEDULE. Reading a field of a frozen object costs the same as a
 * constant in the hot loop, and keeps fork checks out of it.
 *
 * Prices that belong to one operation rather than to a chain (the native
 * hashes, PQ_VERIFY_*, HCS_SUBMIT: native-costs.ts) are not here: the op
 * charges them wherever it is placed.
 */
import { NATIVE_OPCODES_BY_NAME } from '@zvm/bytecode'
import { NATIVE_STORAGE_GAS, type StorageGasSchedule } from './storage.ts'

/** Every chain-dependent gas parameter an instruction reads at run time. */
export interface GasSchedule {
  readonly storage: StorageGasSchedule
  /**
   * Access to a warm account (EIP-2929 WARM_STORAGE_READ_COST: 100). The
   * static gas of BALANCE, EXTCODE* and CALL*; charged at run time for the
   * account an EIP-7702 delegation points to, and for SELFDESTRUCT's cold
   * beneficiary (with coldAccountSurcharge).
   */
  readonly warmAccess: number
  /** Surcharge for touching a cold account (EIP-2929: 2600 − 100). */
  readonly coldAccountSurcharge: number
  /** CALL with non-zero value. */
  readonly callValue: number
  /** CALL with value to an account that does not exist. */
  readonly callNewAccount: number
  /** Gas added to a value-bearing call for the callee. */
  readonly callStipend: number
  /** Per byte of deployed code. */
  readonly codeDepositPerByte: number
  /** Largest deployable code (EIP-170). */
  readonly maxCodeSize: number
  /** Largest init code (EIP-3860). */
  readonly maxInitCodeSize: number
  /** Per word of CREATE/CREATE2 init code (EIP-3860). */
  readonly initCodePerWord: number
  /** SELFDESTRUCT to a new account with a balance. */
  readonly selfDestructNewAccount: number
  /** Per word copied by the *COPY opcodes. */
  readonly copyPerWord: number
  /** Per byte of LOG data. */
  readonly logPerByte: number
  /** Per byte of EXP exponent. */
  readonly expPerByte: number
  /**
   * Per word hashed by the shared KECCAK256 op and by CREATE2's address
   * derivation (the native table's own KECCAK256 is priced by NATIVE_OP_GAS).
   */
  readonly keccakPerWord: number
  /** Refund quotient: refunds are capped at gasUsed / this (EIP-3529: 5). */
  readonly refundQuotient: number
}

/**
 * The native ISA's schedule (spec/native-isa.md; unstated parts follow Cancun).
 * The warm access cost is the static gas the native table gives BALANCE.
 *
 * @example
 * ```ts
 * import { NATIVE_GAS_SCHEDULE } from '@zvm/gas'
 * NATIVE_GAS_SCHEDULE.callStipend // 2300
 * ```
 */
export const NATIVE_GAS_SCHEDULE: GasSchedule = Object.freeze({
  storage: NATIVE_STORAGE_GAS,
  warmAccess: NATIVE_OPCODES_BY_NAME.get('BALANCE')!.staticGas,
  coldAccountSurcharge: 2500,
  callValue: 9000,
  callNewAccount: 25000,
  // EIP-2200: the SSTORE sentry is the call stipend.
  callStipend: NATIVE_STORAGE_GAS.sentry,
  codeDepositPerByte: 200,
  maxCodeSize: 24576,
  maxInitCodeSize: 49152,
  initCodePerWord: 2,
  selfDestructNewAccount: 25000,
  copyPerWord: 3,
  logPerByte: 8,
  expPerByte: 50,
  keccakPerWord: 6,
  refundQuotient: 5,
})
