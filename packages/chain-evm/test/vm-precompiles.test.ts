/**
 * A direct `Vm` run with the fork's precompiles (as `zvm run --target evm`
 * does) treats them as a transaction does: warm from the start (EIP-2929).
 */
import { Vm } from '@zvm/core'
import { hexToBytes } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { evmTable, Fork, precompilesFor } from '../src/index.ts'
import { ethereumjsEngine, zvmEngine } from './engines.ts'

// GAS, PUSH0 ×4, PUSH1 <target>, GAS, STATICCALL, POP, GAS, SWAP1, SUB: returns the gas spent around the STATICCALL.
const staticCallCost = (target: number): Uint8Array =>
  hexToBytes(`0x5a5f5f5f5f60${target.toString(16).padStart(2, '0')}5afa505a90035f5260205ff3`)
const CALLER = '0x00000000000000000000000000000000000c0ffe'
const TARGET = '0x00000000000000000000000000000000000000aa'

describe('precompiles in direct runs', () => {
  it('a STATICCALL to the identity precompile costs what it costs in a transaction', async () => {
    const vm = new Vm({ table: evmTable(Fork.Cancun), precompiles: precompilesFor(Fork.Cancun) })
    const r = vm.run({ code: staticCallCost(4) })
    expect(r.status).toBe('success')
    const cost = Number(BigInt(`0x${Buffer.from(r.returnData).toString('hex')}`))
    // GAS (2) + STATICCALL to a warm account (100) + identity on empty input (15) + the PUSH/SWAP/GAS around it.
    const cold = new Vm({ table: evmTable(Fork.Cancun), precompiles: precompilesFor(Fork.Cancun) }).run({ code: staticCallCost(0xaa) })
    const coldCost = Number(BigInt(`0x${Buffer.from(cold.returnData).toString('hex')}`))
    expect(coldCost - cost).toBe(2600 - 100 - 15)
  })

  it('matches @ethereumjs/evm with its precompiles warm, as in a transaction', async () => {
    const zvm = zvmEngine('Cancun', 'interpreter')
    const ejs = await ethereumjsEngine('Cancun')
    for (const target of [1, 2, 3, 4, 5, 9]) {
      const code = staticCallCost(target)
      await zvm.setCode(TARGET, code)
      await ejs.setCode(TARGET, code)
      expect(await zvm.call(CALLER, TARGET, new Uint8Array())).toEqual(await ejs.call(CALLER, TARGET, new Uint8Array()))
    }
  })
})

describe('precompile outcomes', () => {
  const P = '0x0000000000000000000000000000000000000100'
  // CALL 0x…0100 with 50,000 gas (output to memory[96]), then return [success, RETURNDATASIZE, gas left, output word].
  const caller = hexToBytes('0x602060605f5f5f6101006200c350f15f523d6020525a60405260805ff3')
  const run = (p: import('@zvm/core').Precompile) => {
    const vm = new Vm({ table: evmTable(Fork.Cancun), precompiles: new Map([[P, p]]) })
    const r = vm.run({ code: caller, gasLimit: 200_000 })
    const word = (i: number): bigint => BigInt(`0x${Buffer.from(r.returnData.subarray(32 * i, 32 * i + 32)).toString('hex')}`)
    return { r, success: word(0), size: word(1), gasLeft: word(2), data: word(3) }
  }

  it('a revert returns its data and the gas it did not use; its state changes are undone', () => {
    const written: bigint[] = []
    const reverting = run((_input, _gas, context) => {
      context.state.sstore(P, 1n, 7n)
      written.push(context.state.sload(P, 1n))
      return { ok: false, gasUsed: 1_000, reason: 'no', revert: new Uint8Array(32).fill(0xab) }
    })
    const failing = run(() => ({ ok: false, gasUsed: 1_000, reason: 'no' }))
    expect([reverting.success, reverting.size, reverting.data]).toEqual([0n, 32n, BigInt(`0x${'ab'.repeat(32)}`)])
    // A plain failure burns all 50,000; a revert only the 1,000 it used.
    expect(reverting.gasLeft - failing.gasLeft).toBe(49_000n)
    expect(written).toEqual([7n])
    expect(reverting.r.stateDiff.accounts.find((a) => a.address === P)?.storage.get(1n)).toBeUndefined()
  })

  it('a precompile that throws fails its call and burns its gas; the caller goes on', () => {
    const thrown = run(() => { throw new Error('bug') })
    const failing = run(() => ({ ok: false, gasUsed: 50_000, reason: 'no' }))
    expect(thrown.r.status).toBe('success')
    expect([thrown.success, thrown.size, thrown.gasLeft]).toEqual([0n, 0n, failing.gasLeft])
  })
})
