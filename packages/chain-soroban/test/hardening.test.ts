/**
 * Hostile module shapes (issue #18): deep recursion with large frames, large
 * tables instantiated again and again, deeply nested blocks. Each must end
 * the same way whatever V8's tier, and within its budget.
 */
import { Address, xdr } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { ErrorCode, ErrorType, InvalidContractModuleError, SorobanHost, val } from '../src/index.ts'
import { WasmCost } from '../src/budget.ts'
import { parseModule } from '../src/wasm/module.ts'
import { CONTRACT_FRAME_UNITS, frameUnits, STACK_UNIT_LIMIT } from '../src/wasm/stack.ts'
import { envMetaSection, hostImports, watContract, withCustomSection } from './build.ts'

const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n)
const rule = (wasm: Uint8Array): string | undefined => {
  try {
    new SorobanHost().validate(wasm)
    return undefined
  } catch (e) {
    if (e instanceof InvalidContractModuleError) return `${e.reason}/${e.rule}`
    throw e
  }
}

describe('wasm stack depth is a deterministic count, never V8 stack', () => {
  const locals = Array.from({ length: 200 }, () => 'i64').join(' ')
  // f(n) recurses n + 1 frames deep in $rec, a function with 200 i64 locals.
  const wasm = watContract(`(module
    (func $rec (param $k i64) (result i64) (local ${locals})
      (local.set 1 (local.get $k))
      (if (i64.eqz (local.get $k)) (then (return (i64.const 2))))
      (drop (call $rec (i64.sub (local.get $k) (i64.const 1))))
      (i64.add (local.get 1) (i64.const 0)) (drop) (i64.const 2))
    (func (export "f") (param $n i64) (result i64) (call $rec (i64.shr_u (local.get $n) (i64.const 32)))))`)
  const m = parseModule(wasm, { hostFunctions: new Map(), maxBytes: 1 << 20 })
  const [rec, f] = m.bodies.map((b) => frameUnits(m.types[b.typeIndex].params.length, b.locals, b.maxHeight))
  const deepest = Math.floor((STACK_UNIT_LIMIT - CONTRACT_FRAME_UNITS - f) / rec) - 1

  it('the same depth passes and the next fails, cold and after 2,000 warm-up calls', () => {
    const host = new SorobanHost()
    const { address } = host.deploy(wasm)
    const outcome = (n: number): string => {
      const r = host.invoke(address, 'f', [u32(n)])
      return r.status === 'success' ? 'success' : r.error!.message
    }
    expect(deepest).toBeGreaterThan(200)
    const cold = [outcome(deepest), outcome(deepest + 1), outcome(800)]
    expect(cold).toEqual(['success', `Error(Budget, ExceededLimit): wasm stack of ${STACK_UNIT_LIMIT} units exhausted`, cold[1]])
    for (let i = 0; i < 2000; i++) host.invoke(address, 'f', [u32(150)])
    expect([outcome(deepest), outcome(deepest + 1), outcome(800)]).toEqual(cold)
  })

  it('small frames still stop at the 1024-call depth of wasmi', () => {
    const host = new SorobanHost()
    const { address } = host.deploy(watContract(`(module
      (func $rec (param $k i64) (result i64)
        (if (result i64) (i64.eqz (local.get $k)) (then (i64.const 2)) (else (call $rec (i64.sub (local.get $k) (i64.const 1))))))
      (func (export "f") (param $n i64) (result i64) (call $rec (i64.shr_u (local.get $n) (i64.const 32)))))`))
    expect(host.invoke(address, 'f', [u32(1022)]).status).toBe('success') // 1 + 1023 frames
    expect(host.invoke(address, 'f', [u32(1023)]).error?.message).toMatch(/call depth over 1024/)
  })
})

describe('tables and segments are limited and charged as Soroban does', () => {
  const withTable = (entries: number): Uint8Array => watContract(`(module (table ${entries} funcref) (func (export "f") (result i64) (i64.const 2)))`)

  it('refuses a table over the 1000 elements of the host\'s wasmi limiter', () => {
    expect(rule(withTable(10_000_000))).toBe('too-large/table-entries')
    expect(rule(withTable(1001))).toBe('too-large/table-entries')
    expect(rule(withTable(1000))).toBeUndefined()
  })

  it('charges each table entry on parse and instantiation (ParseWasmTableEntries, InstantiateWasmTableEntries)', () => {
    const cost = (entries: number): number => {
      const host = new SorobanHost()
      const { address } = host.deploy(withTable(entries))
      return host.invoke(address, 'f').cpuInsns
    }
    const perTable = (n: number): number => Math.floor(WasmCost.ParseWasmTableEntries.cpu[1] * n / 128) + Math.floor(WasmCost.InstantiateWasmTableEntries.cpu[1] * n / 128)
    // 200 and 1000 have LEB128 encodings of the same length: only the table differs.
    expect(cost(1000) - cost(200)).toBe(perTable(1000) - perTable(200))
  })

  it('a table instantiated again and again through try_call ends within the budget', () => {
    const host = new SorobanHost()
    const bomb = host.deploy(withTable(1000)).address
    const spinner = host.deploy(watContract(`(module ${hostImports('try_call', 'vec_new')}
      (func (export "spin") (param $c i64) (result i64)
        (loop $l (drop (call $try_call (local.get $c) (i64.const 0x${val.symbolSmall('f').toString(16)}) (call $vec_new))) (br $l))
        (i64.const 2)))`), { salt: new Uint8Array(32).fill(1) }).address
    const r = host.invoke(spinner, 'spin', [Address.fromString(bomb).toScVal()])
    expect(r.error).toMatchObject({ type: ErrorType.Budget, code: ErrorCode.ExceededLimit })
    expect(r.cpuInsns).toBeLessThanOrEqual(host.cpuLimit)
  })

  it('refuses what wasmi\'s strict limits refuse, naming the rule', () => {
    const fns = (n: number, params = 0): string => Array.from({ length: n }, () => `(func ${params ? `(param ${'i32 '.repeat(params)})` : ''})`).join(' ')
    expect(rule(watContract(`(module ${'(global i32 (i32.const 0)) '.repeat(1001)})`))).toBe('too-large/globals')
    expect(rule(watContract(`(module ${fns(10_001)})`))).toBe('too-large/functions')
    expect(rule(watContract(`(module ${fns(1, 33)})`))).toBe('too-large/params')
    expect(rule(watContract(`(module (memory 1) ${'(data (i32.const 0) "x") '.repeat(1001)})`))).toBe('too-large/data-segments')
    expect(rule(watContract(`(module (memory 1) (data (i32.const 0) "${'x'.repeat(65537)}"))`))).toBe('too-large/data-segments')
    expect(rule(watContract(`(module (table 1 funcref) (func $f) (elem (i32.const 0) $f $f))`))).toBe('too-large/table-entries')
    expect(rule(watContract(`(module (func ${'(local i64) '.repeat(50_001)}))`))).toBe('too-large/locals')
    expect(rule(watContract(`(module ${fns(1, 32)})`))).toBeUndefined()
  })
})

describe('deeply nested blocks are refused before V8 compiles them', () => {
  // Built as binary: one function "f" () -> i64 whose body is `body`.
  const withBody = (locals: number, body: number[]): Uint8Array => {
    const leb = (n: number): number[] => { const o: number[] = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; o.push(b) } while (n); return o }
    const section = (id: number, c: number[]): number[] => [id, ...leb(c.length), ...c]
    const code = [...(locals > 0 ? [1, ...leb(locals), 0x7e] : [0]), ...body]
    const wasm = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section(1, [1, 0x60, 0, 1, 0x7e]), ...section(3, [1, 0]),
      ...section(7, [1, 1, 0x66, 0, 0]), ...section(10, [1, ...leb(code.length), ...code])]
    return withCustomSection(Uint8Array.from(wasm), 'contractenvmetav0', envMetaSection(22))
  }
  const nested = (depth: number, locals = 0): Uint8Array =>
    withBody(locals, [...Array.from({ length: depth }, () => [0x02, 0x40, 0x41, 0, 0x0d, 0]).flat(), ...Array(depth).fill(0x0b), 0x42, 2, 0x0b])

  it('refuses 20,000 nested blocks (a 60 KB module) by the nesting rule', () => {
    const wasm = withBody(0, [...Array.from({ length: 20_000 }, () => [0x02, 0x40]).flat(), ...Array(20_000).fill(0x0b), 0x42, 2, 0x0b])
    expect(wasm.length).toBeLessThan(61_000)
    expect(rule(wasm)).toBe('too-large/nesting')
  })

  it('refuses depth × locals past the nesting weight, accepts the limits themselves', () => {
    expect(rule(nested(1023))).toBeUndefined() // with the function's own block: 1024 deep
    expect(rule(nested(1024))).toBe('too-large/nesting')
    expect(rule(nested(400, 1000))).toBe('too-large/nesting')
    expect(rule(nested(150, 1000))).toBeUndefined()
  })
})
