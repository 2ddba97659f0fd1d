/**
 * Limits per message (limits.ts): with gas near 2^53 a RETURN, REVERT or LOG
 * could otherwise ask for hundreds of megabytes and abort the process.
 */
import type { Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { Halt, MAX_FRAME_MEMORY, MAX_MESSAGE_LOG_BYTES, MAX_MESSAGE_MEMORY, MAX_POOLED_MEMORY, Vm } from '@zvm/core'
import { scratchPoolStats } from '@zvm/core'
import { prog, push, type Part, nativeVm } from './program.ts'

const A: Address = '0x00000000000000000000000000000000000000aa'
const HUGE_GAS = 2 ** 53 - 1

function run(parts: Part[], gasLimit = HUGE_GAS) {
  const vm = nativeVm()
  vm.state.setCode(A, prog(...parts))
  return { vm, r: vm.call({ to: A, gasLimit }) }
}

describe('output and memory limits at absurd gas', () => {
  it('a 128 MB RETURN is MemoryLimitExceeded with all gas used, not a heap abort', () => {
    const { r } = run([...push(128 * 2 ** 20), ...push(0), 'RETURN'])
    expect(r.status).toBe('error')
    expect(r.halt).toBe(Halt.MemoryLimitExceeded)
    expect(r.error).toBe('MemoryLimitExceeded')
    expect(r.gasUsed).toBe(HUGE_GAS)
    expect(r.returnData.length).toBe(0)
  })

  it('a 300 MB LOG0 is MemoryLimitExceeded with all gas used', () => {
    const { r } = run([...push(300 * 2 ** 20), ...push(0), 'LOG0', 'HALT'])
    expect(r.halt).toBe(Halt.MemoryLimitExceeded)
    expect(r.gasUsed).toBe(HUGE_GAS)
    expect(r.logs).toEqual([])
  })

  it('memory up to the frame limit still works, and realistic gas still runs out of gas first', () => {
    const { r } = run([...push(MAX_FRAME_MEMORY), ...push(0), 'RETURN'])
    expect(r.status).toBe('success')
    expect(r.returnData.length).toBe(MAX_FRAME_MEMORY)
    expect(run([...push(MAX_FRAME_MEMORY + 32), ...push(0), 'RETURN'], 30_000_000).r.error).toBe('OutOfGas')
  })

  it('LOG data per message is bounded: LogLimitExceeded once the total passes the limit', () => {
    const size = MAX_MESSAGE_LOG_BYTES / 2
    const log: Part[] = [...push(size), ...push(0), 'LOG0']
    expect(run([...log, ...log, 'HALT']).r.logs.map((l) => l.data.length)).toEqual([size, size])
    const { r } = run([...log, ...log, ...log, 'HALT'])
    expect(r.halt).toBe(Halt.LogLimitExceeded)
    expect(r.gasUsed).toBe(HUGE_GAS)
  })

  it('memory across the frames of one message is bounded, and the pool keeps no huge buffer', () => {
    // Each frame grows its memory to 30 MiB, counts itself in slot 1, then calls itself with all gas.
    const perFrame = 30 * 2 ** 20
    const { vm, r } = run([
      ...push(1), ...push(perFrame - 32), 'MSTORE',
      ...push(1), 'SLOAD', ...push(1), 'ADD', ...push(1), 'SSTORE',
      ...push(0), ...push(0), ...push(0), ...push(0), ...push(0), ...push(BigInt(A)), 'GAS', 'CALL', 'HALT',
    ])
    expect(r.status).toBe('success')
    // 68 frames fit in MAX_MESSAGE_MEMORY; the 69th fails its expansion and rolls back.
    expect(Math.floor(MAX_MESSAGE_MEMORY / perFrame)).toBe(68)
    expect(vm.state.sload(A, 1n)).toBe(68n)
    const pool = scratchPoolStats()
    expect(pool.memories).toBeGreaterThan(0)
    expect(pool.largest).toBeLessThanOrEqual(MAX_POOLED_MEMORY)
  })
})
