/**
 * Native-stack accounting. The real host runs wasmi, whose wasm stack is a
 * heap buffer: 1024 nested calls and 1 Mi value cells, then a StackOverflow
 * trap that Soroban reports as `Error(Budget, ExceededLimit)`. Here wasm runs
 * on V8's native stack (~984 KiB in all), whose use per frame depends on the
 * compiler tier: a Liftoff frame spills every local and operand, a TurboFan
 * frame keeps most in registers, so "how deep can it go" changed after a
 * warm-up. Instead, every call is charged a deterministic count of stack
 * units, one unit standing for an 8-byte slot:
 *
 *   frame units = FRAME_BASE_UNITS + 2 × params + locals + max operand height
 *
 * (params twice: the caller pushes them and the callee spills them). The
 * count is shared by every frame of one invocation — nested contracts too,
 * each charged CONTRACT_FRAME_UNITS for the host's JavaScript frames between
 * them — and a call that would pass STACK_UNIT_LIMIT traps. Measured on
 * Node 20 (V8 11.3) x64, the largest frame per unit is Liftoff's, at most
 * 8.5 bytes per unit for every shape tried (locals, operands, params up to
 * 32), so the limit keeps wasm under 8.5 × 65,536 ≈ 544 KiB of the stack.
 */

/** Fixed part of a frame: return address, frame pointer, instance, spilled instrumentation temporaries. */
export const FRAME_BASE_UNITS = 16
/** Stack units one invocation may hold; passing it is `Error(Budget, ExceededLimit)`, like wasmi's StackOverflow. */
export const STACK_UNIT_LIMIT = 65_536
/** Charged per contract call for the host's JavaScript frames (wasm→JS wrapper, host function, call, instantiate). */
export const CONTRACT_FRAME_UNITS = 512

/** Stack units one call of a function of this shape charges. */
export function frameUnits(params: number, locals: number, maxHeight: number): number {
  return FRAME_BASE_UNITS + 2 * params + locals + maxHeight
}
