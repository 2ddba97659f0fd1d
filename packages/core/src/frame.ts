/**
 * One call frame: stack (8 limbs per word in a Uint32Array), memory, gas as a
 * plain number, and the message it runs. Frames never recurse: CALL and
 * CREATE leave an action here and suspend; the executor runs the child and
 * resumes this frame (revm's FrameInput).
 */
import type { CodeAnalysis } from './analysis.ts'
import type { BlockTable } from './blocks.ts'
import type { Address } from '@zvm/primitives'
import type { Checkpoint, JournaledState } from '@zvm/state'
import type { BlockEnv, Host, TxEnv } from './host.ts'
import { Halt } from './halt.ts'
import { MAX_FRAME_MEMORY, MAX_POOLED_MEMORY, type MessageUsage } from './limits.ts'
import { Memory } from './memory.ts'
import type { InstructionTable } from './table.ts'
import { STACK_LIMIT } from './table.ts'
import type { Inspector } from './inspector.ts'

// Frames are pooled across frames and messages: a frame is taken when a message
// starts running code and given back when it ends (its 32 KiB stack and its
// memory would otherwise be allocated per call). The pool also keeps Frame's
// hidden class alive: when every frame of a run dies, a full GC collects the
// map, and V8 deoptimises all optimised code that embeds it ("weak objects"),
// which made each run after a full GC up to 37 times slower.
const freeFrames: Frame[] = []
const MAX_POOLED = 64

/**
 * Returns a finished frame to the pool (it must not be used again). Its
 * references to the message (context, code, data) are dropped, so the pool
 * keeps no state alive. A memory that grew past MAX_POOLED_MEMORY is replaced,
 * so one message with huge memories leaves nothing huge behind.
 */
export function releaseFrame(f: Frame): void {
  if (freeFrames.length >= MAX_POOLED) return
  const m = f as Mutable<Frame>
  m.ctx = IDLE_CONTEXT
  m.code = EMPTY
  m.jumpValid = EMPTY
  m.input = EMPTY
  m.output = EMPTY
  m.returnData = EMPTY
  m.blocks = undefined
  m.cold = undefined
  m.action = null
  m.checkpoint = undefined
  m.createdAddress = undefined
  m.parentAction = undefined
  m.usage = IDLE_USAGE
  if (f.memory.buffer.length > MAX_POOLED_MEMORY) m.memory = new Memory()
  freeFrames.push(f)
}

/**
 * A frame for a new message: a pooled one reset, or a new one (same
 * arguments as the Frame constructor).
 */
export function takeFrame(
  ctx: ExecutionContext, code: Uint8Array, codeSize: number, jumpValid: Uint8Array, address: Address, codeAddress: Address, caller: Address,
  value: bigint, input: Uint8Array, gasLimit: number, isStatic: boolean, depth: number, isCreate: boolean,
  parentAction: CallAction | CreateAction | undefined, usage: MessageUsage,
): Frame {
  const f = freeFrames.pop() as Mutable<Frame> | undefined
  if (f === undefined) return new Frame(ctx, code, codeSize, jumpValid, address, codeAddress, caller, value, input, gasLimit, isStatic, depth, isCreate, parentAction, usage)
  f.memory.reset()
  f.sp = 0
  f.pc = 0
  f.gasLeft = gasLimit
  f.refund = 0
  f.halt = Halt.Running
  f.ctx = ctx
  f.code = code
  f.codeSize = codeSize
  f.jumpValid = jumpValid
  f.address = address
  f.codeAddress = codeAddress
  f.caller = caller
  f.value = value
  f.input = input
  f.isStatic = isStatic
  f.depth = depth
  f.isCreate = isCreate
  f.parentAction = parentAction
  f.usage = usage
  f.memoryLimit = MAX_FRAME_MEMORY
  return f
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The pool's size: memories held and the largest buffer among them (bytes). */
export function scratchPoolStats(): { memories: number; largest: number } {
  return { memories: freeFrames.length, largest: Math.max(0, ...freeFrames.map((f) => f.memory.buffer.length)) }
}

/** Shared by every frame of one transaction. */
export interface ExecutionContext {
  readonly state: JournaledState
  readonly host: Host
  readonly block: BlockEnv
  readonly tx: TxEnv
  readonly table: InstructionTable
  /** Observes execution; undefined costs nothing. */
  readonly inspector: Inspector | undefined
  /**
   * Execution tier: 'compiled' (default) checks gas and stack once per basic
   * block and compiles hot blocks to functions; 'blocks' skips compiling;
   * 'interpreter' checks every instruction. All give identical results.
   */
  readonly tier?: ExecutionTier
  /** Block executions before the compiled tier compiles a block (default 5000; 1 compiles on first use, for tests). */
  readonly compileThreshold?: number
}

export type ExecutionTier = 'interpreter' | 'blocks' | 'compiled'

/** How a message call treats value, storage context and static mode. */
export const CallScheme = { Call: 0, CallCode: 1, DelegateCall: 2, StaticCall: 3 } as const
export type CallScheme = (typeof CallScheme)[keyof typeof CallScheme]

/** A pending message call. */
export interface CallAction {
  readonly kind: 'call'
  readonly scheme: CallScheme
  /** Account whose storage and balance the callee runs with. */
  readonly address: Address
  /** Account whose code runs. */
  readonly codeAddress: Address
  /** The code address came from an EIP-7702 delegation: never run a precompile there. */
  readonly delegated?: boolean
  readonly caller: Address
  readonly value: bigint
  /** Whether `value` moves from caller to address (CALL/CALLCODE). */
  readonly transfersValue: boolean
  readonly input: Uint8Array
  readonly gasLimit: number
  readonly isStatic: boolean
  /** Where the parent wants the output (memory range, already expanded). */
  readonly returnOffset: number
  readonly returnSize: number
}

/** A pending contract creation. */
export interface CreateAction {
  readonly kind: 'create'
  readonly caller: Address
  readonly value: bigint
  readonly initCode: Uint8Array
  readonly gasLimit: number
  /** CREATE2 salt; undefined for CREATE. */
  readonly salt: bigint | undefined
  /**
   * A transaction-level creation passes the address it derived itself (and has
   * already bumped the sender's nonce); opcodes leave it undefined.
   */
  readonly address?: Address
}

export type FrameAction = CallAction | CreateAction

const EMPTY = new Uint8Array(0)
const IDLE_USAGE: MessageUsage = { held: 0, logBytes: 0 }

/** The running state of one frame. */
export class Frame {
  readonly stack: Uint32Array
  /** Words on the stack. */
  sp = 0
  readonly memory: Memory
  pc = 0
  gasLeft: number
  /** Refund accumulated by this frame and its successful children. */
  refund = 0
  halt: number = Halt.Running
  /** Output of RETURN / REVERT. */
  output: Uint8Array = EMPTY
  /** Output of the last completed child call (RETURNDATA*). */
  returnData: Uint8Array = EMPTY
  /** Set by CALL/CREATE before suspending. */
  action: FrameAction | null = null
  /** Journal savepoint taken when the frame started. */
  checkpoint: Checkpoint | undefined = undefined
  /** For creation frames, the address being created. */
  createdAddress: Address | undefined = undefined

  readonly ctx: ExecutionContext
  /** Code padded with STOP bytes; only the first `codeSize` are real. */
  readonly code: Uint8Array
  readonly codeSize: number
  /** 1 where a jump may land. */
  readonly jumpValid: Uint8Array
  /** Basic blocks of the code, when the table and tier use them. */
  blocks: BlockTable | undefined = undefined
  /** The code's analysis while it is too cold for blocks (the frame runs per instruction until it warms). */
  cold: CodeAnalysis | undefined = undefined
  readonly address: Address
  readonly codeAddress: Address
  readonly caller: Address
  readonly value: bigint
  readonly input: Uint8Array
  readonly isStatic: boolean
  readonly depth: number
  readonly isCreate: boolean
  readonly parentAction: CallAction | CreateAction | undefined
  /** Shared by the frames of one message: bytes held by suspended frames and LOG data, for the limits in limits.ts. */
  readonly usage: MessageUsage
  /** Largest memory this frame may grow to: MAX_FRAME_MEMORY, or less when the message's other frames hold much. */
  memoryLimit = MAX_FRAME_MEMORY

  constructor(
    ctx: ExecutionContext,
    code: Uint8Array,
    codeSize: number,
    jumpValid: Uint8Array,
    address: Address,
    codeAddress: Address,
    caller: Address,
    value: bigint,
    input: Uint8Array,
    gasLimit: number,
    isStatic: boolean,
    depth: number,
    isCreate: boolean,
    parentAction: CallAction | CreateAction | undefined,
    usage: MessageUsage = { held: 0, logBytes: 0 },
  ) {
    this.usage = usage
    this.ctx = ctx
    this.code = code
    this.codeSize = codeSize
    this.jumpValid = jumpValid
    this.address = address
    this.codeAddress = codeAddress
    this.caller = caller
    this.value = value
    this.input = input
    this.isStatic = isStatic
    this.depth = depth
    this.isCreate = isCreate
    this.parentAction = parentAction
    this.gasLeft = gasLimit
    this.stack = new Uint32Array(STACK_LIMIT * 8)
    this.memory = new Memory()
  }

  /** Offset (in limbs) of the word `n` below the top (0 = top). */
  top(n = 0): number {
    return (this.sp - 1 - n) << 3
  }
}

/** What a pooled frame points at between messages (nothing of any message). */
const IDLE_CONTEXT: ExecutionContext = {
  state: undefined as unknown as JournaledState, host: undefined as unknown as Host, block: undefined as unknown as BlockEnv,
  tx: undefined as unknown as TxEnv, table: undefined as unknown as InstructionTable, inspector: undefined, tier: undefined, compileThreshold: undefined,
}
