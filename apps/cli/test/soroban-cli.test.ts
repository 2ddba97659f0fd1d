/** `zvm soroban invoke|validate` on the example contract, as a new user runs it. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { xdr, scValToNative } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { main } from '../src/main.ts'
import { zvm } from './run-cli.ts'

const example = join(import.meta.dirname, '..', '..', '..', 'examples', 'soroban', 'hello.wasm')

const json = async (...argv: string[]) => JSON.parse((await zvm(...argv, '--json')).out) as Record<string, unknown>

describe('zvm soroban', () => {
  it('invoke converts JSON arguments through the contract spec and prints the documented fields', async () => {
    const r = await json('soroban', 'invoke', example, '--fn', 'hello', '--arg-json', '["world"]')
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['status', 'result', 'resultXdr', 'events', 'cpuInsns', 'memBytes']))
    expect(r.status).toBe('success')
    expect(r.result).toEqual(['Hello', 'world'])
    expect(scValToNative(xdr.ScVal.fromXDR(r.resultXdr as string, 'base64'))).toEqual(['Hello', 'world'])
    expect(r.cpuInsns).toBeGreaterThan(0)
    const sum = await json('soroban', 'invoke', example, '--fn', 'add', '--arg-json', '[-5, "9223372036854775807"]')
    expect(sum.result).toBe('9223372036854775802')
  })

  it('a trap is a failure with the Soroban error, exit code 1', async () => {
    const r = await zvm('soroban', 'invoke', example, '--fn', 'add', '--arg-json', '["9223372036854775807", 1]', '--json')
    expect(r.code).toBe(1)
    const out = JSON.parse(r.out) as { status: string, error: { name: string }, resultXdr: string }
    expect(out.status).toBe('error')
    expect(out.error.name).toBe('Error(WasmVm, InvalidAction)')
    expect(xdr.ScVal.fromXDR(out.resultXdr, 'base64').switch().name).toBe('scvError')
  })

  it('state persists to --storage between calls, with events', async () => {
    const storage = join(mkdtempSync(join(tmpdir(), 'zvm-soroban-')), 'state.json')
    for (let i = 1; i <= 3; i++) {
      const r = await json('soroban', 'invoke', example, '--fn', 'increment', '--storage', storage)
      expect(r.result).toBe(i)
      expect(r.events).toEqual([{ contractId: r.contract, topics: ['COUNTER', 'increment'], data: i }])
    }
    const file = JSON.parse(readFileSync(storage, 'utf8')) as { data: { liveUntil: number }[] }
    expect(file.data).toHaveLength(1)
    expect(file.data[0].liveUntil).toBe(4096)
    // At ledger 4060 the entry's TTL (4096 - 4060 = 36) is below the contract's threshold of 50: extended to 4060 + 100.
    await json('soroban', 'invoke', example, '--fn', 'increment', '--storage', storage, '--ledger-sequence', '4060')
    expect((JSON.parse(readFileSync(storage, 'utf8')) as { data: { liveUntil: number }[] }).data[0].liveUntil).toBe(4160)
  })

  it('human output', async () => {
    const r = await zvm('soroban', 'invoke', example, '--fn', 'hello', '--arg-json', '["you"]')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^result: \["Hello","you"\]\ncpu: \d+ instructions, memory: \d+ bytes\n$/)
  })

  it('bad input gets one clear line', async () => {
    expect((await zvm('soroban', 'invoke', example)).err).toMatch(/needs --fn/)
    expect((await zvm('soroban', 'invoke', example, '--fn', 'hello', '--arg-json', '[1,')).err).toMatch(/--arg-json is not JSON/)
    expect((await zvm('soroban', 'invoke', example, '--fn', 'hello', '--arg-json', '{}')).err).toMatch(/must be a JSON list/)
    expect((await zvm('soroban', 'invoke', example, '--fn', 'hello', '--arg-json', '[]')).err).toMatch(/hello takes 1 arguments \(to\), got 0/)
    expect((await zvm('soroban', 'invoke', example, '--fn', 'nope')).err).toMatch(/no function nope/)
    expect((await zvm('soroban', 'invoke', example, '--fn', 'add', '--arg-json', '["x", 1]')).err).toMatch(/argument a of add/)
    expect((await zvm('soroban', 'invoke', 'missing.wasm', '--fn', 'x')).err).toMatch(/cannot read missing.wasm/)
    expect((await zvm('soroban', 'frobnicate')).code).toBe(2)
    const symbol = await zvm('soroban', 'invoke', example, '--fn', 'hello', '--arg-json', JSON.stringify(['a'.repeat(51)]))
    expect([symbol.code, symbol.err]).toEqual([2, `zvm: argument to of hello: symbol '${'a'.repeat(40)}…' has 51 characters (max 32)\n`])
    expect((await zvm('soroban', 'invoke', example, '--fn', 'hello', '--arg-json', '["a-b"]')).err).toMatch(/^zvm: argument to of hello: symbol 'a-b' has characters outside/)
    expect((await zvm('soroban', 'invoke', example, '--fn', 'hello', '--cpu-limit', '-1')).err).toBe("zvm: --cpu-limit must not be negative, got '-1'\n")
    expect((await zvm('soroban', 'invoke', example, '--fn', 'hello', '--ledger-sequence', '4294967296')).err).toBe('zvm: --ledger-sequence is too large: 4294967296 (max 4294967295)\n')
    expect((await zvm('soroban', 'invoke', example, '--fn', 'hello', '--ledger-timestamp', '1.5')).err).toBe("zvm: --ledger-timestamp must be a non-negative integer, got '1.5'\n")
    const dir = mkdtempSync(join(tmpdir(), 'zvm-soroban-'))
    const junk = join(dir, 'junk.wasm')
    writeFileSync(junk, 'not wasm')
    const bad = await zvm('soroban', 'invoke', junk, '--fn', 'x')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/junk.wasm: not a WebAssembly 1.0 module/)
    const storage = join(dir, 's.json')
    writeFileSync(storage, '{"contracts": 5}')
    expect((await zvm('soroban', 'invoke', example, '--fn', 'increment', '--storage', storage)).err).toMatch(/--storage/)
  })

  it('validate names the rule a module breaks', async () => {
    expect((await zvm('soroban', 'validate', example)).out).toMatch(/valid Soroban contract .*functions: hello, increment, add/)
  })
})
