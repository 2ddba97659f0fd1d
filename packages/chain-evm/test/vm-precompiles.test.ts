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
