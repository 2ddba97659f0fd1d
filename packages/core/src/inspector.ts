/**
 * Inspector: optional hooks that observe execution (revm's Inspector). Every
 * hook is optional, and an absent inspector costs nothing: step hooks run in
 * a separate traced copy of the loop, chosen once per frame, and the frame
 * and log hooks are one `undefined` check per frame or log.
 */
import type { Address } from '@zvm/primitives'
import type { FrameResult } from './executor.ts'
import type { CallAction, CreateAction, Frame } from './frame.ts'

export interface Inspector {
  /** Before an instruction runs; the frame is as the instruction finds it. */
  step?(frame: Frame, pc: number, opcode: number): void
  /**
   * After an instruction ran, halted or suspended the frame. `gasCost` is the
   * gas it took: static and dynamic cost and, for CALL and CREATE instructions, the gas
   * handed to the new frame (EIP-3155's gasCost). `frame.action` is the new
   * frame's message when the instruction suspended.
   */
  stepEnd?(frame: Frame, pc: number, opcode: number, gasCost: number): void
  /** A message call starts at `depth` (0 for the transaction's own call); precompiles included. */
  call?(action: CallAction, depth: number): void
  /** The call's result, including calls that failed before running (depth, balance). */
  callEnd?(action: CallAction, result: FrameResult, depth: number): void
  /** A creation starts; `address` is known unless the creation failed before deriving it. */
  create?(action: CreateAction, depth: number): void
  createEnd?(action: CreateAction, result: FrameResult, depth: number): void
  /** A LOGn was emitted (it is undone if its frame reverts later). */
  log?(address: Address, topics: readonly bigint[], data: Uint8Array): void
  /** SELFDESTRUCT moved `value` from `address` to `beneficiary`. */
  selfdestruct?(address: Address, beneficiary: Address, value: bigint): void
}

/** Whether the inspector needs the traced loop. */
export function inspectsSteps(inspector: Inspector | undefined): boolean {
  return inspector !== undefined && (inspector.step !== undefined || inspector.stepEnd !== undefined)
}
