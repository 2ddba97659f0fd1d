/**
 * Soroban errors. Execution failures are `Error(type, code)` values exactly as
 * the Soroban host reports them (ScErrorType, ScErrorCode); they travel as a
 * thrown {@link HostError} inside the host and come out of `invoke` as a
 * result, never as an exception. Bad modules and bad API input throw typed
 * {@link ZvmError}s.
 */
import { ZvmError } from '@zvm/primitives'
import type { ModuleLimitRule } from './wasm/limits.ts'

/** ScErrorType: which part of the system failed. */
export const ErrorType = {
  Contract: 0, WasmVm: 1, Context: 2, Storage: 3, Object: 4, Crypto: 5, Events: 6, Budget: 7, Value: 8, Auth: 9,
} as const
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType]

/** ScErrorCode: what went wrong (for every type except Contract). */
export const ErrorCode = {
  ArithDomain: 0, IndexBounds: 1, InvalidInput: 2, MissingValue: 3, ExistingValue: 4,
  ExceededLimit: 5, InvalidAction: 6, InternalError: 7, UnexpectedType: 8, UnexpectedSize: 9,
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

const TYPE_NAMES = Object.fromEntries(Object.entries(ErrorType).map(([k, v]) => [v, k])) as Record<number, string>
const CODE_NAMES = Object.fromEntries(Object.entries(ErrorCode).map(([k, v]) => [v, k])) as Record<number, string>

/** `Error(Budget, ExceededLimit)`, or `Error(Contract, #7)` for contract codes. */
export function formatError(type: number, code: number): string {
  const t = TYPE_NAMES[type] ?? `type${type}`
  return type === ErrorType.Contract ? `Error(Contract, #${code})` : `Error(${t}, ${CODE_NAMES[code] ?? `code${code}`})`
}

/** A Soroban `Error(type, code)` raised while a contract runs. */
export class HostError extends Error {
  override name = 'HostError'
  readonly type: number
  readonly code: number
  constructor(type: number, code: number, message: string) {
    super(`${formatError(type, code)}: ${message}`)
    this.type = type
    this.code = code
  }
  /**
   * Whether `try_call` may catch it (the Soroban host's rule): host internal
   * errors and exceeding the budget or storage limits are not recoverable.
   */
  get recoverable(): boolean {
    if (this.type !== ErrorType.Contract && this.code === ErrorCode.InternalError) return false
    return !(this.code === ErrorCode.ExceededLimit && (this.type === ErrorType.Storage || this.type === ErrorType.Budget))
  }
}

/** Why a WASM module was refused (the host refuses it before running anything). */
export type ModuleRejection =
  | 'malformed' | 'float' | 'multi-value' | 'reference-types' | 'bulk-memory' | 'simd'
  | 'unknown-import' | 'unsupported-protocol' | 'too-large' | 'start-function'

/**
 * Thrown by upload/validation when a module breaks the Soroban rules. A
 * module over a size limit has reason `too-large` and names the limit in
 * `rule` (see the package README, "Limits").
 *
 * @example
 * try { host.validate(wasm) } catch (e) {
 *   if (e instanceof InvalidContractModuleError && e.rule === 'table-entries') console.log(e.message)
 * }
 */
export class InvalidContractModuleError extends ZvmError {
  override name = 'InvalidContractModuleError'
  readonly reason: ModuleRejection
  readonly offset: number | undefined
  /** The limit a `too-large` module broke. */
  readonly rule: ModuleLimitRule | undefined
  constructor(reason: ModuleRejection, message: string, offset?: number, rule?: ModuleLimitRule) {
    const text = rule === undefined ? message : `${message} [limit: ${rule}]`
    super(`SOROBAN_MODULE_${reason.toUpperCase().replaceAll('-', '_')}`, offset === undefined ? text : `${text} (at byte ${offset})`)
    this.reason = reason
    this.offset = offset
    this.rule = rule
  }
}
