/** Modules `v` and `m`: immutable vectors and sorted maps, and their linear-memory forms. */
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { isValidSymbol, u32Val, VOID } from '../../val.ts'
import type { Invocation } from '../invocation.ts'
import type { Of } from '../objects.ts'
import type { Arg, HostImplementation } from './types.ts'

const bounds = (message: string): HostError => new HostError(ErrorType.Object, ErrorCode.IndexBounds, message)
const missing = (message: string): HostError => new HostError(ErrorType.Object, ErrorCode.MissingValue, message)
const vec = (a: Arg): readonly bigint[] => (a as Of<'vec'>).value
const map = (a: Arg): Of<'map'> => a as Of<'map'>
const newVec = (value: bigint[]): Of<'vec'> => ({ kind: 'vec', value })

/** Index of the key, or -(insertion point) - 1. */
function search(h: Invocation, keys: readonly bigint[], key: bigint): number {
  let lo = 0
  let hi = keys.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const c = h.store.compare(keys[mid], key)
    if (c === 0) return mid
    if (c < 0) lo = mid + 1
    else hi = mid - 1
  }
  return -lo - 1
}

function at(list: readonly bigint[], i: number): bigint {
  if (i >= list.length) throw bounds(`index ${i} of ${list.length}`)
  return list[i]
}

function symbolKeys(h: Invocation, pos: number, len: number): string[] {
  return h.readSlices(pos, len).map((raw) => {
    const s = new TextDecoder().decode(raw)
    if (!isValidSymbol(s)) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `invalid symbol ${JSON.stringify(s)}`)
    return s
  })
}

export const collections: Record<string, HostImplementation> = {
  vec_new: () => newVec([]),
  vec_put: (h, [v, i, x]) => { const l = [...vec(v)]; at(l, i as number); l[i as number] = x as bigint; return newVec(l) },
  vec_get: (_h, [v, i]) => at(vec(v), i as number),
  vec_del: (h, [v, i]) => { const l = [...vec(v)]; at(l, i as number); l.splice(i as number, 1); return newVec(l) },
  vec_len: (_h, [v]) => vec(v).length,
  vec_push_front: (h, [v, x]) => { return newVec([x as bigint, ...vec(v)]) },
  vec_pop_front: (h, [v]) => { if (vec(v).length === 0) throw bounds('pop from an empty vec'); return newVec(vec(v).slice(1)) },
  vec_push_back: (h, [v, x]) => { return newVec([...vec(v), x as bigint]) },
  vec_pop_back: (h, [v]) => { if (vec(v).length === 0) throw bounds('pop from an empty vec'); return newVec(vec(v).slice(0, -1)) },
  vec_front: (_h, [v]) => at(vec(v), 0),
  vec_back: (_h, [v]) => { const l = vec(v); if (l.length === 0) throw bounds('back of an empty vec'); return l[l.length - 1] },
  vec_insert: (h, [v, i, x]) => {
    const l = [...vec(v)]
    if ((i as number) > l.length) throw bounds(`insert at ${String(i)} of ${l.length}`)
    l.splice(i as number, 0, x as bigint)
    return newVec(l)
  },
  vec_append: (h, [a, b]) => { return newVec([...vec(a), ...vec(b)]) },
  vec_slice: (h, [v, start, end]) => {
    const l = vec(v)
    if ((start as number) > (end as number) || (end as number) > l.length) throw bounds(`slice ${String(start)}..${String(end)} of ${l.length}`)
    return newVec(l.slice(start as number, end as number))
  },
  vec_first_index_of: (h, [v, x]) => { const i = vec(v).findIndex((e) => h.store.compare(e, x as bigint) === 0); return i < 0 ? VOID : u32Val(i) },
  vec_last_index_of: (h, [v, x]) => {
    const l = vec(v)
    for (let i = l.length - 1; i >= 0; i--) if (h.store.compare(l[i], x as bigint) === 0) return u32Val(i)
    return VOID
  },
  vec_binary_search: (h, [v, x]) => {
    const i = search(h, vec(v), x as bigint)
    // High 32 bits: 1 when found; low 32 bits: the index or the insertion point.
    return i >= 0 ? (1n << 32n) | BigInt(i) : BigInt(-i - 1)
  },
  vec_new_from_linear_memory: (h, [pos, len]) => newVec(h.readU64s(pos as number, len as number).map((raw) => h.toAbs(h.frame, raw))),
  vec_unpack_to_linear_memory: (h, [v, pos, len]) => {
    const l = vec(v)
    if (l.length !== len) throw new HostError(ErrorType.Object, ErrorCode.UnexpectedSize, `vec has ${l.length} elements, expected ${String(len)}`)
    h.writeU64s(pos as number, l.map((e) => h.toRel(h.frame, e)))
    return undefined
  },

  map_new: () => ({ kind: 'map', keys: [], values: [] }),
  map_put: (h, [m, k, x]) => {
    const { keys, values } = map(m)
    const i = search(h, keys, k as bigint)
    const ks = [...keys]
    const vs = [...values]
    if (i >= 0) vs[i] = x as bigint
    else { ks.splice(-i - 1, 0, k as bigint); vs.splice(-i - 1, 0, x as bigint) }
    return { kind: 'map', keys: ks, values: vs }
  },
  map_get: (h, [m, k]) => { const i = search(h, map(m).keys, k as bigint); if (i < 0) throw missing('key not in map'); return map(m).values[i] },
  map_del: (h, [m, k]) => {
    const i = search(h, map(m).keys, k as bigint)
    if (i < 0) throw missing('key not in map')
    return { kind: 'map', keys: map(m).keys.filter((_, j) => j !== i), values: map(m).values.filter((_, j) => j !== i) }
  },
  map_len: (_h, [m]) => map(m).keys.length,
  map_has: (h, [m, k]) => search(h, map(m).keys, k as bigint) >= 0,
  map_key_by_pos: (_h, [m, i]) => at(map(m).keys, i as number),
  map_val_by_pos: (_h, [m, i]) => at(map(m).values, i as number),
  map_keys: (h, [m]) => { return newVec([...map(m).keys]) },
  map_values: (h, [m]) => { return newVec([...map(m).values]) },
  map_new_from_linear_memory: (h, [keysPos, valsPos, len]) => {
    // The keys must come in the host's order, strictly ascending: out of order (or repeated) is refused, not sorted.
    const keys = ascendingSymbolKeys(h, keysPos as number, len as number)
    const vals = h.readU64s(valsPos as number, len as number).map((raw) => h.toAbs(h.frame, raw))
    return h.store.mapFrom(keys.map((k, i) => [k, vals[i]]))
  },
  map_unpack_to_linear_memory: (h, [m, keysPos, valsPos, len]) => {
    const { keys, values } = map(m)
    if (keys.length !== len) throw new HostError(ErrorType.Object, ErrorCode.UnexpectedSize, `map has ${keys.length} entries, expected ${String(len)}`)
    const wanted = symbolKeys(h, keysPos as number, len as number)
    wanted.forEach((s, i) => {
      if (h.store.compare(keys[i], h.store.symbolVal(s)) !== 0) throw missing(`map key ${i} is not ${s}`)
    })
    h.writeU64s(valsPos as number, values.map((v) => h.toRel(h.frame, v)))
    return undefined
  },
  // Protocol 28: as the two above, but a Void value means "no entry" both ways.
  sparse_map_new_from_linear_memory: (h, [keysPos, valsPos, len]) => {
    const keys = ascendingSymbolKeys(h, keysPos as number, len as number)
    const vals = h.readU64s(valsPos as number, len as number).map((raw) => h.toAbs(h.frame, raw))
    return h.store.mapFrom(keys.flatMap((k, i): [bigint, bigint][] => (vals[i] === VOID ? [] : [[k, vals[i]]])))
  },
  sparse_map_unpack_to_linear_memory: (h, [m, keysPos, valsPos, len]) => {
    const { keys, values } = map(m)
    const wanted = ascendingSymbolKeys(h, keysPos as number, len as number)
    // Both lists ascend in the host's order: one merge pass finds each wanted key or its absence.
    let j = 0
    const out = wanted.map((w) => {
      while (j < keys.length && h.store.compare(keys[j], w) < 0) j++
      return j < keys.length && h.store.compare(keys[j], w) === 0 ? h.toRel(h.frame, values[j]) : VOID
    })
    h.writeU64s(valsPos as number, out)
    return undefined
  },
}

/** Symbol keys from linear memory as Vals, refused unless strictly ascending in the host's order. */
function ascendingSymbolKeys(h: Invocation, pos: number, len: number): bigint[] {
  const keys = symbolKeys(h, pos, len).map((s) => h.store.symbolVal(s))
  for (let i = 1; i < keys.length; i++) {
    if (h.store.compare(keys[i - 1], keys[i]) >= 0) throw new HostError(ErrorType.Object, ErrorCode.InvalidInput, `map keys from linear memory are not in strictly ascending order (key ${i})`)
  }
  return keys
}
