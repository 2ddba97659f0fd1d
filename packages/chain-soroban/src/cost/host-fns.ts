/**
 * Where Soroban's host functions charge, by cost type and input, for the work
 * this host does the same way: `before` runs once the arguments are decoded
 * (charges the host makes up front, even when the call then fails), `after`
 * once the implementation succeeded (copies of the result's contents, which
 * the host charges only on success). Object visits, comparisons, new object
 * slots and handle conversions are charged where they happen (store and
 * invocation), not here. Declared sizes are Soroban's DeclaredSizeForMetering.
 */
import type { Budget } from '../budget.ts'
import type { Arg } from '../host/functions/types.ts'
import type { HostObject } from '../host/objects.ts'
import { CostType as T } from './types.ts'

/** Declared sizes (bytes) the host meters copies and allocations by. */
export const SIZE = { Val: 8, VecHeader: 24, MapEntry: 16, HostObject: 64, Object: 8, U8: 1 } as const

/** Copying `n` elements of `size` bytes into a new buffer (a metered deep clone of a Vec). */
export function chargeClone(b: Budget, size: number, n: number): void {
  b.cost(T.MemCpy, SIZE.VecHeader)
  b.cost(T.MemAlloc, size * n)
  b.cost(T.MemCpy, size * n)
}

type Charge = (b: Budget, args: readonly Arg[]) => void

const len = (a: Arg): number => {
  const o = a as HostObject
  switch (o.kind) {
    case 'bytes': case 'string': return o.value.length
    case 'symbol': return o.value.length
    case 'vec': return o.value.length
    case 'map': return o.keys.length
    default: return 0
  }
}
const num = (a: Arg): number => a as number
/** Bits needed for `n` (64 minus its leading zeros). */
const bitLength = (n: number): number => (n === 0 ? 0 : 32 - Math.clz32(n))

const cloneVals = (n: (a: readonly Arg[]) => number): Charge => (b, a) => chargeClone(b, SIZE.Val, n(a))
const cloneBytes = (n: (a: readonly Arg[]) => number): Charge => (b, a) => chargeClone(b, SIZE.U8, n(a))
const once = (type: number): Charge => (b) => b.cost(type)

/** Charged before the implementation runs. */
export const BEFORE: Readonly<Record<string, Charge>> = {
  vec_get: (b) => b.cost(T.MemCpy, SIZE.Val),
  vec_front: (b) => b.cost(T.MemCpy, SIZE.Val),
  vec_back: (b) => b.cost(T.MemCpy, SIZE.Val),
  vec_first_index_of: (b, [v]) => b.cost(T.MemCpy, SIZE.Val * len(v)),
  vec_last_index_of: (b, [v]) => b.cost(T.MemCpy, SIZE.Val * len(v)),
  vec_binary_search: (b, [v]) => b.cost(T.MemCpy, SIZE.Val * (1 + bitLength(len(v)))),
  vec_unpack_to_linear_memory: (b, [v]) => b.cost(T.MemCpy, SIZE.Val * len(v)),
  bytes_put: cloneBytes(([x]) => len(x)), // cloned before the index is checked
  obj_to_u64: (b) => b.cost(T.MemCpy, 8),
  obj_to_i64: (b) => b.cost(T.MemCpy, 8),
  timepoint_obj_to_u64: (b) => b.cost(T.MemCpy, 8),
  duration_obj_to_u64: (b) => b.cost(T.MemCpy, 8),
  u256_val_from_be_bytes: (b) => b.cost(T.MemCpy, 32),
  i256_val_from_be_bytes: (b) => b.cost(T.MemCpy, 32),
  deserialize_from_bytes: (b, [x]) => b.cost(T.ValDeser, len(x)),
  bytes_copy_to_linear_memory: (b, [, , , n]) => b.cost(T.MemCpy, num(n)),
  string_copy_to_linear_memory: (b, [, , , n]) => b.cost(T.MemCpy, num(n)),
  symbol_copy_to_linear_memory: (b, [, , , n]) => b.cost(T.MemCpy, num(n)),

  u256_add: once(T.Int256AddSub), u256_sub: once(T.Int256AddSub), i256_add: once(T.Int256AddSub), i256_sub: once(T.Int256AddSub),
  u256_mul: once(T.Int256Mul), i256_mul: once(T.Int256Mul),
  u256_div: once(T.Int256Div), i256_div: once(T.Int256Div), u256_rem_euclid: once(T.Int256Div), i256_rem_euclid: once(T.Int256Div),
  u256_pow: once(T.Int256Pow), i256_pow: once(T.Int256Pow),
  u256_shl: once(T.Int256Shift), u256_shr: once(T.Int256Shift), i256_shl: once(T.Int256Shift), i256_shr: once(T.Int256Shift),

  compute_hash_sha256: (b, [x]) => b.cost(T.ComputeSha256Hash, len(x)),
  compute_hash_keccak256: (b, [x]) => b.cost(T.ComputeKeccak256Hash, len(x)),
  verify_sig_ed25519: (b, [, msg]) => { b.cost(T.ComputeEd25519PubKey); b.cost(T.MemCpy, 64); b.cost(T.VerifyEd25519Sig, len(msg)) },
  recover_key_ecdsa_secp256k1: (b) => { b.cost(T.DecodeEcdsaCurve256Sig); b.cost(T.RecoverEcdsaSecp256k1Key) },
  verify_sig_ecdsa_secp256r1: (b) => { b.cost(T.MemCpy, 32); b.cost(T.Sec1DecodePointUncompressed); b.cost(T.DecodeEcdsaCurve256Sig); b.cost(T.VerifyEcdsaSecp256r1Sig) },
}

/** Charged after the implementation succeeded, before its result becomes an object. */
export const AFTER: Readonly<Record<string, Charge>> = {
  vec_put: (b, [v]) => { chargeClone(b, SIZE.Val, len(v)); b.cost(T.MemCpy, SIZE.Val) },
  vec_push_front: cloneVals(([v]) => len(v) + 1),
  vec_push_back: cloneVals(([v]) => len(v) + 1),
  vec_insert: cloneVals(([v]) => len(v) + 1),
  vec_pop_front: cloneVals(([v]) => len(v) - 1),
  vec_pop_back: cloneVals(([v]) => len(v) - 1),
  vec_del: cloneVals(([v]) => len(v) - 1),
  vec_append: cloneVals(([x, y]) => len(x) + len(y)),
  vec_slice: cloneVals(([, s, e]) => num(e) - num(s)),
  vec_new_from_linear_memory: (b, [, n]) => { b.cost(T.MemCpy, SIZE.Val * num(n)); chargeClone(b, SIZE.Val, num(n)) },

  bytes_push: cloneBytes(([x]) => len(x) + 1),
  bytes_pop: cloneBytes(([x]) => len(x)), // the host clones, then pops
  bytes_insert: cloneBytes(([x]) => len(x) + 1),
  bytes_del: (b, [x, i]) => { chargeClone(b, SIZE.U8, len(x)); b.cost(T.MemCpy, len(x) - num(i) - 1) }, // clone, then shift the tail
  bytes_append: cloneBytes(([x, y]) => len(x) + len(y)),
  bytes_slice: cloneBytes(([, s, e]) => num(e) - num(s)),
  bytes_new_from_linear_memory: cloneBytes(([, n]) => num(n)),
  string_new_from_linear_memory: cloneBytes(([, n]) => num(n)),
  symbol_new_from_linear_memory: (b, [, n]) => { b.cost(T.MemCmp, num(n)); chargeClone(b, SIZE.U8, num(n)) }, // checked as a Symbol, then copied
  bytes_copy_from_linear_memory: (b, [x, bPos, , n]) => chargeClone(b, SIZE.U8, Math.max(len(x), num(bPos) + num(n))),
  string_to_bytes: cloneBytes(([x]) => len(x)),
  bytes_to_string: cloneBytes(([x]) => len(x)),

  get_ledger_network_id: cloneBytes(() => 32),
  compute_hash_sha256: cloneBytes(() => 32),
  compute_hash_keccak256: cloneBytes(() => 32),
  recover_key_ecdsa_secp256k1: cloneBytes(() => 65),
  u256_val_to_be_bytes: cloneBytes(() => 32),
  i256_val_to_be_bytes: cloneBytes(() => 32),
}
