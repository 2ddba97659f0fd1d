/**
 * Errors thrown at API boundaries for misuse or hostile input.
 * Execution outcomes (out of gas, revert, bad jump) are never thrown: the
 * interpreter returns them as halt codes inside a result.
 */

/** Options for {@link ZvmError}: a cause and free-form details for tools. */
export interface ZvmErrorOptions extends ErrorOptions {
  /** Extra context printed after the short message, e.g. the field or offset. */
  details?: string
}

/**
 * Base class of every error a ZVM package throws. `code` is stable and meant
 * for programs; `shortMessage` is one human line that includes the numbers.
 *
 * @example
 * ```ts
 * import { ZvmError } from '@zvm/primitives'
 * try { throw new ZvmError('HEX_INVALID', 'hex string has odd length 3') }
 * catch (e) { if (e instanceof ZvmError) console.log(e.code) } // HEX_INVALID
 * ```
 */
export class ZvmError extends Error {
  override name = 'ZvmError'
  readonly code: string
  readonly shortMessage: string
  readonly details: string | undefined

  constructor(code: string, shortMessage: string, options: ZvmErrorOptions = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, options)
    this.code = code
    this.shortMessage = shortMessage
    this.details = options.details
  }
}

/**
 * Thrown when a hex string or a byte value given to an API is malformed.
 *
 * @example
 * ```ts
 * import { hexToBytes, InvalidHexError } from '@zvm/primitives'
 * try { hexToBytes('0xzz') } catch (e) { console.log(e instanceof InvalidHexError) } // true
 * ```
 */
export class InvalidHexError extends ZvmError {
  override name = 'InvalidHexError'
  constructor(message: string) {
    super('HEX_INVALID', message)
  }
}
