import fc from 'fast-check'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { assembleZvmc, decodeZvmc, encodeZvmc, kalixSelector, ZvmcDecodeError, ZvmcTarget, type ZvmcAbi } from '@zvm/bytecode'
import type { Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import {
  decodeEvents, dispatchedSelectors, KalixAbiMismatchError, KalixContainerError, KalixDecodeError, KalixRuntime, KalixTypeError, KalixUnknownError,
  loadKalixContract, tableSlot,
} from '../src/index.ts'
import { contractSource, contractZvmc } from './fixtures.ts'

const token = contractSource('token')
const tokenAbi = (): ZvmcAbi => JSON.parse(token.abi) as ZvmcAbi
const tokenCode = () => decodeZvmc(contractZvmc('token')).code

describe('loading a container', () => {
  it('finds every selector the token dispatcher routes, with its entry', () => {
    const routes = dispatchedSelectors(tokenCode())
    expect([...routes.keys()].sort()).toEqual(tokenAbi().functions.map((f) => f.selector).sort())
    const contract = loadKalixContract(contractZvmc('token'))
    for (const f of contract.functions) expect(routes.get(f.selector)).toBe(f.entry)
    // The entry is the function's first instruction: POP of the selector (0x10).
    for (const f of contract.functions) expect(contract.code[f.entry]).toBe(0x10)
  })

  it('a selector that is not keccak256 of its signature is an ABI mismatch', () => {
    const abi = tokenAbi()
    abi.functions[1].selector = '0x18160dde'
    expect(() => loadKalixContract(encodeZvmc({ code: tokenCode(), abi }))).toThrow(/totalSupply\(\) has selector 0x18160dde, but keccak256\("totalSupply\(\)"\) starts 0x18160ddd/)
  })

  it('an ABI function the code does not dispatch is an ABI mismatch naming it', () => {
    const abi = tokenAbi()
    abi.functions.push({ name: 'mint', selector: kalixSelector('mint(u256)'), inputs: [{ name: 'amount', type: 'u256' }], outputs: [], mutability: 'nonpayable' })
    let err: unknown
    try { loadKalixContract(encodeZvmc({ code: tokenCode(), abi })) } catch (e) { err = e }
    expect(err).toBeInstanceOf(KalixAbiMismatchError)
    expect((err as KalixAbiMismatchError).selector).toBe(kalixSelector('mint(u256)'))
    expect((err as Error).message).toContain('the code does not dispatch mint(u256)')
  })

  it('a dispatched selector the ABI lacks is an ABI mismatch', () => {
    const abi = tokenAbi()
    abi.functions = abi.functions.filter((f) => f.name !== 'name')
    expect(() => loadKalixContract(encodeZvmc({ code: tokenCode(), abi }))).toThrow(/dispatches selector 0x06fdde03, which the ABI does not declare/)
  })

  it('unknown types, dynamic stored values and too many indexed fields are refused', () => {
    const withType = (mut: (abi: ZvmcAbi) => void) => { const abi = tokenAbi(); mut(abi); return encodeZvmc({ code: tokenCode(), abi }) }
    expect(() => loadKalixContract(withType((a) => { a.events[0].fields[2].type = 'u257' }))).toThrow(KalixTypeError)
    expect(() => loadKalixContract(withType((a) => { a.state_variables[0].type = 'string' }))).toThrow(/state variable totalSupply: stored values are one word/)
    expect(() => loadKalixContract(withType((a) => { a.tables[0].value_type = 'bytes' }))).toThrow(KalixTypeError)
    expect(() => loadKalixContract(withType((a) => { a.events[0].fields[2].indexed = true; a.events[0].fields.push({ name: 'x', type: 'u8', indexed: true }) }))).toThrow(/more than 3 indexed/)
  })

  it('containers that are not KALIX contracts get typed errors', () => {
    expect(() => loadKalixContract(encodeZvmc({ code: tokenCode() }))).toThrow(KalixContainerError)
    expect(() => loadKalixContract(encodeZvmc({ target: ZvmcTarget.EvmCompat, code: tokenCode(), abi: tokenAbi() }))).toThrow(/targets zvm_native \(0\); this container targets evm_compat/)
    expect(() => loadKalixContract(new Uint8Array([1, 2, 3]))).toThrow(ZvmcDecodeError)
  })

  it('truncated or corrupted containers never throw anything but typed errors (property)', () => {
    const good = contractZvmc('token')
    fc.assert(fc.property(fc.nat({ max: good.length }), fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (cut, edits) => {
      const bytes = good.slice(0, cut)
      for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v
      try {
        loadKalixContract(bytes)
      } catch (e) {
        expect([ZvmcDecodeError, KalixAbiMismatchError, KalixContainerError, KalixTypeError].some((c) => e instanceof c), String(e)).toBe(true)
      }
    }), { numRuns: 400 })
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (garbage) => {
      expect(() => loadKalixContract(garbage)).toThrow(ZvmcDecodeError)
    }), { numRuns: 200 })
  })

  it('a runtime refuses accounts without a KALIX container', () => {
    const rt = new KalixRuntime()
    const empty: Address = '0x00000000000000000000000000000000000000e1'
    expect(() => rt.call(empty, 'totalSupply')).toThrow(/no contract at 0x00000000000000000000000000000000000000e1/)
    rt.state.setCode(empty, new Uint8Array([0x00]))
    expect(() => rt.call(empty, 'totalSupply')).toThrow(/is not a ZVMC container/)
    const { address } = rt.deploy(contractZvmc('token'), [1n])
    expect(() => rt.deploy(contractZvmc('token'), [1n], { address })).toThrow(/already has code or storage/)
  })
})

describe('overloads, selectors and events', () => {
  // Two overloads of f: each returns its argument count.
  const abi: ZvmcAbi = {
    contract: 'Over',
    functions: [
      { name: 'f', selector: kalixSelector('f(u8)'), inputs: [{ name: 'a', type: 'u8' }], outputs: [{ type: 'u8' }], mutability: 'pure' },
      { name: 'f', selector: kalixSelector('f(u8,u8)'), inputs: [{ name: 'a', type: 'u8' }, { name: 'b', type: 'u8' }], outputs: [{ type: 'u8' }], mutability: 'pure' },
    ],
    events: [{ name: 'Named', fields: [{ name: 'label', type: 'string', indexed: true }, { name: 'n', type: 'i16', indexed: false }] }],
    state_variables: [],
    tables: [],
  }
  const code = `PUSH 0\nCALLDATALOAD\nPUSH 224\nSHR
    DUP1\nPUSH4 ${kalixSelector('f(u8)')}\nEQ\nPUSH @one\nJUMPI
    DUP1\nPUSH4 ${kalixSelector('f(u8,u8)')}\nEQ\nPUSH @two\nJUMPI
    PUSH 0\nPUSH 0\nREVERT
    one: PUSH 1\nPUSH @out\nJUMP
    two: PUSH 2
    out: PUSH 0\nMSTORE\nPUSH 32\nPUSH 0\nRETURN`
  const contract = loadKalixContract(assembleZvmc(code, { abi }))

  it('a bare name of an overloaded function is ambiguous; signatures and selectors pick one', () => {
    expect(() => contract.fn('f')).toThrow(/overloaded; give one of f\(u8\), f\(u8,u8\)/)
    expect(contract.fn('f(u8,u8)').selector).toBe(kalixSelector('f(u8,u8)'))
    expect(contract.fnBySelector(kalixSelector('f(u8)').toUpperCase().replace('0X', '0x')).signature).toBe('f(u8)')
    expect(() => contract.fnBySelector('0xdeadbeef')).toThrow(KalixUnknownError)
    const rt = new KalixRuntime()
    const { address } = rt.deploy(contract)
    expect(rt.call(address, 'f(u8)', [9n]).value).toBe(1n)
    expect(rt.call(address, 'f(u8,u8)', [9n, 9n]).value).toBe(2n)
  })

  it('events: an indexed string is its keccak256 topic; logs of other addresses and topics are skipped', () => {
    const at: Address = '0x00000000000000000000000000000000000000a1'
    const spec = contract.events[0]
    const labelHash = BigInt('0x' + Buffer.from(keccak_256(new TextEncoder().encode('hi'))).toString('hex'))
    const data = new Uint8Array(32).fill(0xff) // -1 as i16
    const log = { address: at, topics: [BigInt(spec.topic0), labelHash], data }
    const events = decodeEvents(contract, [log, { ...log, address: '0x00000000000000000000000000000000000000a2' as Address }, { address: at, topics: [1n], data }], at)
    expect(events).toEqual([{ name: 'Named', signature: 'Named(string,i16)', address: at, values: [`0x${labelHash.toString(16).padStart(64, '0')}`, -1n], args: { label: `0x${labelHash.toString(16).padStart(64, '0')}`, n: -1n } }])
    expect(() => decodeEvents(contract, [{ ...log, topics: [BigInt(spec.topic0)] }])).toThrow(KalixDecodeError)
  })

  it('table keys of bytes or string types are hashed first', () => {
    expect(tableSlot(3, 'string', 'a')).toBe(tableSlot(3, 'bytes', new TextEncoder().encode('a')))
    expect(tableSlot(3, 'u8', 1n)).not.toBe(tableSlot(4, 'u8', 1n))
    expect(() => tableSlot(3, 'string', 5n)).toThrow(/expected a string/)
  })
})
