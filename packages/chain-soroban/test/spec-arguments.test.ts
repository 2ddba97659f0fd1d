/** Hostile JSON arguments: refused by `argsFromJson` with a typed error naming the argument, never an XDR failure later. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ZvmError } from '@zvm/primitives'
import { expect, it } from 'vitest'
import { argsFromJson, readContractSpec } from '../src/index.ts'

// hello(to: Symbol) -> Vec<Symbol>
const spec = readContractSpec(readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'soroban', 'hello.wasm')))!

function refusal(args: unknown[]): ZvmError {
  try {
    argsFromJson(spec, 'hello', args)
  } catch (e) {
    if (e instanceof ZvmError) return e
    throw e
  }
  throw new Error('accepted')
}

it('symbols: at most 32 characters of [a-zA-Z0-9_]', () => {
  expect(argsFromJson(spec, 'hello', ['a'.repeat(32)])[0].sym().toString()).toBe('a'.repeat(32))
  expect(argsFromJson(spec, 'hello', ['Az_09'])).toHaveLength(1)
  const long = refusal(['a'.repeat(51)])
  expect(long.code).toBe('SOROBAN_ARGUMENT_INVALID')
  expect(long.shortMessage).toMatch(/^argument to of hello: symbol 'a+…' has 51 characters \(max 32\)$/)
  expect(refusal(['a-b']).shortMessage).toBe("argument to of hello: symbol 'a-b' has characters outside [a-zA-Z0-9_]")
  expect(refusal(['é']).shortMessage).toMatch(/argument to of hello: symbol .* outside \[a-zA-Z0-9_\]/)
  expect(refusal([5]).code).toBe('SOROBAN_ARGUMENT_INVALID')
})
