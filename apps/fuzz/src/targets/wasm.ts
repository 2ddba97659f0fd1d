/**
 * A tiny WebAssembly binary encoder (MVP sections only) for hostile Soroban
 * modules: types, imports, functions, memory, exports, data and custom
 * sections, with bodies written as raw instruction bytes.
 */

export const I32 = 0x7f
export const I64 = 0x7e

export interface WasmFunction { type: number; locals?: [count: number, type: number][]; body: number[] }
export interface WasmModule {
  types: { params: number[]; results: number[] }[]
  imports?: { module: string; name: string; type: number }[]
  functions: WasmFunction[]
  memory?: { min: number; max?: number }
  exports?: { name: string; func: number }[]
  data?: { offset: number; bytes: Uint8Array }[]
  custom?: { name: string; bytes: Uint8Array }[]
}

export function uleb(n: number): number[] {
  const out: number[] = []
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b) } while (n)
  return out
}

export function sleb(v: bigint): number[] {
  const out: number[] = []
  for (;;) {
    const b = Number(v & 0x7fn)
    v >>= 7n
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { out.push(b); return out }
    out.push(b | 0x80)
  }
}

const name = (s: string): number[] => { const b = [...new TextEncoder().encode(s)]; return [...uleb(b.length), ...b] }
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()]
const section = (id: number, content: number[]): number[] => [id, ...uleb(content.length), ...content]

/** Instruction helpers (bytes). */
export const op = {
  i64: (v: bigint | number): number[] => [0x42, ...sleb(BigInt(v))],
  i32: (v: number): number[] => [0x41, ...sleb(BigInt(v))],
  call: (f: number): number[] => [0x10, ...uleb(f)],
  get: (l: number): number[] => [0x20, ...uleb(l)],
  set: (l: number): number[] => [0x21, ...uleb(l)],
  br: (d: number): number[] => [0x0c, ...uleb(d)],
  brIf: (d: number): number[] => [0x0d, ...uleb(d)],
  brTable: (targets: number[], fallback: number): number[] => [0x0e, ...vec(targets.map(uleb)), ...uleb(fallback)],
  block: [0x02, 0x40], loop: [0x03, 0x40], if: [0x04, 0x40], else: [0x05], end: [0x0b], drop: [0x1a], ret: [0x0f], unreachable: [0x00],
  memoryGrow: [0x40, 0x00], memorySize: [0x3f, 0x00],
  i32eqz: [0x45], i32add: [0x6a], i32sub: [0x6b], i32eq: [0x46], i32ltu: [0x49],
  i64eqz: [0x50], i64add: [0x7c], i64sub: [0x7d], i64shrU: [0x88], i64shl: [0x86], i64or: [0x84], i64and: [0x83],
  i32wrap: [0xa7], i64extendU: [0xad],
}

/** Appends without spreading into a call (a data segment can be larger than the argument limit). */
function append(out: number[], bytes: number[]): void {
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i])
}

/** The module's bytes. */
export function encodeWasm(m: WasmModule): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
  append(out, section(1, vec(m.types.map((t) => [0x60, ...vec(t.params.map((p) => [p])), ...vec(t.results.map((r) => [r]))]))))
  if (m.imports?.length) append(out, section(2, vec(m.imports.map((i) => [...name(i.module), ...name(i.name), 0x00, ...uleb(i.type)]))))
  append(out, section(3, vec(m.functions.map((f) => uleb(f.type)))))
  if (m.memory) append(out, section(5, vec([m.memory.max === undefined ? [0x00, ...uleb(m.memory.min)] : [0x01, ...uleb(m.memory.min), ...uleb(m.memory.max)]])))
  if (m.exports?.length) append(out, section(7, vec(m.exports.map((e) => [...name(e.name), 0x00, ...uleb(e.func)]))))
  out.push(...section(10, vec(m.functions.map((f) => {
    const body = [...vec((f.locals ?? []).map(([n, t]) => [...uleb(n), t])), ...f.body, 0x0b]
    return [...uleb(body.length), ...body]
  }))))
  if (m.data?.length) append(out, section(11, vec(m.data.map((d) => [0x00, ...op.i32(d.offset), 0x0b, ...uleb(d.bytes.length), ...d.bytes]))))
  for (const c of m.custom ?? []) append(out, section(0, [...name(c.name), ...c.bytes]))
  return new Uint8Array(out)
}
