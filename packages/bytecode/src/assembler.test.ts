import fc from 'fast-check'
import { bytesToHex } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { assemble, assembleToBytes, assembleZvmc, AssemblyError, decodeZvmc, disassemble, disassembleToText, kalixSelector, NATIVE_OPCODES, OP } from './index.ts'
import { keccak_256 } from '@noble/hashes/sha3.js'

function errorAt(source: string): [number, number, string] {
  try {
    assemble(source)
  } catch (e) {
    expect(e).toBeInstanceOf(AssemblyError)
    const err = e as AssemblyError
    return [err.line, err.column, err.shortMessage]
  }
  throw new Error('expected an AssemblyError')
}

describe('assembler', () => {
  it('assembles the spec vector', () => {
    expect(bytesToHex(assembleToBytes('PUSH1 42\nPUSH1 8\nADD\nHALT'))).toBe('0x112a11083000')
    expect(bytesToHex(assembleToBytes('push 42 ; comment\n  push 8 # another\nadd // third\nhalt'))).toBe('0x112a11083000')
  })
  it('sizes PUSH automatically', () => {
    const sizes = [[0n, 0x11], [255n, 0x11], [256n, 0x12], [65536n, 0x13], [1n << 32n, 0x14], [1n << 64n, 0x15], [1n << 128n, 0x16]] as const
    for (const [value, opcode] of sizes) expect(assembleToBytes(`PUSH ${value}`)[0]).toBe(opcode)
  })
  it('resolves labels (always PUSH4), constants and raw bytes', () => {
    const { code, labels } = assemble(`
      .const LIMIT = 0x10
      start:
        PUSH LIMIT
        PUSH @end
        JUMP
      .bytes 0xdead
      end: HALT`)
    expect(labels.get('start')).toBe(0)
    expect(labels.get('end')).toBe(10)
    expect(bytesToHex(code)).toBe('0x1110130000000aa0dead00')
  })
  it('forward references and labels used with explicit PUSH4', () => {
    expect(bytesToHex(assembleToBytes('PUSH4 done\nJUMP\ndone:\nHALT'))).toBe('0x1300000006a000')
  })
  it('reports errors with line and column', () => {
    expect(errorAt('PUSH1 1\n  FROB')).toEqual([2, 3, "line 2, column 3: unknown mnemonic 'FROB'"])
    expect(errorAt('PUSH1 256')[0]).toBe(1)
    expect(errorAt('PUSH1 256')[2]).toContain('does not fit in PUSH1')
    expect(errorAt('PUSH nowhere')[2]).toContain("undefined label or constant 'nowhere'")
    expect(errorAt('a:\na:')[2]).toContain("duplicate name 'a'")
    expect(errorAt('PUSH 0xzz')[2]).toContain("bad number or name '0xzz'")
    expect(errorAt('PUSH')[2]).toContain('needs a value')
    expect(errorAt('ADD 1')).toEqual([1, 5, 'line 1, column 5: ADD takes no operand'])
    expect(errorAt('.bytes 0x1')[2]).toContain('even number of hex digits')
    expect(errorAt('.const X 1')[2]).toContain('.const NAME = value')
  })
  it('builds a container', () => {
    expect([...decodeZvmc(assembleZvmc('HALT')).code]).toEqual([OP.HALT])
  })
})

describe('disassembler', () => {
  it('decodes instructions and immediates', () => {
    expect(disassemble(assembleToBytes('PUSH2 0x0102\nADD\n.bytes 0xff'))).toEqual([
      { offset: 0, opcode: 0x12, name: 'PUSH2', immediate: '0x0102' },
      { offset: 3, opcode: 0x30, name: 'ADD' },
      { offset: 4, opcode: 0xff, name: undefined },
    ])
  })
  it('assemble(disassemble(x)) = x for any bytes (property)', () =>
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (code) => {
      expect(bytesToHex(assembleToBytes(disassembleToText(code)))).toBe(bytesToHex(code))
    }), { numRuns: 2000 }))
  it('a truncated PUSH at the end round-trips', () => {
    const code = new Uint8Array([0x30, 0x14, 0x01, 0x02])
    expect([...assembleToBytes(disassembleToText(code))]).toEqual([...code])
  })
})

describe('opcode table', () => {
  it('matches spec/native-isa.md for the PUSH, DUP, SWAP and LOG rows', () => {
    const byName = Object.fromEntries(NATIVE_OPCODES.map((o) => [o.name, o]))
    expect([1, 2, 4, 8, 16, 32].map((n) => [byName[`PUSH${n}`].code, byName[`PUSH${n}`].immediateSize])).toEqual([[0x11, 1], [0x12, 2], [0x13, 4], [0x14, 8], [0x15, 16], [0x16, 32]])
    expect([1, 2, 3, 4].map((n) => byName[`DUP${n}`].code)).toEqual([0x17, 0x18, 0x19, 0x1a])
    expect([1, 2, 3, 4].map((n) => byName[`SWAP${n}`].code)).toEqual([0x1b, 0x1c, 0x1d, 0x1e])
    expect([0, 1, 2, 3, 4].map((n) => [byName[`LOG${n}`].code, byName[`LOG${n}`].staticGas, byName[`LOG${n}`].stackIn])).toEqual(
      [[0xf8, 375, 2], [0xf9, 750, 3], [0xfa, 1125, 4], [0xfb, 1500, 5], [0xfc, 1875, 6]])
    expect([OP.HALT, OP.SLOAD, OP.JUMP, OP.CALL, OP.CREATE2, OP.TABLEHASH, OP.HEDERA_TIMESTAMP, OP.PQ_KEYGEN]).toEqual([0x00, 0x90, 0xa0, 0xa4, 0xac, 0xd2, 0xec, 0xf3])
    expect(NATIVE_OPCODES).toHaveLength(117)
  })
  it('kalixSelector is the first 4 bytes of keccak256 of the signature', () => {
    expect(kalixSelector('deposit(u64)')).toBe(bytesToHex(keccak_256(new TextEncoder().encode('deposit(u64)')).subarray(0, 4)))
    expect(kalixSelector('transfer(address,uint256)')).toBe('0xa9059cbb')
  })
})
