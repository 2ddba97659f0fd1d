import fc from 'fast-check'
import { assembleToBytes } from '@zvm/bytecode'
import { Vm } from '@zvm/core'
import { NATIVE_TABLE } from '@zvm/native'
import { bytesToBigint } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { encodeWord, tableSlot } from '../src/index.ts'

describe('table slots', () => {
  const vm = new Vm({ table: NATIVE_TABLE })
  /** What the TABLEHASH opcode computes for (slot, key word). */
  const opcode = (slot: bigint, key: bigint): bigint => {
    const r = vm.run({ code: assembleToBytes(`PUSH ${slot}\nPUSH ${key}\nTABLEHASH\nPUSH 0\nMSTORE\nPUSH 32\nPUSH 0\nRETURN`) })
    expect(r.status).toBe('success')
    return bytesToBigint(r.returnData)
  }

  it('tableSlot is what TABLEHASH computes for the key\'s word (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (slot, key) => {
      expect(tableSlot(slot, 'i64', key)).toBe(opcode(slot, encodeWord('i64', key)))
    }), { numRuns: 100 })
    fc.assert(fc.property(fc.nat({ max: 1000 }), fc.uint8Array({ minLength: 20, maxLength: 20 }), (slot, bytes) => {
      const address = `0x${Buffer.from(bytes).toString('hex')}`
      expect(tableSlot(slot, 'address', address)).toBe(opcode(BigInt(slot), BigInt(address)))
    }), { numRuns: 100 })
  })
})
