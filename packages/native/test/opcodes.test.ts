/**
 * Per-opcode behaviour of the native ISA, table-driven: each case runs code
 * that leaves a word on the stack, returns it, and compares with a bigint
 * reference computed here (not with a value copied from our own output).
 */
import { blake2b } from '@noble/hashes/blake2.js'
import { ripemd160 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToBigint, bigintToBytes } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { Vm } from '@zvm/core'
import { prog, push, RETURN_TOP, type Part, nativeVm } from './program.ts'

const M = 1n << 256n
const MAX = M - 1n
const neg = (v: bigint): bigint => (M + v) % M

function top(...parts: Part[]): bigint {
  const r = nativeVm().run({ code: prog(...parts, ...RETURN_TOP), gasLimit: 1_000_000 })
  expect(r.status, `${r.error}`).toBe('success')
  return bytesToBigint(r.returnData)
}

// (a, b) → a op b with a on top: push b first.
const bin = (op: string, a: bigint, b: bigint): bigint => top(...push(b), ...push(a), op)

describe('arithmetic', () => {
  const cases: [string, bigint, bigint, bigint][] = [
    ['ADD', 2n, 3n, 5n], ['ADD', MAX, 2n, 1n],
    ['SUB', 3n, 5n, neg(-2n)], ['SUB', 10n, 4n, 6n],
    ['MUL', 1n << 200n, 1n << 60n, (1n << 260n) % M], ['MUL', 7n, 6n, 42n],
    ['DIV', 7n, 2n, 3n], ['DIV', 7n, 0n, 0n],
    ['SDIV', neg(-7n), 2n, neg(-3n)], ['SDIV', 1n << 255n, MAX, 1n << 255n], ['SDIV', 5n, 0n, 0n],
    ['MOD', 7n, 3n, 1n], ['MOD', 7n, 0n, 0n],
    ['SMOD', neg(-7n), 3n, neg(-1n)], ['SMOD', 7n, neg(-3n), 1n], ['SMOD', 7n, 0n, 0n],
    ['EXP', 2n, 10n, 1024n], ['EXP', 3n, 300n, 3n ** 300n % M], ['EXP', 0n, 0n, 1n],
    ['SIGNEXTEND', 0n, 0xffn, MAX], ['SIGNEXTEND', 0n, 0x7fn, 0x7fn], ['SIGNEXTEND', 1n, 0x8000n, neg(-0x8000n)], ['SIGNEXTEND', 40n, 0x80n, 0x80n],
  ]
  for (const [op, a, b, want] of cases) it(`${op}(${a}, ${b})`, () => expect(bin(op, a, b)).toBe(want))

  it('ADDMOD and MULMOD keep full precision', () => {
    expect(top(...push(7n), ...push(MAX), ...push(MAX), 'ADDMOD')).toBe((MAX + MAX) % 7n)
    expect(top(...push(12345n), ...push(MAX), ...push(MAX - 1n), 'MULMOD')).toBe((MAX * (MAX - 1n)) % 12345n)
    expect(top(...push(0n), ...push(5n), ...push(6n), 'MULMOD')).toBe(0n)
  })

  it('EXP charges 50 gas per exponent byte', () => {
    // PUSH2 0x0100 (exponent, 2 bytes) PUSH1 2 EXP HALT = 3 + 3 + 10 + 100
    expect(nativeVm().run({ code: prog('PUSH2', 0x100, 'PUSH1', 2, 'EXP', 'HALT') }).gasUsed).toBe(116)
  })
})

describe('comparison and bitwise', () => {
  const cases: [string, bigint, bigint, bigint][] = [
    ['LT', 1n, 2n, 1n], ['LT', 2n, 1n, 0n], ['GT', 2n, 1n, 1n], ['GT', MAX, 0n, 1n],
    ['SLT', neg(-1n), 0n, 1n], ['SLT', 0n, neg(-1n), 0n], ['SGT', 0n, neg(-1n), 1n], ['SGT', neg(-2n), neg(-1n), 0n],
    ['EQ', 5n, 5n, 1n], ['EQ', 5n, 6n, 0n],
    ['AND', 0b1100n, 0b1010n, 0b1000n], ['OR', 0b1100n, 0b1010n, 0b1110n], ['XOR', 0b1100n, 0b1010n, 0b0110n],
    ['BYTE', 31n, 0x1234n, 0x34n], ['BYTE', 0n, 1n << 248n, 1n], ['BYTE', 32n, MAX, 0n],
    ['SHL', 4n, 1n, 16n], ['SHL', 256n, 1n, 0n], ['SHL', 255n, 3n, 1n << 255n],
    ['SHR', 4n, 256n, 16n], ['SHR', 300n, MAX, 0n],
    ['SAR', 4n, neg(-256n), neg(-16n)], ['SAR', 300n, neg(-5n), MAX], ['SAR', 1n, 8n, 4n],
  ]
  for (const [op, a, b, want] of cases) it(`${op}(${a}, ${b})`, () => expect(bin(op, a, b)).toBe(want))

  it('ISZERO and NOT', () => {
    expect(top(...push(0n), 'ISZERO')).toBe(1n)
    expect(top(...push(9n), 'ISZERO')).toBe(0n)
    expect(top(...push(0n), 'NOT')).toBe(MAX)
  })
})

describe('stack', () => {
  it('PUSH1/2/4/8/16/32 read big-endian immediates', () => {
    expect(top('PUSH1', 0xab)).toBe(0xabn)
    expect(top('PUSH2', 0xabcd)).toBe(0xabcdn)
    expect(top('PUSH4', 0xdeadbeefn)).toBe(0xdeadbeefn)
    expect(top('PUSH8', 0x0102030405060708n)).toBe(0x0102030405060708n)
    expect(top('PUSH16', (1n << 127n) + 5n)).toBe((1n << 127n) + 5n)
    expect(top('PUSH32', MAX - 9n)).toBe(MAX - 9n)
  })
  it('a PUSH running off the end is zero-padded and the code then halts', () => {
    const r = nativeVm().run({ code: new Uint8Array([0x13, 0xaa]) }) // PUSH4 0xaa000000
    expect(r.status).toBe('success')
    expect(r.gasUsed).toBe(3)
  })
  it('DUP1–DUP4 and SWAP1–SWAP4', () => {
    const four = [...push(4n), ...push(3n), ...push(2n), ...push(1n)] // top: 1
    expect(top(...four, 'DUP1')).toBe(1n)
    expect(top(...four, 'DUP2')).toBe(2n)
    expect(top(...four, 'DUP3')).toBe(3n)
    expect(top(...four, 'DUP4')).toBe(4n)
    expect(top(...four, 'SWAP1')).toBe(2n)
    expect(top(...four, 'SWAP2')).toBe(3n)
    expect(top(...four, 'SWAP3')).toBe(4n)
    expect(top(...four, ...push(5n), 'SWAP4')).toBe(4n)
    expect(top(...four, 'SWAP3', 'POP', 'POP', 'POP')).toBe(1n)
  })
  it('NOP does nothing and costs nothing', () => {
    expect(nativeVm().run({ code: prog('NOP', 'NOP', 'HALT') }).gasUsed).toBe(0)
  })
})

describe('hashing over memory', () => {
  const data = new Uint8Array(40).map((_, i) => i * 7 + 1)
  // Store 40 bytes at memory 0: two MSTOREs of the padded data.
  const storeData: Part[] = [
    ...push(bytesToBigint(data.subarray(0, 32))), ...push(0n), 'MSTORE',
    ...push(bytesToBigint(new Uint8Array([...data.subarray(32), ...new Uint8Array(24)]))), ...push(32n), 'MSTORE',
  ]
  const hashOf = (op: string): bigint => top(...storeData, ...push(40n), ...push(0n), op)
  it('KECCAK256', () => expect(hashOf('KECCAK256')).toBe(bytesToBigint(keccak_256(data))))
  it('SHA256', () => expect(hashOf('SHA256')).toBe(bytesToBigint(sha256(data))))
  it('RIPEMD160 is right-aligned', () => expect(hashOf('RIPEMD160')).toBe(bytesToBigint(ripemd160(data))))
  it('BLAKE2B is blake2b-256', () => expect(hashOf('BLAKE2B')).toBe(bytesToBigint(blake2b(data, { dkLen: 32 }))))
  it('KECCAK256 of nothing', () => expect(top(...push(0n), ...push(0n), 'KECCAK256')).toBe(bytesToBigint(keccak_256(new Uint8Array(0)))))
  it('TABLEHASH (key on top, slot below) = keccak256(slot ‖ key)', () => {
    const slot = 3n, key = 0xabcdefn
    const expected = bytesToBigint(keccak_256(new Uint8Array([...bigintToBytes(slot, 32), ...bigintToBytes(key, 32)])))
    expect(top(...push(slot), ...push(key), 'TABLEHASH')).toBe(expected)
  })
  it('hash gas: base (static + measured surcharge, NATIVE_OP_GAS) + per word + memory', () => {
    // PUSH1 64 PUSH1 0 SHA256 HALT: 3 + 3 + 72 + 12*2 + memory(2 words) 6
    expect(nativeVm().run({ code: prog('PUSH1', 64, 'PUSH1', 0, 'SHA256', 'HALT') }).gasUsed).toBe(108)
    // KECCAK256: 340 + 100/word
    expect(nativeVm().run({ code: prog('PUSH1', 64, 'PUSH1', 0, 'KECCAK256', 'HALT') }).gasUsed).toBe(3 + 3 + 340 + 200 + 6)
  })
})

describe('memory', () => {
  it('MLOAD/MSTORE/MSTORE8/MSIZE', () => {
    expect(top(...push(0xabn), ...push(31n), 'MSTORE8', ...push(0n), 'MLOAD')).toBe(0xabn)
    expect(top(...push(1n), ...push(100n), 'MSTORE8', 'MSIZE')).toBe(128n)
    expect(top(...push(0x1234n), ...push(2n), 'MSTORE', ...push(0n), 'MLOAD')).toBe(0x1234n >> 16n)
  })
  it('an offset of 2^32 or more runs out of gas instead of allocating', () => {
    const r = nativeVm().run({ code: prog('PUSH8', 1n << 40n, 'MLOAD'), gasLimit: 10_000_000 })
    expect(r.error).toBe('OutOfGas')
    expect(r.gasUsed).toBe(10_000_000)
  })
})
