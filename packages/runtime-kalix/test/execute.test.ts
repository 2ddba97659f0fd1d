/**
 * Raw KALIX messages inside a transaction the caller owns (what a network
 * does): create and call by calldata, changes kept or undone by the caller's
 * checkpoint, reverts and out-of-gas as results; and an interface from the
 * ABI alone.
 */
import { assembleZvmc, decodeZvmc, kalixSelector } from '@zvm/bytecode'
import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { decodeRevertReason, decodeValues, encodeCall, encodeValues, executeKalixCall, executeKalixCreate, kalixInterface, KalixRuntime, loadKalixContract } from '../src/index.ts'
import { contractZvmc } from './fixtures.ts'

const CALLER = '0x1000000000000000000000000000000000000001'
const AT = '0x00000000000000000000000000000000000000c0'
const ADMIN = '0x00000000000000000000000000000000000000ad'

describe('executeKalixCreate / executeKalixCall', () => {
  const counter = loadKalixContract(contractZvmc('counter'))

  it('creates and calls by raw calldata; the caller commits or reverts; gas matches KalixRuntime', () => {
    const state = new JournaledState()
    state.beginTransaction()
    const cp = state.checkpoint()
    const created = executeKalixCreate({ state }, counter, { caller: CALLER, address: AT, constructorArgs: encodeValues(['u64', 'address'], [5n, ADMIN]), gasLimit: 1_000_000 })
    expect(created.status).toBe('success')
    state.commit(cp)
    state.finalizeTransaction()
    expect(state.getCode(AT)).toEqual(counter.bytes)

    const rt = new KalixRuntime()
    const reference = rt.deploy(counter, [5n, ADMIN], { address: AT })
    expect(created.gasUsed).toBe(reference.gasUsed)

    state.beginTransaction()
    const cp2 = state.checkpoint()
    const r = executeKalixCall({ state }, counter.code, { caller: CALLER, address: AT, data: encodeCall(counter.fn('increment'), [2n]), gasLimit: 100_000 })
    expect(decodeValues(['u64'], r.returnData)).toEqual([7n])
    expect(r.logs).toHaveLength(1)
    expect(r.gasUsed).toBe(rt.call(AT, 'increment', [2n]).gasUsed)
    state.revert(cp2)
    state.finalizeTransaction()
    expect(state.sload(AT, 0n)).toBe(5n)
  })

  it('reverts, out of gas and arguments without a constructor are results, not throws', () => {
    const state = new JournaledState()
    state.beginTransaction()
    executeKalixCreate({ state }, counter, { caller: CALLER, address: AT, constructorArgs: encodeValues(['u64', 'address'], [1n, ADMIN]), gasLimit: 1_000_000 })
    const reset = executeKalixCall({ state }, counter.code, { caller: CALLER, address: AT, data: encodeCall(counter.fn('reset'), []), gasLimit: 100_000 })
    expect(reset).toMatchObject({ status: 'revert', error: null, logs: [] })
    expect(decodeRevertReason(reset.returnData)).toBe('not admin')
    const starved = executeKalixCall({ state }, counter.code, { caller: CALLER, address: AT, data: encodeCall(counter.fn('increment'), [1n]), gasLimit: 50 })
    expect(starved).toMatchObject({ status: 'error', error: 'OutOfGas', gasUsed: 50 })
    const short = executeKalixCreate({ state }, counter, { caller: CALLER, address: '0x00000000000000000000000000000000000000c1', constructorArgs: new Uint8Array(0), gasLimit: 10 })
    expect(short).toMatchObject({ status: 'error', error: 'OutOfGas' })
    const box = loadKalixContract(assembleZvmc(['PUSH 0', 'CALLDATALOAD', 'PUSH 224', 'SHR', 'DUP1', `PUSH4 ${kalixSelector('get()')}`, 'EQ', 'PUSH @get', 'JUMPI', 'PUSH 0', 'PUSH 0', 'REVERT', 'get: HALT'].join('\n'), {
      abi: { contract: 'Box', functions: [{ name: 'get', selector: kalixSelector('get()'), inputs: [], outputs: [], mutability: 'view' }], events: [], state_variables: [], tables: [] },
    }))
    const extra = executeKalixCreate({ state }, box, { caller: CALLER, address: '0x00000000000000000000000000000000000000c2', constructorArgs: new Uint8Array(32), gasLimit: 1_000_000 })
    expect(extra.status).toBe('revert')
    expect(decodeRevertReason(extra.returnData)).toBe('Box has no constructor to take 32 bytes of arguments')
    expect(executeKalixCreate({ state }, box, { caller: CALLER, address: '0x00000000000000000000000000000000000000c2', constructorArgs: new Uint8Array(0), gasLimit: 1_000_000 }).status).toBe('success')
  })
})

describe('kalixInterface', () => {
  it('encodes and decodes from the ABI alone; selectors are still checked', () => {
    const token = loadKalixContract(contractZvmc('token'))
    const iface = kalixInterface(token.abi)
    expect(iface.code.length).toBe(0)
    expect(encodeCall(iface.fn('transfer'), [CALLER, 5n])).toEqual(encodeCall(token.fn('transfer'), [CALLER, 5n]))
    expect(iface.fn('transfer').entry).toBe(-1)
    expect(decodeZvmc(token.bytes).abi).toEqual(iface.abi)
    expect(() => kalixInterface({ ...token.abi, functions: [{ ...token.abi.functions[1], selector: '0x00000000' }] })).toThrow(/selector/)
  })
})
