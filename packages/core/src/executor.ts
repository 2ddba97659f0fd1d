/**
 * Runs a message (call or creation) and every frame it spawns, without
 * recursion: a stack of frames where CALL/CREATE suspend the parent, the
 * child runs, and its result resumes the parent (revm's frame loop).
 * Chains build transactions on top of `executeAction`.
 */
import { type Address, word as w } from '@zvm/primitives'
import { createAddress, create2Address } from '@zvm/state'
import { analyze, blocksOf, type CodeAnalysis, isWarm, WARM_STEPS_PER_BYTE } from './analysis.ts'
import { type CallAction, type CreateAction, type ExecutionContext, Frame, type FrameAction, releaseFrame, takeFrame } from './frame.ts'
import { Halt, isSuccess } from './halt.ts'
import { interpret, interpretBlocks, interpretCold, interpretTraced, nextMessage } from './interpreter.ts'
import { inspectsSteps } from './inspector.ts'
import { writeAddress } from './ops/access.ts'
import { MAX_FRAME_MEMORY, MAX_MESSAGE_MEMORY, type MessageUsage } from './limits.ts'

/** How a frame (or the whole message) ended. */
export interface FrameResult {
  halt: number
  /** Gas not consumed (0 after an exceptional halt). */
  gasLeft: number
  /** Refund counter (0 unless successful). */
  refund: number
  /** RETURN/REVERT data; for a successful creation, the deployed code. */
  output: Uint8Array
  /** The new contract's address, for a successful creation. */
  createdAddress?: Address
}

/** Maximum call depth (EVM: 1024). */
export const MAX_CALL_DEPTH = 1024
const MAX_NONCE = 2n ** 64n - 1n
const EMPTY = new Uint8Array(0)

function failed(halt: number, gasLeft: number): FrameResult {
  return { halt, gasLeft, refund: 0, output: EMPTY }
}

/** Code to run instead of the code stored at the target (root frame only). */
export interface CodeOverride {
  readonly code: Uint8Array
}

/**
 * Runs `action` at `depth` to completion.
 *
 * @example
 * ```ts
 * import { executeAction, createContext, CallScheme } from '@zvm/core'
 * const ctx = createContext({ table: evmTable(Fork.Cancun) })  // evmTable, Fork from @zvm/chain-evm
 * const to = '0x00000000000000000000000000000000000000aa'
 * const r = executeAction(ctx, { kind: 'call', scheme: CallScheme.Call, address: to, codeAddress: to,
 *   caller: to, value: 0n, transfersValue: false, input: new Uint8Array(0), gasLimit: 100_000,
 *   isStatic: false, returnOffset: 0, returnSize: 0 }, 0, { code: new Uint8Array([0x00]) })
 * r.halt // 1 (Stop)
 * ```
 */
export function executeAction(ctx: ExecutionContext, action: FrameAction, depth = 0, override?: CodeOverride): FrameResult {
  const usage: MessageUsage = { held: 0, logBytes: 0 }
  const first = start(ctx, action, depth, override, usage)
  if (!(first instanceof Frame)) return first
  const frames: Frame[] = [first]
  const traced = inspectsSteps(ctx.inspector)
  const message = nextMessage()
  for (;;) {
    const f = frames[frames.length - 1]
    if (traced) interpretTraced(f)
    else if (f.blocks !== undefined) interpretBlocks(f, f.blocks, ctx.tier !== 'blocks', message)
    else if (f.cold === undefined) interpret(f)
    else if (!runCold(ctx, f, f.cold)) continue
    if (f.halt === Halt.Suspended) {
      const next = f.action!
      f.action = null
      f.halt = Halt.Running
      // A suspended frame's bytes count against the message's memory limit until it resumes.
      usage.held += heldBy(f)
      const child = start(ctx, next, f.depth + 1, undefined, usage)
      if (child instanceof Frame) frames.push(child)
      else resume(f, next, child)
      continue
    }
    const result = finish(ctx, f)
    if (ctx.inspector !== undefined) frameEnded(ctx, f.parentAction!, result, f.depth)
    const ended = f.parentAction!
    // An inspector may keep the frames it was shown: only frames no inspector saw go back to the pool.
    if (ctx.inspector === undefined) releaseFrame(f)
    frames.pop()
    if (frames.length === 0) return result
    resume(frames[frames.length - 1], ended, result)
  }
}

/**
 * Block tiers: the code's blocks if it is warm, else (default compiled tier
 * only) the frame starts cold, per instruction. The 'blocks' tier and an
 * explicit compile threshold (tests of the block loop) find blocks at once.
 */
function useBlocks(ctx: ExecutionContext, f: Frame, a: CodeAnalysis): void {
  const eager = ctx.tier === 'blocks' || ctx.compileThreshold !== undefined || ctx.table.jumpdest < 0
  if (eager || a.blocks !== null || isWarm(a)) f.blocks = blocksOf(a, ctx.table)
  else f.cold = a
}

/**
 * Runs a cold frame per instruction until it halts, suspends, or its code
 * has run enough instructions to be warm; then finds the blocks and returns
 * false so the loop goes on in the block tier from the same pc.
 */
function runCold(ctx: ExecutionContext, f: Frame, a: CodeAnalysis): boolean {
  const budget = a.codeSize * WARM_STEPS_PER_BYTE - a.coldSteps
  if (budget > 0 && a.blocks === null) {
    a.coldSteps += interpretCold(f, budget)
    if (f.halt !== Halt.Running) return true
  }
  f.cold = undefined
  f.blocks = blocksOf(a, ctx.table)
  return false
}

function start(ctx: ExecutionContext, action: FrameAction, depth: number, override: CodeOverride | undefined, usage: MessageUsage): Frame | FrameResult {
  const inspector = ctx.inspector
  if (inspector === undefined) {
    return action.kind === 'call' ? startCall(ctx, action, depth, override, usage) : startCreate(ctx, action, depth, override, usage)
  }
  if (action.kind === 'call') inspector.call?.(action, depth)
  else inspector.create?.(action, depth)
  const started = action.kind === 'call' ? startCall(ctx, action, depth, override, usage) : startCreate(ctx, action, depth, override, usage)
  // A message that ended without running code (precompile, empty account, failed checks) ends here.
  if (!(started instanceof Frame)) frameEnded(ctx, action, started, depth)
  return started
}

/** Tells the inspector that the frame of `action` ended with `result`. */
function frameEnded(ctx: ExecutionContext, action: FrameAction, result: FrameResult, depth: number): void {
  if (action.kind === 'call') ctx.inspector!.callEnd?.(action, result, depth)
  else ctx.inspector!.createEnd?.(action, result, depth)
}

function startCall(ctx: ExecutionContext, a: CallAction, depth: number, override: CodeOverride | undefined, usage: MessageUsage): Frame | FrameResult {
  const state = ctx.state
  if (depth > MAX_CALL_DEPTH) return failed(Halt.CallDepthExceeded, a.gasLimit)
  if (a.transfersValue && a.value !== 0n && state.getBalance(a.caller) < a.value) return failed(Halt.InsufficientBalance, a.gasLimit)
  const checkpoint = state.checkpoint()
  if (a.transfersValue && a.value !== 0n) state.transfer(a.caller, a.address, a.value)
  else state.touch(a.address)

  const precompile = override || a.delegated ? undefined : ctx.host.precompile?.(a.codeAddress)
  if (precompile) {
    let r
    try {
      r = precompile(a.input, a.gasLimit, {
        address: a.address, codeAddress: a.codeAddress, caller: a.caller, value: a.value, isStatic: a.isStatic, scheme: a.scheme, depth,
        state, block: ctx.block, tx: ctx.tx,
      })
    } catch {
      // A broken precompile is the chain's bug, not the caller's: the call fails and its gas is spent.
      state.revert(checkpoint)
      return failed(Halt.PrecompileError, 0)
    }
    if (r.ok && r.gasUsed <= a.gasLimit) {
      state.commit(checkpoint)
      return { halt: Halt.Return, gasLeft: a.gasLimit - r.gasUsed, refund: 0, output: r.output }
    }
    state.revert(checkpoint)
    if (!r.ok && r.revert !== undefined && r.gasUsed >= 0 && r.gasUsed <= a.gasLimit) return { halt: Halt.Revert, gasLeft: a.gasLimit - r.gasUsed, refund: 0, output: r.revert }
    return failed(Halt.PrecompileFailure, 0)
  }

  const code = override ? override.code : state.getCode(a.codeAddress)
  if (code.length === 0) {
    state.commit(checkpoint)
    return { halt: Halt.Stop, gasLeft: a.gasLimit, refund: 0, output: EMPTY }
  }
  const analysis = analyze(code, ctx.table)
  const f = takeFrame(ctx, analysis.padded, analysis.codeSize, analysis.jumpValid, a.address, a.codeAddress, a.caller,
    a.value, a.input, a.gasLimit, a.isStatic, depth, false, a, usage)
  limitMemory(f)
  f.checkpoint = checkpoint
  if (ctx.tier !== 'interpreter') useBlocks(ctx, f, analysis)
  return f
}

function startCreate(ctx: ExecutionContext, a: CreateAction, depth: number, override: CodeOverride | undefined, usage: MessageUsage): Frame | FrameResult {
  const state = ctx.state
  if (depth > MAX_CALL_DEPTH) return failed(Halt.CallDepthExceeded, a.gasLimit)
  if (state.getBalance(a.caller) < a.value) return failed(Halt.InsufficientBalance, a.gasLimit)
  let address = a.address
  if (address === undefined) {
    const nonce = state.getNonce(a.caller)
    if (nonce >= MAX_NONCE) return failed(Halt.NonceOverflow, a.gasLimit)
    state.setNonce(a.caller, nonce + 1n)
    address = a.salt === undefined ? createAddress(a.caller, nonce) : create2Address(a.caller, a.salt, a.initCode)
  }
  // EIP-2929: the new address is warm whether or not creation succeeds.
  state.warmAddress(address)
  // EIP-684 / EIP-7610: never create over an account with code, nonce or storage.
  if (state.getNonce(address) !== 0n || state.getCode(address).length !== 0 || state.hasStorage(address)) {
    return failed(Halt.CreateCollision, 0)
  }
  const checkpoint = state.checkpoint()
  state.createAccount(address)
  state.setNonce(address, 1n)
  if (a.value !== 0n) state.transfer(a.caller, address, a.value)
  const code = override ? override.code : a.initCode
  const analysis = analyze(code, ctx.table)
  const f = takeFrame(ctx, analysis.padded, analysis.codeSize, analysis.jumpValid, address, address, a.caller,
    a.value, EMPTY, a.gasLimit, false, depth, true, a, usage)
  limitMemory(f)
  f.checkpoint = checkpoint
  if (ctx.tier !== 'interpreter') useBlocks(ctx, f, analysis)
  f.createdAddress = address
  return f
}

/** Commits or reverts the frame's journal and, for creations, deposits the code. */
function finish(ctx: ExecutionContext, f: Frame): FrameResult {
  const state = ctx.state
  const checkpoint = f.checkpoint!
  if (isSuccess(f.halt)) {
    if (f.isCreate) {
      const code = f.output
      const schedule = ctx.table.schedule
      let error: number = Halt.Running
      if (code.length > schedule.maxCodeSize) error = Halt.CodeSizeExceeded
      else if (ctx.table.rejectEfPrefix && code.length > 0 && code[0] === 0xef) error = Halt.InvalidCodePrefix
      else {
        const deposit = code.length * schedule.codeDepositPerByte
        if (deposit > f.gasLeft) error = Halt.OutOfGas
        else f.gasLeft -= deposit
      }
      if (error !== Halt.Running) {
        state.revert(checkpoint)
        return failed(error, 0)
      }
      state.setCode(f.createdAddress!, code)
      state.commit(checkpoint)
      return { halt: f.halt, gasLeft: f.gasLeft, refund: f.refund, output: code, createdAddress: f.createdAddress! }
    }
    state.commit(checkpoint)
    return { halt: f.halt, gasLeft: f.gasLeft, refund: f.refund, output: f.output }
  }
  state.revert(checkpoint)
  if (f.halt === Halt.Revert) return { halt: Halt.Revert, gasLeft: f.gasLeft, refund: 0, output: f.output }
  return failed(f.halt, 0)
}

/** Bytes a frame holds: memory, input and return data. */
function heldBy(f: Frame): number {
  return f.memory.size + f.input.length + f.returnData.length
}

/** The running frame's memory may grow to what the message's limit leaves after every other byte held. */
function limitMemory(f: Frame): void {
  f.memoryLimit = Math.min(MAX_FRAME_MEMORY, MAX_MESSAGE_MEMORY - f.usage.held - f.input.length - f.returnData.length)
}

/** Hands a child's result to its suspended parent: gas, refund, return data, and the pushed word. */
function resume(parent: Frame, action: FrameAction, r: FrameResult): void {
  parent.gasLeft += r.gasLeft
  const ok = isSuccess(r.halt)
  if (ok) parent.refund += r.refund
  const top = parent.sp << 3
  parent.usage.held -= heldBy(parent)
  // A successful creation leaves no return data; a reverted one returns its revert data.
  parent.returnData = action.kind === 'call' || r.halt === Halt.Revert ? r.output : EMPTY
  limitMemory(parent)
  if (action.kind === 'call') {
    const n = Math.min(action.returnSize, r.output.length)
    if (n > 0) parent.memory.buffer.set(r.output.subarray(0, n), action.returnOffset)
    w.setBool(parent.stack, top, ok)
  } else {
    if (ok) writeAddress(parent, top, r.createdAddress!)
    else w.setNumber(parent.stack, top, 0)
  }
  parent.sp++
}
