import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeZvmc, encodeZvmc, isZvmc, tryDecodeZvmc, ZvmcDecodeError, ZvmcTarget, type ZvmcAbi } from './index.ts'

const abi: ZvmcAbi = {
  contract: 'Vault',
  functions: [{ name: 'deposit', selector: '0x12345678', inputs: [{ name: 'amount', type: 'u64' }], outputs: [{ type: 'bool' }], mutability: 'mutable' }],
  events: [{ name: 'Deposited', fields: [{ name: 'who', type: 'address', indexed: true }] }],
  state_variables: [{ name: 'total', type: 'u64', slot: 0 }],
  tables: [{ name: 'balances', slot: 1, key_type: 'address', value_type: 'u64' }],
}

function header(patch: (b: Uint8Array) => void, code = [0x00], abiText = ''): Uint8Array {
  const b = encodeZvmc({ code: new Uint8Array(code), abi: abiText })
  patch(b)
  return b
}

function fieldOf(bytes: Uint8Array): string {
  try {
    decodeZvmc(bytes)
    return 'ok'
  } catch (e) {
    expect(e).toBeInstanceOf(ZvmcDecodeError)
    return (e as ZvmcDecodeError).field
  }
}

describe('ZVMC container', () => {
  it('has the documented 16-byte layout', () => {
    const b = encodeZvmc({ target: ZvmcTarget.EvmCompat, code: new Uint8Array([1, 2, 3]), abi: '{}' })
    expect([...b.subarray(0, 16)]).toEqual([0x5a, 0x56, 0x4d, 0x43, 1, 1, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0])
    expect([...b.subarray(16)]).toEqual([1, 2, 3, 0x7b, 0x7d])
  })
  it('round-trips code, target and ABI', () => {
    const d = decodeZvmc(encodeZvmc({ target: ZvmcTarget.WasmBridge, code: new Uint8Array([9, 9]), abi }))
    expect(d.target).toBe(2)
    expect([...d.code]).toEqual([9, 9])
    expect(d.abi).toEqual(abi)
    expect(isZvmc(encodeZvmc({ code: new Uint8Array() }))).toBe(true)
  })
  it('round-trips arbitrary code (property)', () =>
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(0, 1, 2) as fc.Arbitrary<ZvmcTarget>, (code, target) => {
      const d = decodeZvmc(encodeZvmc({ code, target }))
      expect([d.target, [...d.code], d.abi]).toEqual([target, [...code], undefined])
    })))
  const malformed: [string, Uint8Array, string][] = [
    ['truncated header', new Uint8Array([0x5a, 0x56, 0x4d]), 'header'],
    ['bad magic', header((b) => { b[0] = 0x41 }), 'magic'],
    ['unknown version', header((b) => { b[4] = 2 }), 'version'],
    ['unknown target', header((b) => { b[5] = 3 }), 'target'],
    ['flags set', header((b) => { b[6] = 1 }), 'flags'],
    ['reserved set', header((b) => { b[7] = 1 }), 'reserved'],
    ['code length past the end', header((b) => { b[8] = 9 }), 'codeLength'],
    ['ABI length past the end', header((b) => { b[12] = 1 }), 'abiLength'],
    ['trailing bytes', new Uint8Array([...encodeZvmc({ code: new Uint8Array([0]) }), 0]), 'trailing'],
    ['ABI not UTF-8', header(() => {}, [0], 'xx').map((v, i, a) => (i === a.length - 1 ? 0xff : v)), 'abi'],
    ['ABI not JSON', header(() => {}, [0], '{nope'), 'abi'],
    ['ABI wrong shape', header(() => {}, [0], '{"contract":"C","functions":[{"name":"f","selector":"0x12"}]}'), 'abi'],
    ['ABI not an object', header(() => {}, [0], '[1]'), 'abi'],
  ]
  for (const [what, bytes, field] of malformed) it(`rejects ${what} naming '${field}'`, () => expect(fieldOf(bytes)).toBe(field))
  it('names the JSON path of a bad ABI field', () => {
    const r = tryDecodeZvmc(header(() => {}, [0], JSON.stringify({ ...abi, tables: [{ name: 't', slot: -1, key_type: 'a', value_type: 'b' }] })))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('tables[0].slot')
  })
  it('random bytes only ever raise ZvmcDecodeError', () =>
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (tail, withMagic) => {
      const bytes = withMagic ? new Uint8Array([0x5a, 0x56, 0x4d, 0x43, 1, ...tail]) : tail
      const r = tryDecodeZvmc(bytes)
      if (!r.ok) expect(r.error).toBeInstanceOf(ZvmcDecodeError)
    }), { numRuns: 2000 }))
})
