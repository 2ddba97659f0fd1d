/**
 * Syscall opcodes (the native table's Hedera E0–EC use them): arguments are
 * popped (top first) and handed to the host's `syscall` hook, whose answer is
 * pushed. Without a hook the frame
 * fails with SyscallUnavailable; in a static frame the state-changing ones
 * fail with StaticStateChange. A hook that throws fails the frame with
 * SyscallFailed rather than escaping the interpreter.
 */
import { word as w } from '@zvm/primitives'
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { declareTraits } from '../traits.ts'
import { expandMemory } from './memory.ts'

/**
 * Arguments that name a memory range the syscall reads (by position, top = 0):
 * the core charges expansion and `perByte` gas before calling the hook.
 */
export interface SyscallMemoryArgs {
  readonly offsetArg: number
  readonly sizeArg: number
  readonly perByte: number
}

/** The op for syscall `opcode` taking `argCount` words. */
export function makeSyscall(opcode: number, argCount: number, modifiesState: boolean, memoryArgs?: SyscallMemoryArgs): Operation {
  // The host sees the gas left: no tier may charge a block's gas ahead of a syscall.
  return declareTraits((f, pc) => {
    if (modifiesState && f.isStatic) { f.halt = Halt.StaticStateChange; return -1 }
    const handler = f.ctx.host.syscall
    if (!handler) { f.halt = Halt.SyscallUnavailable; return -1 }
    const args: bigint[] = []
    for (let i = 0; i < argCount; i++) args.push(w.toBigInt(f.stack, (f.sp - 1 - i) << 3))
    f.sp -= argCount
    if (memoryArgs) {
      const size = w.toSmall(f.stack, (f.sp + argCount - 1 - memoryArgs.sizeArg) << 3)
      const offset = size === 0 ? 0 : w.toSmall(f.stack, (f.sp + argCount - 1 - memoryArgs.offsetArg) << 3)
      if (size < 0) { f.halt = Halt.OutOfGas; return -1 }
      const cost = memoryArgs.perByte * size
      if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
      f.gasLeft -= cost
      if (!expandMemory(f, offset, size)) return -1
    }
    let result
    try {
      result = handler.call(f.ctx.host, opcode, args, {
        address: f.address, caller: f.caller, isStatic: f.isStatic, gasLeft: f.gasLeft, memory: f.memory,
      })
    } catch {
      f.halt = Halt.SyscallFailed
      return -1
    }
    const extra = result.gasUsed ?? 0
    if (!(extra >= 0) || extra > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
    f.gasLeft -= extra
    w.fromBigInt(f.stack, f.sp << 3, result.ok ? result.value : 0n)
    f.sp++
    return pc + 1
  }, { observesGas: true })
}
