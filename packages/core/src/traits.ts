/**
 * Instruction traits: what the block tiers must know about an operation to
 * run it exactly as the per-instruction loop does. A table row may declare
 * them; otherwise they come from the operation itself: every shared
 * operation declares its traits where it is defined (by identity, never by
 * name). An operation nobody described gets the safe traits: it ends a
 * block and may observe the gas left, so no tier charges gas for it in
 * advance.
 */
import type { Operation } from './table.ts'

export interface InstructionTraits {
  /** Changes the pc: `'always'` (JUMP) or `'conditional'` (JUMPI, which may fall through). */
  readonly jumps?: 'always' | 'conditional'
  /** Ends the frame: STOP, RETURN, REVERT, INVALID, SELFDESTRUCT. */
  readonly terminates?: boolean
  /** May suspend the frame to run a CALL or CREATE. */
  readonly suspends?: boolean
  /**
   * Reads the gas left (GAS, SSTORE's stipend check, a syscall handing it to
   * the host): it must not see gas charged in advance for the rest of a block.
   */
  readonly observesGas?: boolean
  /** Cannot halt once stack depth and static gas are checked (no dynamic gas, no errors). */
  readonly neverHalts?: boolean
}

/** For an operation with no description: ends its block and may observe the gas left. */
export const UNKNOWN_TRAITS: InstructionTraits = Object.freeze({ observesGas: true })

/** Pure stack or context reads: cannot halt once checked. */
export const PURE: InstructionTraits = Object.freeze({ neverHalts: true })
/** Dynamic gas or errors, but nothing that reads the gas left: may run with its block's gas charged in advance. */
export const PLAIN: InstructionTraits = Object.freeze({})
/** Ends the frame. */
export const TERMINATES: InstructionTraits = Object.freeze({ terminates: true })
/** May suspend the frame for a CALL or CREATE. */
export const SUSPENDS: InstructionTraits = Object.freeze({ suspends: true })
/** Reads the gas left. */
export const OBSERVES_GAS: InstructionTraits = Object.freeze({ observesGas: true })

const known = new Map<Operation, InstructionTraits>()

/**
 * Declares the traits of an operation (for operations a chain writes itself;
 * a table row's `traits` field does the same for one row).
 *
 * @example
 * ```ts
 * import { declareTraits } from '@zvm/core'
 * const double = declareTraits((f, pc) => { ... ; return pc + 1 }, { neverHalts: true })
 * ```
 */
export function declareTraits<T extends Operation>(op: T, traits: InstructionTraits): T {
  known.set(op, Object.freeze({ ...traits }))
  return op
}

/** The traits of `op`: declared, a shared operation's, or {@link UNKNOWN_TRAITS}. */
export function traitsOf(op: Operation): InstructionTraits {
  return known.get(op) ?? UNKNOWN_TRAITS
}

/** Whether a block must end after an instruction with these traits. */
export function endsBlock(t: InstructionTraits): boolean {
  return t.jumps !== undefined || t.terminates === true || t.suspends === true || t.observesGas === true
}

/** Whether execution can continue at the next instruction after a block-ending one (JUMPI not taken, GAS, SSTORE). */
export function fallsThrough(t: InstructionTraits): boolean {
  return endsBlock(t) && t.jumps !== 'always' && t.terminates !== true && t.suspends !== true
}
