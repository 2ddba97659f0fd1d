/** JSON arguments and results through the contract's own spec (our contractspecv0 reader, src/spec.ts), as `zvm soroban invoke` does. */
import { scValToNative } from '@stellar/stellar-base'
import { expect, it } from 'vitest'
import { argsFromJson, readContractSpec, resultToJson, SorobanHost } from '../src/index.ts'
import { basics, structs } from './contracts.ts'

it('a struct argument and result convert through the spec', () => {
  const wasm = structs()
  const spec = readContractSpec(wasm)!
  const host = new SorobanHost()
  const { address } = host.deploy(wasm)
  const made = host.invoke(address, 'make', argsFromJson(spec, 'make', [3, 4]))
  expect(made.status).toBe('success')
  expect(resultToJson(spec, 'make', made.result)).toEqual({ x: 3, y: 4 })
  const sum = host.invoke(address, 'sum', argsFromJson(spec, 'sum', [{ y: 40, x: 2 }]))
  expect(scValToNative(sum.result)).toBe(42)
  // A struct with a missing field is refused by the spec before the contract runs.
  expect(() => argsFromJson(spec, 'sum', [{ x: 1 }])).toThrow(/argument p of sum/)
})

it('i128 and address arguments from JSON; typed errors for bad input', () => {
  const wasm = basics()
  const spec = readContractSpec(wasm)!
  const host = new SorobanHost()
  const { address } = host.deploy(wasm)
  const alice = 'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ'
  const r = host.invoke(address, 'pay', argsFromJson(spec, 'pay', [alice, '170141183460469231731687303715884105727']))
  expect(resultToJson(spec, 'pay', r.result)).toBe('170141183460469231731687303715884105727')
  expect(r.auth[0].address).toBe(alice)
  expect(() => argsFromJson(spec, 'pay', [alice])).toThrow(/pay takes 2 arguments \(from, amount\), got 1/)
  expect(() => argsFromJson(spec, 'nope', [])).toThrow(/no function nope/)
  expect(readContractSpec(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))).toBeUndefined()
})
