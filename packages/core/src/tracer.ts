/**
 * Step tracing (EIP-3155 style). The traced loop is a separate copy of the
 * interpreter, chosen once per frame, so untraced runs pay nothing.
 */
import type { Frame } from './frame.ts'

/** Called before each instruction with the frame as it is before the op runs. */
export interface Tracer {
  step(frame: Frame, pc: number, opcode: number, gasCost: number): void
  /** Called when a frame finishes. */
  frameEnd?(frame: Frame): void
}
