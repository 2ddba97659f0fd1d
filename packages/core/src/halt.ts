/**
 * How a frame stops, as numeric codes in ranges (revm's InstructionResult):
 * success from 1, revert from 0x10, errors from 0x20. Execution outcomes are
 * returned, never thrown.
 */
export const Halt = {
  /** Still running (internal). */
  Running: 0,
  Stop: 1,
  Return: 2,
  SelfDestruct: 3,
  Revert: 0x10,
  OutOfGas: 0x20,
  StackUnderflow: 0x21,
  StackOverflow: 0x22,
  InvalidOpcode: 0x23,
  InvalidJump: 0x24,
  StaticStateChange: 0x25,
  ReturnDataOutOfBounds: 0x26,
  CreateCollision: 0x27,
  CodeSizeExceeded: 0x28,
  InitCodeSizeExceeded: 0x29,
  InvalidCodePrefix: 0x2a,
  SyscallUnavailable: 0x2b,
  SyscallFailed: 0x2c,
  PrecompileFailure: 0x2d,
  NonceOverflow: 0x2e,
  InsufficientBalance: 0x2f,
  CallDepthExceeded: 0x30,
  /** Memory past MAX_FRAME_MEMORY, or the message's frames past MAX_MESSAGE_MEMORY (see limits.ts). */
  MemoryLimitExceeded: 0x31,
  /** LOG data past MAX_MESSAGE_LOG_BYTES in one message. */
  LogLimitExceeded: 0x32,
  /** A precompile threw instead of returning a result. */
  PrecompileError: 0x33,
  /** Internal: the frame asked the driver to run a CALL or CREATE. */
  Suspended: 0x7f,
} as const
export type Halt = (typeof Halt)[keyof typeof Halt]

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(Halt).map(([k, v]) => [v, k]))

/** The name of a halt code, e.g. `OutOfGas`. */
export function haltName(halt: number): string {
  return NAMES[halt] ?? `Unknown(${halt})`
}

/** True for Stop, Return and SelfDestruct. */
export function isSuccess(halt: number): boolean {
  return halt >= 1 && halt < 0x10
}

/** True for Revert. */
export function isRevert(halt: number): boolean {
  return halt >= 0x10 && halt < 0x20
}

/** True for the exceptional halts, which consume all gas. */
export function isError(halt: number): boolean {
  return halt >= 0x20 && halt !== Halt.Suspended
}
