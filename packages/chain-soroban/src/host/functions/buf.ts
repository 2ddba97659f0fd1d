/** Module `b`: bytes, strings and symbols, copies to and from linear memory, XDR (de)serialization. */
import { cereal, xdr } from '@stellar/stellar-base'
import { MAX_DEPTH } from '../store.ts'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { isValidSymbol } from '../../val.ts'
import type { Invocation } from '../invocation.ts'
import type { Of } from '../objects.ts'
import type { Arg, HostImplementation } from './types.ts'

const bounds = (message: string): HostError => new HostError(ErrorType.Object, ErrorCode.IndexBounds, message)
const bytes = (a: Arg): Uint8Array => (a as Of<'bytes' | 'string'>).value
const newBytes = (value: Uint8Array): Of<'bytes'> => ({ kind: 'bytes', value })
const byteArg = (a: Arg): number => {
  if ((a as number) > 255) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `${String(a)} is not a byte`)
  return a as number
}
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

function copyOut(h: Invocation, data: Uint8Array, from: number, lmPos: number, len: number): undefined {
  if (from + len > data.length) throw bounds(`copy of [${from}, ${from + len}) from ${data.length} bytes`)
  h.writeMemory(lmPos, data.subarray(from, from + len))
  return undefined
}

function symbolFromMemory(h: Invocation, pos: number, len: number): string {
  const s = new TextDecoder().decode(h.readMemory(pos, len))
  if (!isValidSymbol(s)) throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `invalid symbol ${JSON.stringify(s)}`)
  return s
}

export const buf: Record<string, HostImplementation> = {
  serialize_to_bytes: (h, [v]) => newBytes(Uint8Array.from(h.store.toScVal(v as bigint).toXDR())),
  deserialize_from_bytes: (h, [b]) => {
    let value: xdr.ScVal
    try {
      // Decoded with a generous reader depth: the host's own limit (MAX_DEPTH levels) applies in fromScVal, as Error(Context, ExceededLimit).
      const reader = new cereal.XdrReader(Buffer.from(bytes(b)))
      value = (xdr.ScVal as unknown as { read: (r: cereal.XdrReader, depth: number) => xdr.ScVal }).read(reader, 4 * MAX_DEPTH + 16)
      if (!reader.eof) throw new Error('trailing bytes')
    } catch { throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, 'bytes are not an ScVal') }
    return h.store.fromScVal(value)
  },
  bytes_copy_to_linear_memory: (h, [b, bPos, lmPos, len]) => copyOut(h, bytes(b), bPos as number, lmPos as number, len as number),
  bytes_copy_from_linear_memory: (h, [b, bPos, lmPos, len]) => {
    const old = bytes(b)
    if ((bPos as number) > old.length) throw bounds(`position ${String(bPos)} past ${old.length} bytes`)
    const data = h.readMemory(lmPos as number, len as number)
    const out = new Uint8Array(Math.max(old.length, (bPos as number) + data.length))
    out.set(old)
    out.set(data, bPos as number)
    return newBytes(out)
  },
  bytes_new_from_linear_memory: (h, [pos, len]) => newBytes(h.readMemory(pos as number, len as number)),
  bytes_new: () => newBytes(new Uint8Array(0)),
  bytes_put: (_h, [b, i, v]) => {
    const out = bytes(b).slice()
    if ((i as number) >= out.length) throw bounds(`index ${String(i)} of ${out.length}`)
    out[i as number] = byteArg(v)
    return newBytes(out)
  },
  bytes_get: (_h, [b, i]) => {
    const data = bytes(b)
    if ((i as number) >= data.length) throw bounds(`index ${String(i)} of ${data.length}`)
    return data[i as number]
  },
  bytes_del: (_h, [b, i]) => {
    const data = bytes(b)
    if ((i as number) >= data.length) throw bounds(`index ${String(i)} of ${data.length}`)
    return newBytes(concat(data.subarray(0, i as number), data.subarray((i as number) + 1)))
  },
  bytes_len: (_h, [b]) => bytes(b).length,
  bytes_push: (_h, [b, v]) => newBytes(concat(bytes(b), Uint8Array.of(byteArg(v)))),
  bytes_pop: (_h, [b]) => { const d = bytes(b); if (d.length === 0) throw bounds('pop from empty bytes'); return newBytes(d.slice(0, -1)) },
  bytes_front: (_h, [b]) => { const d = bytes(b); if (d.length === 0) throw bounds('front of empty bytes'); return d[0] },
  bytes_back: (_h, [b]) => { const d = bytes(b); if (d.length === 0) throw bounds('back of empty bytes'); return d[d.length - 1] },
  bytes_insert: (_h, [b, i, v]) => {
    const d = bytes(b)
    if ((i as number) > d.length) throw bounds(`insert at ${String(i)} of ${d.length}`)
    return newBytes(concat(d.subarray(0, i as number), Uint8Array.of(byteArg(v)), d.subarray(i as number)))
  },
  bytes_append: (_h, [a, b]) => newBytes(concat(bytes(a), bytes(b))),
  bytes_slice: (_h, [b, start, end]) => {
    const d = bytes(b)
    if ((start as number) > (end as number) || (end as number) > d.length) throw bounds(`slice ${String(start)}..${String(end)} of ${d.length}`)
    return newBytes(d.slice(start as number, end as number))
  },
  string_copy_to_linear_memory: (h, [s, sPos, lmPos, len]) => copyOut(h, bytes(s), sPos as number, lmPos as number, len as number),
  symbol_copy_to_linear_memory: (h, [s, sPos, lmPos, len]) => copyOut(h, new TextEncoder().encode((s as Of<'symbol'>).value), sPos as number, lmPos as number, len as number),
  string_new_from_linear_memory: (h, [pos, len]) => ({ kind: 'string', value: h.readMemory(pos as number, len as number) }),
  symbol_new_from_linear_memory: (h, [pos, len]) => ({ kind: 'symbol', value: symbolFromMemory(h, pos as number, len as number) }),
  string_len: (_h, [s]) => bytes(s).length,
  symbol_len: (_h, [s]) => (s as Of<'symbol'>).value.length,
  symbol_index_in_linear_memory: (h, [sym, pos, len]) => {
    const wanted = sym as string
    const index = h.readSlices(pos as number, len as number).findIndex((raw) => new TextDecoder().decode(raw) === wanted)
    if (index < 0) throw new HostError(ErrorType.Object, ErrorCode.MissingValue, `symbol ${wanted} not among ${String(len)} slices`)
    return index
  },
  string_to_bytes: (_h, [s]) => newBytes(bytes(s).slice()),
  bytes_to_string: (_h, [b]) => ({ kind: 'string', value: bytes(b).slice() }),
}
