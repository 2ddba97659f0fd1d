/**
 * Host objects: everything a `Val` cannot hold inline. Objects are immutable
 * (every vec/map/bytes operation makes a new one) and live in one table per
 * invocation; contracts see them through per-frame relative handles, so a
 * forged or foreign handle is an error, never another contract's object.
 */
import { ErrorCode, ErrorType, HostError } from '../errors.ts'
import type { IntKind } from '../int-scval.ts'
import { Tag } from '../val.ts'

export type { IntKind }

export type HostObject =
  | { readonly kind: IntKind, readonly value: bigint }
  | { readonly kind: 'bytes' | 'string', readonly value: Uint8Array }
  | { readonly kind: 'symbol', readonly value: string }
  | { readonly kind: 'vec', readonly value: readonly bigint[] }
  /** Keys sorted by the host's total order, unique; both arrays hold absolute Vals. */
  | { readonly kind: 'map', readonly keys: readonly bigint[], readonly values: readonly bigint[] }
  /** Strkey: G… account or C… contract. */
  | { readonly kind: 'address', readonly value: string }
  /** Strkey: M… muxed account (protocol 23+). */
  | { readonly kind: 'muxed', readonly value: string }
  /** Protocol 28 (CAP-85): the string of an executable tag, made only by `create_executable_tag`. */
  | { readonly kind: 'executable_tag', readonly value: Uint8Array }

export type ObjectKind = HostObject['kind']

export const OBJECT_TAGS: Record<ObjectKind, number> = {
  u64: Tag.U64Object, i64: Tag.I64Object, timepoint: Tag.TimepointObject, duration: Tag.DurationObject,
  u128: Tag.U128Object, i128: Tag.I128Object, u256: Tag.U256Object, i256: Tag.I256Object,
  bytes: Tag.BytesObject, string: Tag.StringObject, symbol: Tag.SymbolObject, vec: Tag.VecObject,
  map: Tag.MapObject, address: Tag.AddressObject, muxed: Tag.MuxedAddressObject, executable_tag: Tag.ExecutableTagObject,
}

export const KIND_OF_TAG: Record<number, ObjectKind> = Object.fromEntries(Object.entries(OBJECT_TAGS).map(([k, t]) => [t, k as ObjectKind]))

export type Of<K extends ObjectKind> = HostObject & { readonly kind: K }

export function objectSize(o: HostObject): number {
  switch (o.kind) {
    case 'bytes': case 'string': case 'executable_tag': return 48 + o.value.length
    case 'symbol': return 48 + o.value.length
    case 'vec': return 48 + 8 * o.value.length
    case 'map': return 48 + 16 * o.keys.length
    default: return 48
  }
}

export const badHandle = (handle: number): HostError =>
  new HostError(ErrorType.Object, ErrorCode.MissingValue, `unknown object handle ${handle}`)
