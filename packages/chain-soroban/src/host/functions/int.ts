/** Module `i`: integer objects, their pieces and big-endian bytes, 256-bit arithmetic. */
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import type { Invocation } from '../invocation.ts'
import type { IntKind, Of } from '../objects.ts'
import { inRange } from '../store.ts'
import type { Arg, HostImplementation } from './types.ts'

const M64 = (1n << 64n) - 1n
const arith = (message: string): HostError => new HostError(ErrorType.Value, ErrorCode.ArithDomain, message)
const value = (a: Arg): bigint => (a as Of<IntKind>).value
const piece = (v: bigint, index: number, signed: boolean): bigint => {
  const p = (v >> BigInt(64 * index)) & M64
  return signed ? BigInt.asIntN(64, p) : p
}
const checked = (kind: IntKind, v: bigint): bigint => {
  if (!inRange(kind, v)) throw arith(`${kind} overflow`)
  return v
}
const euclidRem = (a: bigint, b: bigint): bigint => {
  const r = a % b
  return r < 0n ? r + (b < 0n ? -b : b) : r
}

function pow(h: Invocation, kind: IntKind, base: bigint, exponent: number): bigint {
  let result = 1n
  let b = base
  let e = exponent
  while (e > 0) {
    if (e & 1) result = checked(kind, result * b)
    e >>>= 1
    if (e > 0) b = checked(kind, b * b)
  }
  return result
}

function beBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(32)
  let x = BigInt.asUintN(256, v)
  for (let i = 31; i >= 0; i--) { out[i] = Number(x & 0xffn); x >>= 8n }
  return out
}
const fromBe = (b: Uint8Array): bigint => b.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n)

function bigOps(kind: 'u256' | 'i256'): Record<string, HostImplementation> {
  const signed = kind === 'i256'
  return {
    [`${kind}_add`]: (_h, [a, b]) => checked(kind, (a as bigint) + (b as bigint)),
    [`${kind}_sub`]: (_h, [a, b]) => checked(kind, (a as bigint) - (b as bigint)),
    [`${kind}_mul`]: (_h, [a, b]) => checked(kind, (a as bigint) * (b as bigint)),
    [`${kind}_div`]: (_h, [a, b]) => {
      if (b === 0n) throw arith('division by zero')
      return checked(kind, (a as bigint) / (b as bigint))
    },
    [`${kind}_rem_euclid`]: (_h, [a, b]) => {
      if (b === 0n) throw arith('division by zero')
      return euclidRem(a as bigint, b as bigint)
    },
    [`${kind}_pow`]: (h, [a, e]) => pow(h, kind, a as bigint, e as number),
    [`${kind}_shl`]: (_h, [a, s]) => {
      if ((s as number) >= 256) throw arith('shift of 256 bits or more')
      const shifted = BigInt.asUintN(256, (a as bigint) << BigInt(s as number))
      return signed ? BigInt.asIntN(256, shifted) : shifted
    },
    [`${kind}_shr`]: (_h, [a, s]) => {
      if ((s as number) >= 256) throw arith('shift of 256 bits or more')
      return (a as bigint) >> BigInt(s as number)
    },
    [`${kind}_val_from_be_bytes`]: (_h, [b]) => {
      const bytes = (b as Of<'bytes'>).value
      if (bytes.length !== 32) throw new HostError(ErrorType.Object, ErrorCode.UnexpectedSize, `${bytes.length} bytes, expected 32`)
      const v = fromBe(bytes)
      return signed ? BigInt.asIntN(256, v) : v
    },
    [`${kind}_val_to_be_bytes`]: (_h, [v]) => ({ kind: 'bytes', value: beBytes(v as bigint) }),
    [`obj_from_${kind}_pieces`]: (_h, [hh, hl, lh, ll]) => ({ kind, value: ((hh as bigint) << 192n) | ((hl as bigint) << 128n) | ((lh as bigint) << 64n) | (ll as bigint) }),
    [`obj_to_${kind}_hi_hi`]: (_h, [o]) => piece(value(o), 3, signed),
    [`obj_to_${kind}_hi_lo`]: (_h, [o]) => piece(value(o), 2, false),
    [`obj_to_${kind}_lo_hi`]: (_h, [o]) => piece(value(o), 1, false),
    [`obj_to_${kind}_lo_lo`]: (_h, [o]) => piece(value(o), 0, false),
  }
}

export const int: Record<string, HostImplementation> = {
  obj_from_u64: (_h, [v]) => ({ kind: 'u64', value: v as bigint }),
  obj_to_u64: (_h, [o]) => value(o),
  obj_from_i64: (_h, [v]) => ({ kind: 'i64', value: v as bigint }),
  obj_to_i64: (_h, [o]) => value(o),
  obj_from_u128_pieces: (_h, [hi, lo]) => ({ kind: 'u128', value: ((hi as bigint) << 64n) | (lo as bigint) }),
  obj_to_u128_lo64: (_h, [o]) => piece(value(o), 0, false),
  obj_to_u128_hi64: (_h, [o]) => piece(value(o), 1, false),
  obj_from_i128_pieces: (_h, [hi, lo]) => ({ kind: 'i128', value: ((hi as bigint) << 64n) | (lo as bigint) }),
  obj_to_i128_lo64: (_h, [o]) => piece(value(o), 0, false),
  obj_to_i128_hi64: (_h, [o]) => piece(value(o), 1, true),
  timepoint_obj_from_u64: (_h, [v]) => ({ kind: 'timepoint', value: v as bigint }),
  timepoint_obj_to_u64: (_h, [o]) => value(o),
  duration_obj_from_u64: (_h, [v]) => ({ kind: 'duration', value: v as bigint }),
  duration_obj_to_u64: (_h, [o]) => value(o),
  ...bigOps('u256'),
  ...bigOps('i256'),
}
