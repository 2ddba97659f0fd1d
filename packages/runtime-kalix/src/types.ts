/**
 * KALIX value types as the ABI JSON writes them: `u8`…`u256` and `i8`…`i256`
 * (multiples of 8 bits), `bool`, `address`, `bytes` and `string`. Table key
 * and value types are the same types.
 */
import { KalixTypeError } from './errors.ts'

/** A parsed KALIX type. */
export type KalixType =
  | { readonly kind: 'uint'; readonly bits: number }
  | { readonly kind: 'int'; readonly bits: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'address' }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'string' }

/** A JS value of a KALIX type: bigint (integers), boolean, a 0x address, bytes or a string. */
export type KalixValue = bigint | boolean | string | Uint8Array

const cache = new Map<string, KalixType>()

/**
 * Parses a KALIX type string; throws {@link KalixTypeError} for anything else.
 *
 * @example
 * ```ts
 * import { parseKalixType } from '@zvm/runtime-kalix'
 * parseKalixType('u64') // { kind: 'uint', bits: 64 }
 * ```
 */
export function parseKalixType(type: string): KalixType {
  const hit = cache.get(type)
  if (hit !== undefined) return hit
  let t: KalixType
  const m = /^([ui])(\d{1,3})$/.exec(type)
  if (m) {
    const bits = Number(m[2])
    if (bits < 8 || bits > 256 || bits % 8 !== 0 || m[2].startsWith('0')) throw new KalixTypeError(type, 'integer widths are 8, 16, … 256 bits')
    t = { kind: m[1] === 'u' ? 'uint' : 'int', bits }
  } else if (type === 'bool' || type === 'address' || type === 'bytes' || type === 'string') {
    t = { kind: type }
  } else {
    throw new KalixTypeError(type, 'expected u8…u256, i8…i256, bool, address, bytes or string')
  }
  if (cache.size < 1024) cache.set(type, t)
  return t
}

/** True for types encoded in the tail (bytes, string). */
export function isDynamic(t: KalixType): boolean {
  return t.kind === 'bytes' || t.kind === 'string'
}

/**
 * The Solidity ABI type with the same encoding (`u64` → `uint64`), for
 * tools such as viem that speak the Solidity ABI.
 *
 * @example
 * ```ts
 * import { toSolidityType } from '@zvm/runtime-kalix'
 * toSolidityType('i128') // 'int128'
 * ```
 */
export function toSolidityType(type: string): string {
  const t = parseKalixType(type)
  return t.kind === 'uint' ? `uint${t.bits}` : t.kind === 'int' ? `int${t.bits}` : t.kind
}
