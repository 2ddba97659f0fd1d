/**
 * How the Soroban host sees each WASM instruction: which are refused (floats,
 * SIMD, reference types, bulk memory) and how long their immediates are.
 */
import type { ModuleRejection } from '../errors.ts'
import type { Reader } from './reader.ts'

/** Refusal reason for an opcode byte, or undefined when the instruction is allowed. */
export function rejectedOpcode(op: number): ModuleRejection | undefined {
  if (op === 0x2a || op === 0x2b || op === 0x38 || op === 0x39) return 'float' // f32/f64 load/store
  if (op === 0x43 || op === 0x44) return 'float' // f32/f64.const
  if (op >= 0x5b && op <= 0x66) return 'float' // float comparisons
  if (op >= 0x8b && op <= 0xa6) return 'float' // float arithmetic
  if (op >= 0xa8 && op <= 0xab) return 'float' // i32.trunc_f*
  if (op >= 0xae && op <= 0xbf) return 'float' // conversions and reinterpretations
  if (op === 0x1c || op === 0x25 || op === 0x26 || (op >= 0xd0 && op <= 0xd2)) return 'reference-types'
  if (op === 0xfc) return 'bulk-memory' // also the saturating float truncations
  if (op === 0xfd) return 'simd'
  return undefined
}

/** Value types a contract may use: only i32 and i64. */
export function rejectedValueType(t: number): ModuleRejection | 'malformed' | undefined {
  if (t === 0x7f || t === 0x7e) return undefined
  if (t === 0x7d || t === 0x7c) return 'float'
  if (t === 0x7b) return 'simd'
  if (t === 0x70 || t === 0x6f) return 'reference-types'
  return 'malformed'
}

export const OP_BLOCK = 0x02
export const OP_LOOP = 0x03
export const OP_IF = 0x04
export const OP_ELSE = 0x05
export const OP_END = 0x0b
export const OP_RETURN = 0x0f

/** Skips the immediates of an allowed instruction; returns false for an unknown opcode. */
export function skipImmediates(op: number, r: Reader, onBlockType: (t: number) => void): boolean {
  if (op === 0x02 || op === 0x03 || op === 0x04) { onBlockType(r.s33()); return true }
  if (op === 0x0c || op === 0x0d) { r.u32(); return true }
  if (op === 0x0e) { const n = r.u32(); for (let i = 0; i <= n; i++) r.u32(); return true }
  if (op === 0x10) { r.u32(); return true }
  if (op === 0x11) { r.u32(); if (r.byte() !== 0) r.fail('call_indirect on a table other than 0'); return true }
  if (op >= 0x20 && op <= 0x24) { r.u32(); return true }
  if (op >= 0x28 && op <= 0x3e) { r.u32(); r.u32(); return true }
  if (op === 0x3f || op === 0x40) { if (r.byte() !== 0) r.fail('memory index must be 0'); return true }
  if (op === 0x41) { r.skipSigned(32); return true }
  if (op === 0x42) { r.skipSigned(64); return true }
  // No immediates: control without labels, parametric, numeric, sign extension.
  return op === 0x00 || op === 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b ||
    (op >= 0x45 && op <= 0x5a) || (op >= 0x67 && op <= 0x8a) || op === 0xa7 || op === 0xac || op === 0xad ||
    (op >= 0xc0 && op <= 0xc4)
}

export const OP_UNREACHABLE = 0x00
export const OP_BR = 0x0c
export const OP_BR_IF = 0x0d
export const OP_BR_TABLE = 0x0e
export const OP_CALL = 0x10
export const OP_CALL_INDIRECT = 0x11

/**
 * Operand-stack effect of an allowed instruction that is not control flow or
 * a call: values popped, values pushed (MVP i32/i64 and sign extension).
 */
export function stackEffect(op: number): readonly [pops: number, pushes: number] {
  if (op === 0x01) return NONE // nop
  if (op === 0x1a || op === 0x21 || op === 0x24) return POP1 // drop, local.set, global.set
  if (op === 0x1b) return SELECT
  if (op === 0x20 || op === 0x23 || op === 0x3f || op === 0x41 || op === 0x42) return PUSH1 // local.get, global.get, memory.size, consts
  if (op >= 0x36 && op <= 0x3e) return POP2 // stores
  if ((op >= 0x46 && op <= 0x4f) || (op >= 0x51 && op <= 0x5a) || (op >= 0x6a && op <= 0x78) || (op >= 0x7c && op <= 0x8a)) return BINARY
  return UNARY // loads, local.tee, memory.grow, eqz, clz/ctz/popcnt, conversions, sign extension
}
const NONE = [0, 0] as const
const POP1 = [1, 0] as const
const POP2 = [2, 0] as const
const PUSH1 = [0, 1] as const
const UNARY = [1, 1] as const
const BINARY = [2, 1] as const
const SELECT = [3, 1] as const
