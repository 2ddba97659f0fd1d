/**
 * Hostile Soroban modules, hand-assembled: memory growth, huge data segments,
 * deep br_table, many functions, forged object handles in loops, recursive
 * cross-contract calls, endless loops and unbounded recursion. Each exports
 * `f(n: u32) -> Val`; `n` sizes the attack at invocation time.
 */
import { xdr } from '@stellar/stellar-base'
import { HOST_FUNCTIONS, MAX_PROTOCOL, val } from '@zvm/chain-soroban'
import type { Rng } from '../rng.ts'
import { encodeWasm, I32, I64, op, type WasmFunction, type WasmModule } from './wasm.ts'

export const HOSTILE_KINDS = ['memory-growth', 'huge-data', 'deep-br-table', 'many-functions', 'forged-handles', 'recursive-calls', 'endless-loop', 'deep-recursion'] as const
export type HostileKind = (typeof HOSTILE_KINDS)[number]

const envMeta = (): Uint8Array => Uint8Array.from(xdr.ScEnvMetaEntry.scEnvMetaKindInterfaceVersion(new xdr.ScEnvMetaEntryInterfaceVersion({ protocol: MAX_PROTOCOL, preRelease: 0 })).toXDR())

/** Imports of host functions by env name, all `(i64…) -> i64`; returns the imports and each one's function index. */
function hostImports(names: string[], typeOf: (arity: number) => number): { imports: WasmModule['imports']; index: Record<string, number> } {
  const index: Record<string, number> = {}
  const imports = names.map((n, i) => {
    const f = HOST_FUNCTIONS.find((x) => x.name === n)
    if (f === undefined) throw new Error(`no host function ${n}`)
    index[n] = i
    return { module: f.module, name: f.export, type: typeOf(f.args.length) }
  })
  return { imports, index }
}

// Type i: i params of i64, one i64 result (0 … 4).
const TYPES = [0, 1, 2, 3, 4].map((n) => ({ params: Array.from({ length: n }, () => I64), results: [I64] }))
const N = [...op.get(0), ...op.i64(32), ...op.i64shrU] // n out of the U32Val argument
const VOID = op.i64(val.VOID)

/** A hostile module of `kind`, sized by `rng`. */
export function hostileModule(kind: HostileKind, rng: Rng): Uint8Array {
  const custom = [{ name: 'contractenvmetav0', bytes: envMeta() }]
  const plain = (functions: WasmFunction[], extra: Partial<WasmModule> = {}): Uint8Array =>
    encodeWasm({ types: TYPES, functions, exports: [{ name: 'f', func: (extra.imports?.length ?? 0) + functions.length - 1 }], custom, ...extra })
  switch (kind) {
    case 'memory-growth': {
      // Grow by `step` pages until memory.grow fails (or n rounds), then return.
      const step = rng.pick([1, 16, 256, 1024, 65_535])
      return plain([{ type: 1, locals: [[1, I32]], body: [
        ...op.block, ...op.loop,
        ...op.i32(step), ...op.memoryGrow, ...op.i32(-1), ...op.i32eq, ...op.brIf(1),
        ...op.get(1), ...op.i32(1), ...op.i32add, ...op.set(1),
        ...op.get(1), ...N, ...op.i32wrap, ...op.i32ltu, ...op.brIf(0),
        ...op.end, ...op.end, ...VOID,
      ] }], { memory: { min: rng.pick([0, 1, 16]), ...(rng.chance(0.3) ? { max: rng.pick([1, 17, 1024]) } : {}) } })
    }
    case 'huge-data': {
      const size = rng.pick([1024, 65_536, 200_000, 262_144, 300_000])
      const pages = rng.pick([1, 4, 16])
      return plain([{ type: 1, body: VOID }], { memory: { min: pages }, data: [{ offset: rng.pick([0, 65_536 * pages - 16, 1024]), bytes: size <= 4096 ? rng.bytes(size) : new Uint8Array(size).fill(rng.int(256)) }] })
    }
    case 'deep-br-table': {
      const depth = rng.pick([10, 100, 1000, 1023, 1024, 1025, 1100])
      // Targets are the blocks only: branching to the function's own label would need its i64 result.
      const targets = Array.from({ length: rng.pick([1, depth, 5000]) }, (_, i) => i % depth)
      const body = [...Array.from({ length: depth }, () => op.block).flat(), ...N, ...op.i32wrap, ...op.brTable(targets, depth - 1), ...Array.from({ length: depth }, () => op.end).flat(), ...VOID]
      return plain([{ type: 1, body }])
    }
    case 'many-functions': {
      const count = rng.pick([10, 1000, 9_999, 10_000, 10_001])
      const fns: WasmFunction[] = Array.from({ length: count - 1 }, (_, i) => ({ type: 0, body: i === 0 ? VOID : op.call(i - 1) }))
      return plain([...fns, { type: 1, body: count > 1 ? op.call(Math.min(count - 2, 500)) : VOID }])
    }
    case 'forged-handles': {
      // for i < n: vec_len / obj_cmp on (i << 32 | tag) with a random object tag; a valid module, hostile values.
      const host = rng.pick(['vec_len', 'obj_cmp', 'bytes_len', 'map_len', 'string_len'])
      const { imports, index } = hostImports([host], (a) => a)
      const tag = BigInt(rng.range(64, 79))
      const handle = [...op.get(1), ...op.i64(32), ...op.i64shl, ...op.i64(tag), ...op.i64or]
      const args = host === 'obj_cmp' ? [...handle, ...op.i64(val.objectVal(Number(tag), rng.int(8)))] : handle
      return plain([{ type: 1, locals: [[1, I64]], body: [
        ...op.block, ...op.loop,
        ...op.get(1), ...N, ...op.i64sub, ...op.i64eqz, ...op.brIf(1),
        ...args, ...op.call(index[host]), ...op.drop,
        ...op.get(1), ...op.i64(1), ...op.i64add, ...op.set(1), ...op.br(0),
        ...op.end, ...op.end, ...VOID,
      ] }], { imports })
    }
    case 'recursive-calls': {
      // f(n) = n == 0 ? void : call(self, "f", [n - 1]): Soroban refuses re-entry, so this hits that guard at depth 2.
      const { imports, index } = hostImports(['call', 'get_current_contract_address', 'vec_new', 'vec_push_back'], (a) => a)
      return plain([{ type: 1, body: [
        ...N, ...op.i64eqz, ...op.if, ...VOID, ...op.ret, ...op.end,
        ...op.call(index.get_current_contract_address), ...op.i64(val.symbolSmall('f')),
        ...op.call(index.vec_new), ...op.get(0), ...op.i64(1n << 32n), ...op.i64sub, ...op.call(index.vec_push_back),
        ...op.call(index.call),
      ] }], { imports })
    }
    case 'endless-loop':
      return plain([{ type: 1, body: [...op.loop, ...op.br(0), ...op.end, ...VOID] }])
    default: {
      // g(k) = g(k + 1) with `locals` i64 locals each: the wasm stack or call depth gives out first.
      const locals = rng.pick([0, 10, 200, 1000])
      return plain([
        { type: 1, locals: locals ? [[locals, I64]] : [], body: [...op.get(0), ...op.i64(1), ...op.i64add, ...op.call(0)] },
        { type: 1, body: [...op.get(0), ...op.call(0)] },
      ])
    }
  }
}
