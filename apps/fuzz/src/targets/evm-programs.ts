/**
 * Structured random EVM programs: a list of units (straight-line snippets
 * and jumps), assembled with jump targets resolved to real JUMPDESTs, so a
 * program gets past its first instructions and dropping units while
 * minimising keeps it well formed.
 */
import { bigintToBytes, type Address } from '@zvm/primitives'
import type { Rng } from '../rng.ts'

export const CALLER: Address = '0x00000000000000000000000000000000000c0ffe'
export const TARGET: Address = '0x00000000000000000000000000000000000000aa'
export const HELPER: Address = '0x00000000000000000000000000000000000000bb'
/** Holds an EIP-7702 delegation designator (an executable one in Prague, code starting 0xEF in Cancun). */
export const DELEGATED: Address = '0x00000000000000000000000000000000000000d1'
export const EMPTY: Address = '0x00000000000000000000000000000000000000e1'

/** A snippet of bytes, or a jump resolved at assembly: forward to the next JUMPDEST, or back to the previous one while GAS > floor. */
export type Unit = number[] | { jump: 'forward'; conditional: boolean; taken: boolean } | { jump: 'back'; gasFloor: number }

const OP = {
  STOP: 0x00, KECCAK256: 0x20, ADDRESS: 0x30, BALANCE: 0x31, EXTCODESIZE: 0x3b, EXTCODECOPY: 0x3c, RETURNDATACOPY: 0x3e, EXTCODEHASH: 0x3f,
  MLOAD: 0x51, MSTORE: 0x52, MSTORE8: 0x53, SLOAD: 0x54, SSTORE: 0x55, JUMP: 0x56, JUMPI: 0x57, GAS: 0x5a, JUMPDEST: 0x5b,
  TLOAD: 0x5c, TSTORE: 0x5d, MCOPY: 0x5e, PUSH0: 0x5f, PUSH1: 0x60, PUSH2: 0x61, PUSH3: 0x62, GT: 0x11, DUP1: 0x80, POP: 0x50, LOG0: 0xa0,
  CREATE: 0xf0, CALL: 0xf1, CALLCODE: 0xf2, RETURN: 0xf3, DELEGATECALL: 0xf4, CREATE2: 0xf5, STATICCALL: 0xfa, REVERT: 0xfd, INVALID: 0xfe, SELFDESTRUCT: 0xff,
} as const

/** PUSHn of `v` with the smallest n (PUSH0 for zero). */
export function push(v: bigint | number): number[] {
  const x = BigInt(v)
  if (x === 0n) return [OP.PUSH0]
  const size = Math.ceil(x.toString(16).length / 2)
  return [OP.PUSH0 + size, ...bigintToBytes(x, size)]
}
const addressWord = (a: Address): bigint => BigInt(a)

// Operations whose operands are whatever is on the stack (stack errors are part of the test).
const ARITHMETIC = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d]
// Environment reads, block fields included (both engines get the same block); not BLOCKHASH (each has its own history).
const ENVIRONMENT = [0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3a, 0x3d, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x58, 0x59, 0x5a, 0x5f]
const PRECOMPILES = { Cancun: 10, Prague: 17 } as const

export interface ProgramContext { rng: Rng; fork: 'Cancun' | 'Prague'; depth: number }

function small(rng: Rng): number {
  return rng.chance(0.9) ? rng.int(160) : rng.pick([0x400, 0x1000, 0x10000, 0x100000, 2 ** 32 + 1])
}

function accountOf(c: ProgramContext): bigint {
  const { rng } = c
  switch (rng.int(6)) {
    case 0: return addressWord(TARGET)
    case 1: return addressWord(HELPER)
    case 2: return addressWord(DELEGATED)
    case 3: return addressWord(EMPTY)
    case 4: return BigInt(1 + rng.int(PRECOMPILES[c.fork] + 1))
    default: return addressWord(CALLER)
  }
}

/** MSTOREs that put `bytes` at memory `offset` (32-byte words, the last one padded). */
function storeBytes(bytes: Uint8Array, offset: number): number[] {
  const out: number[] = []
  for (let i = 0; i < bytes.length; i += 32) {
    const word = new Uint8Array(32)
    word.set(bytes.subarray(i, i + 32))
    out.push(...push(BigInt(`0x${Buffer.from(word).toString('hex')}`)), ...push(offset + i), OP.MSTORE)
  }
  return out
}

/** Init code for CREATE/CREATE2: deploys a small body, reverts, deploys 0xEF… (EIP-3541) or too much (EIP-170), or random bytes. */
function initCode(c: ProgramContext): Uint8Array {
  const { rng } = c
  switch (rng.int(6)) {
    case 0: return new Uint8Array([...push(rng.int(32)), ...push(rng.int(64)), OP.REVERT])
    case 1: return new Uint8Array([...push(0xef), ...push(0), OP.MSTORE8, ...push(1 + rng.int(3)), ...push(0), OP.RETURN])
    case 2: return new Uint8Array([...push(24_577 - rng.int(2)), ...push(0), OP.RETURN])
    case 3: return rng.bytes(rng.int(40))
    default: {
      // Runtime: a few SSTOREs and LOGs and a return, copied out of the init code's memory.
      const body = assemble(program({ ...c, depth: c.depth + 1 }, 6))
      return new Uint8Array([...storeBytes(body, 0), ...push(body.length), ...push(0), OP.RETURN])
    }
  }
}

/** One random unit. */
function unit(c: ProgramContext): Unit {
  const { rng } = c
  switch (rng.int(24)) {
    case 0: case 1: return push(rng.word())
    case 2: case 3: return rng.chance(0.6) ? [...push(rng.word()), ...push(rng.word()), rng.pick(ARITHMETIC)] : [rng.pick(ARITHMETIC)]
    case 4: return [rng.pick(ENVIRONMENT)]
    case 5: return [(rng.chance(0.5) ? 0x80 : 0x90) + (rng.chance(0.8) ? rng.int(3) : rng.int(16))]
    case 6: return [...push(rng.word()), ...push(small(rng)), rng.chance(0.8) ? OP.MSTORE : OP.MSTORE8]
    case 7: return [...push(small(rng)), OP.MLOAD]
    case 8: return [...push(small(rng)), ...push(small(rng)), ...push(small(rng)), OP.MCOPY]
    case 9: return [...push(small(rng)), ...push(small(rng)), OP.KECCAK256]
    case 10: return [...push(rng.chance(0.3) ? 0n : rng.word()), ...push(rng.int(4)), OP.SSTORE]
    case 11: return [...push(rng.int(4)), OP.SLOAD]
    case 12: return rng.chance(0.5) ? [...push(rng.word()), ...push(rng.int(4)), OP.TSTORE] : [...push(rng.int(4)), OP.TLOAD]
    case 13: {
      const topics = rng.int(5)
      return [...Array.from({ length: topics }, () => push(rng.word())).flat(), ...push(small(rng)), ...push(small(rng)), OP.LOG0 + topics]
    }
    case 14: {
      const op = rng.pick([OP.BALANCE, OP.EXTCODESIZE, OP.EXTCODEHASH, OP.EXTCODECOPY])
      const a = push(accountOf(c))
      return op === OP.EXTCODECOPY ? [...push(rng.int(64)), ...push(rng.int(8)), ...push(rng.int(96)), ...a, op] : [...a, op]
    }
    case 15: case 16: return call(c)
    case 17: return c.depth < 1 ? create(c) : push(rng.word())
    case 18: return [...push(rng.int(40)), ...push(rng.int(8)), ...push(rng.int(64)), OP.RETURNDATACOPY]
    case 19: case 20: return { jump: 'forward', conditional: rng.chance(0.6), taken: rng.chance(0.5) }
    case 21: return [OP.JUMPDEST]
    case 22: return rng.chance(0.5) ? { jump: 'back', gasFloor: 0 } : [...push(rng.int(200)), rng.pick([OP.JUMP, OP.JUMPI])]
    default: return rng.chance(0.05) ? [...push(addressWord(HELPER)), OP.SELFDESTRUCT] : rng.chance(0.1) ? [OP.INVALID] : [OP.POP]
  }
}

/** A CALL-family call to self, the helper, a delegated or empty account or a precompile, with input set up in memory. */
function call(c: ProgramContext): number[] {
  const { rng } = c
  const op = rng.pick([OP.CALL, OP.CALL, OP.STATICCALL, OP.DELEGATECALL, OP.CALLCODE])
  const to = rng.chance(0.35) ? BigInt(1 + rng.int(PRECOMPILES[c.fork] + 1)) : accountOf(c)
  const inSize = rng.pick([0, 32, 64, 96, 128, 192, 213, 256, rng.int(300)])
  const setup = inSize > 0 && rng.chance(0.7) ? storeBytes(rng.bytes(inSize), 0) : []
  const gas = rng.chance(0.3) ? [OP.GAS] : push(rng.pick([0, 100, 2_300, 30_000, 100_000, rng.int(400_000)]))
  const value = op === OP.CALL || op === OP.CALLCODE ? push(rng.chance(0.7) ? 0 : rng.int(3)) : []
  // Stack: gas, address, [value], argsOffset, argsSize, retOffset, retSize (pushed in reverse).
  return [...setup, ...push(rng.int(64)), ...push(rng.int(64)), ...push(inSize), ...push(0), ...value, ...push(to), ...gas, op]
}

function create(c: ProgramContext): number[] {
  const { rng } = c
  const code = initCode(c)
  const at = 0x200
  const value = push(rng.chance(0.8) ? 0 : 1)
  const create2 = rng.chance(0.5)
  const made = create2 ? [...push(rng.int(3)), ...push(code.length), ...push(at), ...value, OP.CREATE2] : [...push(code.length), ...push(at), ...value, OP.CREATE]
  // Sometimes call what was created: DUP the address under a CALL with no input.
  const then = rng.chance(0.5) ? [...push(32), ...push(0), ...push(0), ...push(0), ...push(0), 0x85, ...push(50_000), OP.CALL, OP.POP] : []
  return [...storeBytes(code, at), ...made, ...then]
}

/** A random program of up to `maxUnits` units, ending in STOP, RETURN, REVERT or nothing. */
export function program(c: ProgramContext, maxUnits: number): Unit[] {
  const { rng } = c
  const units = Array.from({ length: rng.int(maxUnits + 1) }, () => unit(c))
  switch (rng.int(4)) {
    case 0: units.push([OP.STOP]); break
    case 1: units.push([...push(rng.int(96)), ...push(rng.int(64)), OP.RETURN]); break
    case 2: units.push([...push(rng.int(96)), ...push(rng.int(64)), OP.REVERT]); break
    default: break
  }
  return units
}

/** Bytes of a unit list; `gasFloor` bounds backward loops (they run while GAS > floor). */
export function assemble(units: readonly Unit[], gasFloor = 0): Uint8Array {
  const size = (u: Unit): number => (Array.isArray(u) ? u.length : u.jump === 'back' ? 10 : u.conditional ? 6 : 4)
  const offsets: number[] = []
  let pc = 0
  for (const u of units) { offsets.push(pc); pc += size(u) }
  const jumpdests = units.flatMap((u, i) => (Array.isArray(u) && u.length === 1 && u[0] === OP.JUMPDEST ? [offsets[i]] : []))
  const out: number[] = []
  units.forEach((u, i) => {
    if (Array.isArray(u)) { out.push(...u); return }
    if (u.jump === 'forward') {
      // The next JUMPDEST, or one past the end (an invalid jump when taken).
      const target = jumpdests.find((d) => d > offsets[i]) ?? pc
      if (u.conditional) out.push(OP.PUSH1, u.taken ? 1 : 0, OP.PUSH2, target >> 8, target & 0xff, OP.JUMPI)
      else out.push(OP.PUSH2, target >> 8, target & 0xff, OP.JUMP)
      return
    }
    const back = [...jumpdests].reverse().find((d) => d < offsets[i])
    if (back === undefined) { out.push(OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST, OP.JUMPDEST); return }
    const floor = Math.min(0xffffff, u.gasFloor || gasFloor)
    out.push(OP.PUSH3, floor >> 16, (floor >> 8) & 0xff, floor & 0xff, OP.GAS, OP.GT, OP.PUSH2, back >> 8, back & 0xff, OP.JUMPI)
  })
  return new Uint8Array(out)
}
