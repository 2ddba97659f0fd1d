/**
 * Call tracer: the tree of message calls and creations in geth's
 * `callTracer` JSON shape (type, from, to, value, gas, gasUsed, input,
 * output, error, revertReason, calls), built from the call/create hooks.
 * The root's `gas` is the message's gas (after intrinsic gas, when the
 * message is a transaction's).
 */
import { Halt, isRevert, isSuccess, type CallAction, type CreateAction, type FrameResult, type Inspector } from '@zvm/core'
import { bytesToHex, type Address } from '@zvm/primitives'

/** One call frame, as geth's callTracer prints it. */
export interface CallFrame {
  type: 'CALL' | 'CALLCODE' | 'DELEGATECALL' | 'STATICCALL' | 'CREATE' | 'CREATE2'
  from: Address
  to?: Address
  value?: string
  gas: string
  gasUsed: string
  input: string
  output?: string
  error?: string
  revertReason?: string
  calls?: CallFrame[]
}

const SCHEMES = ['CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL'] as const
const hex = (n: number | bigint): string => `0x${n.toString(16)}`

// geth's error strings for the halts they share.
const ERRORS: Partial<Record<number, string>> = {
  [Halt.Revert]: 'execution reverted',
  [Halt.OutOfGas]: 'out of gas',
  [Halt.StackUnderflow]: 'stack underflow',
  [Halt.StackOverflow]: 'stack limit reached 1024',
  [Halt.InvalidJump]: 'invalid jump destination',
  [Halt.StaticStateChange]: 'write protection',
  [Halt.ReturnDataOutOfBounds]: 'return data out of bounds',
  [Halt.CreateCollision]: 'contract address collision',
  [Halt.CodeSizeExceeded]: 'max code size exceeded',
  [Halt.InvalidCodePrefix]: 'invalid code: must not begin with 0xef',
  [Halt.InsufficientBalance]: 'insufficient balance for transfer',
  [Halt.CallDepthExceeded]: 'max call depth exceeded',
  [Halt.NonceOverflow]: 'nonce uint64 overflow',
  [Halt.PrecompileFailure]: 'precompiled contract failed',
}

/** The message of an ABI-encoded `Error(string)`, if `output` is one. */
export function revertReason(output: Uint8Array): string | undefined {
  if (output.length < 68 || output[0] !== 0x08 || output[1] !== 0xc3 || output[2] !== 0x79 || output[3] !== 0xa0) return undefined
  const offset = smallWordAt(output, 4)
  if (offset === undefined) return undefined
  const length = smallWordAt(output, 4 + offset)
  if (length === undefined || 4 + offset + 32 + length > output.length) return undefined
  return new TextDecoder().decode(output.subarray(4 + offset + 32, 4 + offset + 32 + length))
}

/** The 32-byte big-endian word at `at` if it fits in 32 bits and in `bytes`, else undefined. */
function smallWordAt(bytes: Uint8Array, at: number): number | undefined {
  if (at + 32 > bytes.length) return undefined
  for (let i = at; i < at + 28; i++) if (bytes[i] !== 0) return undefined
  return new DataView(bytes.buffer, bytes.byteOffset + at + 28, 4).getUint32(0)
}

function finish(frame: CallFrame, gasLimit: number, result: FrameResult, isCreate: boolean): void {
  frame.gasUsed = hex(gasLimit - result.gasLeft)
  if (isSuccess(result.halt)) {
    if (isCreate) {
      frame.to = result.createdAddress
      frame.output = bytesToHex(result.output)
    } else frame.output = bytesToHex(result.output)
    return
  }
  frame.error = ERRORS[result.halt] ?? `halt ${result.halt}`
  if (isRevert(result.halt)) {
    frame.output = bytesToHex(result.output)
    const reason = revertReason(result.output)
    if (reason !== undefined) frame.revertReason = reason
  }
}

/** A call tracer: run a message with `inspector`, then read `result()`. */
export interface CallTracer {
  readonly inspector: Inspector
  /** The root call frame of the last message, or undefined before one ran. */
  result(): CallFrame | undefined
}

/**
 * Records the call tree of each message.
 *
 * @example
 * ```ts
 * import { createCallTracer } from '@zvm/inspectors'
 * const tracer = createCallTracer()
 * executeTransaction(state, tx, block, { inspector: tracer.inspector })
 * console.log(JSON.stringify(tracer.result()))
 * ```
 */
export function createCallTracer(): CallTracer {
  const stack: CallFrame[] = []
  let root: CallFrame | undefined
  const enter = (frame: CallFrame, depth: number): void => {
    if (depth === 0) {
      stack.length = 0
      root = frame
    } else {
      const parent = stack[stack.length - 1]
      if (parent !== undefined) (parent.calls ??= []).push(frame)
    }
    stack.push(frame)
  }
  const inspector: Inspector = {
    call(a: CallAction, depth) {
      const type = SCHEMES[a.scheme]
      const frame: CallFrame = { type, from: a.caller, to: a.address, gas: hex(a.gasLimit), gasUsed: '0x0', input: bytesToHex(a.input) }
      if (type === 'CALL' || type === 'CALLCODE') frame.value = hex(a.value)
      // DELEGATECALL and CALLCODE run the code at codeAddress in the caller's account: geth reports the code address.
      if (type === 'DELEGATECALL' || type === 'CALLCODE') frame.to = a.codeAddress
      enter(frame, depth)
    },
    callEnd(a, result) {
      const frame = stack.pop()
      if (frame !== undefined) finish(frame, a.gasLimit, result, false)
    },
    create(a: CreateAction, depth) {
      const frame: CallFrame = {
        type: a.salt === undefined ? 'CREATE' : 'CREATE2', from: a.caller, value: hex(a.value), gas: hex(a.gasLimit), gasUsed: '0x0',
        input: bytesToHex(a.initCode),
      }
      if (a.address !== undefined) frame.to = a.address
      enter(frame, depth)
    },
    createEnd(a, result) {
      const frame = stack.pop()
      if (frame !== undefined) finish(frame, a.gasLimit, result, true)
    },
  }
  return { inspector, result: () => root }
}
