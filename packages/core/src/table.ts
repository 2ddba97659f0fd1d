/**
 * An instruction table: what each byte does and what the loop checks before
 * running it (evmone's traits). Built once per instruction set (and per fork
 * for the EVM); the loop never checks a fork or flag at run time.
 */
import type { GasSchedule } from '@zvm/gas'
import type { Frame } from './frame.ts'
import type { WordOp } from './ops/binary.ts'
import type { InstructionTraits } from './traits.ts'

/**
 * An operation: runs with stack depth and static gas already checked, and
 * returns the next pc, or -1 after setting `f.halt`.
 */
export type Operation = (f: Frame, pc: number) => number

/** Everything the interpreter needs to run one instruction set. */
export interface InstructionTable {
  /** A name for traces and errors (caches are keyed by the table object, not by this). */
  readonly id: string
  /** The rows the table was built from, by byte (undefined: the invalid operation). */
  readonly rows: readonly (InstructionSpec | undefined)[]
  /** What an undefined byte runs. */
  readonly invalid: Operation
  /** Traits per byte (see InstructionTraits), as the tiers read them. */
  readonly traits: readonly InstructionTraits[]
  readonly ops: readonly Operation[]
  /** Static gas per byte. */
  readonly staticGas: Int32Array
  /** Minimum stack height per byte (words popped). */
  readonly minStack: Int32Array
  /** Maximum stack height before the op, so the result fits in 1024 words. */
  readonly maxStack: Int32Array
  /** Immediate bytes per opcode (PUSHn). */
  readonly immediateSize: Uint8Array
  /** Words pushed minus words popped, per byte. */
  readonly stackDelta: Int32Array
  /**
   * 1 where a basic block must end after the instruction: control flow,
   * halts, suspension (CALL/CREATE) and instructions that observe the gas
   * left (GAS, SSTORE's stipend check), which must not see gas charged in
   * advance for the rest of a block.
   */
  readonly endsBlock: Uint8Array
  /** 1 where a block ends but execution may go on at the next instruction (JUMPI not taken, GAS, SSTORE). */
  readonly fallsThrough: Uint8Array
  /** 1 where the instruction cannot halt once stack and static gas are checked (no dynamic gas, no errors). */
  readonly neverHalts: Uint8Array
  /** The byte that marks a jump destination, or -1 when any instruction start is one. */
  readonly jumpdest: number
  /** Dynamic gas parameters. */
  readonly schedule: GasSchedule
  /** Reject deployed code starting with 0xEF (EIP-3541; EVM only). */
  readonly rejectEfPrefix: boolean
  /** Follow EIP-7702 delegation designators (0xef0100 ‖ address) when calling (EVM Prague). */
  readonly delegation: boolean
  /** Mnemonics for traces and errors. */
  readonly names: readonly string[]
  /** How the block loop runs each byte (see dispatch.ts); 0: through `ops`. */
  readonly dispatch: Uint8Array
  /** PUSHn: the immediate size; DUPn/SWAPn: n; 0 otherwise. */
  readonly dispatchArg: Uint8Array
  /**
   * The word function of each two-operand operation built by `binary`
   * (undefined elsewhere): blocks run `DUPn; op` as one call on the
   * duplicated word in place, without copying it to the top.
   */
  readonly wordOps: readonly (WordOp | undefined)[]
}

/** Fields to build a table from. */
export interface InstructionSpec {
  code: number
  name: string
  op: Operation
  staticGas: number
  stackIn: number
  stackOut: number
  immediateSize?: number
  /**
   * What the block tiers must know about the operation (default: its own
   * declared traits, see `declareTraits`; an undescribed operation ends its
   * block and is assumed to observe the gas left).
   */
  traits?: InstructionTraits
}

/** How a table treats jump destinations, deployed code and delegations. */
export interface TableOptions {
  /** The byte that marks a jump destination, or -1 when any instruction start is one. */
  jumpdest: number
  /** Reject deployed code starting with 0xEF (EIP-3541). */
  rejectEfPrefix: boolean
  /** Follow EIP-7702 delegation designators when calling. */
  delegation?: boolean
}

/** Maximum stack depth (words). */
export const STACK_LIMIT = 1024
