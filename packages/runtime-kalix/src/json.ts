/**
 * KALIX values to and from JSON, for command lines and files: integers as
 * JSON numbers (safe integers only) or as decimal / 0x-hex strings, bools as
 * true/false, addresses and `bytes` as 0x hex, strings as strings. Output
 * writes integers as decimal strings so no precision is lost.
 */
import { hexToBytes } from '@zvm/primitives'
import { KalixValueError } from './errors.ts'
import { parseKalixType, type KalixType, type KalixValue } from './types.ts'

/**
 * The JS value of JSON `value` for `type`; throws {@link KalixValueError} naming `path`.
 *
 * @example
 * ```ts
 * import { fromJsonValue } from '@zvm/runtime-kalix'
 * fromJsonValue('u256', '0x10') // 16n
 * ```
 */
export function fromJsonValue(type: string | KalixType, value: unknown, path = 'value'): KalixValue {
  const t = typeof type === 'string' ? parseKalixType(type) : type
  switch (t.kind) {
    case 'uint':
    case 'int':
      if (typeof value === 'number') {
        if (!Number.isSafeInteger(value)) throw new KalixValueError(path, `${value} is not a safe integer; write big integers as strings`)
        return BigInt(value)
      }
      if (typeof value === 'string' && /^-?(\d+|0x[0-9a-fA-F]+)$/.test(value)) {
        return value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value)
      }
      throw new KalixValueError(path, `expected an integer (a number, or a decimal or 0x-hex string), got ${JSON.stringify(value)}`)
    case 'bool':
      if (typeof value !== 'boolean') throw new KalixValueError(path, `expected true or false, got ${JSON.stringify(value)}`)
      return value
    case 'address':
    case 'string':
      if (typeof value !== 'string') throw new KalixValueError(path, `expected a string, got ${JSON.stringify(value)}`)
      return value
    case 'bytes':
      if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) throw new KalixValueError(path, `expected 0x-hex bytes, got ${JSON.stringify(value)}`)
      return hexToBytes(value)
  }
}

/**
 * A list of JSON values for `types` (a function's inputs); throws
 * {@link KalixValueError} for a non-array or a wrong count.
 *
 * @example
 * ```ts
 * import { fromJsonValues } from '@zvm/runtime-kalix'
 * fromJsonValues(['u64', 'bool'], [5, true]) // [5n, true]
 * ```
 */
export function fromJsonValues(types: readonly (string | KalixType)[], values: unknown, names?: readonly string[]): KalixValue[] {
  if (!Array.isArray(values)) throw new KalixValueError('(arguments)', `expected a JSON list of ${types.length} value${types.length === 1 ? '' : 's'}, got ${JSON.stringify(values)}`)
  if (values.length !== types.length) throw new KalixValueError('(arguments)', `expected ${types.length} value${types.length === 1 ? '' : 's'}, got ${values.length}`)
  return types.map((t, i) => fromJsonValue(t, values[i], names?.[i] || `[${i}]`))
}
