/**
 * The dynamic-cost parameters the interpreter reads while executing. A chain
 * supplies its own schedule (the EVM package builds one per fork); the native
 * ISA uses NATIVE_GAS_SCHEDULE. Reading a field of a frozen object costs the
 * same as a constant in the hot loop, and keeps fork checks out of it.
 */
import { PQ_VERIFY_WORD_GAS } from './native-costs.ts'
import { NATIVE_STORAGE_GAS, type StorageGasSchedule } from './storage.ts'

/** Every dynamic gas parameter an instruction may need. */
export interface GasSchedule {
  readonly storage: StorageGasSchedule
  /** Surcharge for touching a cold account (EIP-2929: 2500 on top of 100). */
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
  /** SELFDESTRUCT to a new account with a balance. */
  readonly selfDestructNewAccount: number
  /** Per word copied by the *COPY opcodes. */
  readonly copyPerWord: number
  /** Per byte of LOG data. */
  readonly logPerByte: number
  /** Per byte of EXP exponent. */
  readonly expPerByte: number
  /**
   * Per word hashed by KECCAK256 (and the other hashes below): Ethereum's
   * prices, which the EVM table uses; the native table prices its hashes by
   * NATIVE_OP_GAS (native-costs.ts).
   */
  readonly keccakPerWord: number
  /** Per word hashed by SHA256. */
  readonly sha256PerWord: number
  /** Per word hashed by RIPEMD160. */
  readonly ripemd160PerWord: number
  /** Per word hashed by BLAKE2B. */
  readonly blake2bPerWord: number
  /** Per byte of an HCS message (HCS_SUBMIT). */
  readonly hcsPerByte: number
  /** Per 32-byte word of message, signature and key verified by PQ_VERIFY_*. */
  readonly pqVerifyPerWord: number
  /** Refund quotient: refunds are capped at gasUsed / this (EIP-3529: 5). */
  readonly refundQuotient: number
}

/**
 * The native ISA's schedule (spec/native-isa.md; unstated parts follow Cancun).
 *
 * @example
 * ```ts
 * import { NATIVE_GAS_SCHEDULE } from '@zvm/gas'
 * NATIVE_GAS_SCHEDULE.callStipend // 2300
 * ```
 */
export const NATIVE_GAS_SCHEDULE: GasSchedule = Object.freeze({
  storage: NATIVE_STORAGE_GAS,
  coldAccountSurcharge: 2500,
  callValue: 9000,
  callNewAccount: 25000,
  callStipend: 2300,
  codeDepositPerByte: 200,
  maxCodeSize: 24576,
  maxInitCodeSize: 49152,
  selfDestructNewAccount: 25000,
  copyPerWord: 3,
  logPerByte: 8,
  expPerByte: 50,
  keccakPerWord: 6,
  sha256PerWord: 12,
  ripemd160PerWord: 120,
  blake2bPerWord: 6,
  hcsPerByte: 100,
  pqVerifyPerWord: PQ_VERIFY_WORD_GAS,
  refundQuotient: 5,
})
