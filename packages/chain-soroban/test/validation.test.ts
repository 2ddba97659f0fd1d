import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidContractModuleError, SorobanHost } from '../src/index.ts'
import { basics } from './contracts.ts'
import { envMetaSection, watContract, withCustomSection } from './build.ts'

const host = new SorobanHost()
const p25 = new SorobanHost({ protocol: 25 })
const rejection = (wasm: Uint8Array, on = host): string | undefined => {
  try {
    on.validate(wasm)
    return undefined
  } catch (e) {
    if (e instanceof InvalidContractModuleError) return e.reason
    throw e
  }
}
const module = (body: string, features: Record<string, boolean> = {}): Uint8Array => watContract(`(module ${body})`, { features })

describe('module validation as the Soroban host does it', () => {
  it('accepts a well-formed contract', () => {
    expect(rejection(basics())).toBeUndefined()
  })

  it('refuses floating point anywhere', () => {
    expect(rejection(module('(func (export "f") (result i64) (drop (f32.add (f32.const 1) (f32.const 2))) (i64.const 2))'))).toBe('float')
    expect(rejection(module('(func (export "f") (param f64) (result i64) (i64.const 2))'))).toBe('float')
    expect(rejection(module('(global f64 (f64.const 1))'))).toBe('float')
    expect(rejection(module('(func (export "f") (result i64) (local f32) (i64.const 2))'))).toBe('float')
    expect(rejection(module('(memory 1) (func (export "f") (result i64) (drop (f64.load (i32.const 0))) (i64.const 2))'))).toBe('float')
    expect(rejection(module('(func (export "f") (param i64) (result i64) (i64.trunc_f64_s (f64.convert_i64_s (local.get 0))))'))).toBe('float')
  })

  it('refuses multi-value, reference types, bulk memory and SIMD', () => {
    expect(rejection(module('(func (export "f") (result i64 i64) (i64.const 1) (i64.const 2))'))).toBe('multi-value')
    expect(rejection(module('(func (export "f") (result i64) (block (result i64 i64) (i64.const 1) (i64.const 2)) (drop))'))).toBe('multi-value')
    expect(rejection(module('(func (export "f") (param externref) (result i64) (i64.const 2))', { reference_types: true }))).toBe('reference-types')
    expect(rejection(module('(table 1 funcref) (func (export "f") (result i64) (drop (table.get 0 (i32.const 0))) (i64.const 2))', { reference_types: true }))).toBe('reference-types')
    expect(rejection(module('(memory 1) (func (export "f") (result i64) (memory.fill (i32.const 0) (i32.const 0) (i32.const 1)) (i64.const 2))', { bulk_memory: true }))).toBe('bulk-memory')
    expect(rejection(module('(func (export "f") (result i64) (drop (v128.const i64x2 0 0)) (i64.const 2))', { simd: true }))).toBe('simd')
  })

  it('refuses unknown imports, wrong signatures and non-function imports', () => {
    expect(rejection(module('(import "x" "Z" (func (result i64)))'))).toBe('unknown-import')
    expect(rejection(module('(import "env" "abort" (func (param i32 i32 i32 i32)))'))).toBe('unknown-import')
    expect(rejection(module('(import "v" "_" (func (param i64) (result i64)))'))).toBe('unknown-import') // vec_new takes no arguments
    expect(rejection(module('(import "x" "3" (memory 1))'))).toBe('unknown-import')
    // prng functions exist; BN254 (protocol 25) exists; checked u256 arithmetic is protocol 26, above a protocol 25 ledger.
    expect(rejection(module('(import "i" "H" (func (param i64 i64) (result i64)))'), p25)).toBe('unknown-import')
    expect(rejection(module('(import "i" "H" (func (param i64 i64) (result i64)))'))).toBeUndefined()
    expect(rejection(module('(import "c" "m" (func (param i64 i64) (result i64)))'))).toBeUndefined()
  })

  it('checks the contractenvmetav0 protocol', () => {
    const plain = module('(func (export "f") (result i64) (i64.const 2))')
    expect(rejection(watContract('(module)', { protocol: 26 }), p25)).toBe('unsupported-protocol')
    expect(rejection(watContract('(module)', { protocol: 26 }))).toBeUndefined()
    expect(rejection(watContract('(module)', { protocol: 29 }))).toBe('unsupported-protocol')
    expect(() => new SorobanHost({ protocol: 29 })).toThrow(/protocol 29 is not supported/)
    expect(rejection(watContract('(module)', { protocol: null }))).toBe('unsupported-protocol')
    expect(rejection(watContract('(module)', { protocol: 22, preRelease: 1 }))).toBe('unsupported-protocol')
    expect(rejection(watContract('(module)', { protocol: 20 }))).toBeUndefined()
    expect(rejection(plain)).toBeUndefined()
    expect(rejection(withCustomSection(watContract('(module)', { protocol: null }), 'contractenvmetav0', envMetaSection(25)))).toBeUndefined()
  })

  it('refuses start functions, garbage and oversized modules', () => {
    expect(rejection(module('(func $s) (start $s)'))).toBe('start-function')
    expect(rejection(new TextEncoder().encode('definitely not wasm'))).toBe('malformed')
    expect(rejection(new Uint8Array(0))).toBe('malformed')
    expect(rejection(new Uint8Array(300 * 1024))).toBe('too-large')
  })

  it('reports the byte offset of the refused instruction', () => {
    try {
      host.validate(module('(func (export "f") (result i64) (drop (f32.const 1)) (i64.const 2))'))
      expect.unreachable()
    } catch (e) {
      expect((e as InvalidContractModuleError).offset).toBeGreaterThan(8)
      expect((e as InvalidContractModuleError).code).toBe('SOROBAN_MODULE_FLOAT')
    }
  })

  it('property: any corruption of a valid module is a typed rejection or a working module, never a crash', () => {
    const base = basics()
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
      const wasm = base.slice()
      for (const [at, b] of edits) wasm[at] = b
      const h = new SorobanHost({ cpuLimit: 1_000_000 })
      let deployed: ReturnType<SorobanHost['deploy']>
      try {
        deployed = h.deploy(wasm)
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidContractModuleError)
        return
      }
      if (deployed.status !== 'success') return
      const r = h.invoke(deployed.address, 'add', [])
      expect(['success', 'error']).toContain(r.status)
      expect(r.cpuInsns).toBeLessThanOrEqual(1_000_000)
    }), { numRuns: 400, seed: 42 })
  })
})
