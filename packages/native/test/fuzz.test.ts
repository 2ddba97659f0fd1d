/**
 * Robustness: random byte strings run as code always return a result (never
 * throw or hang), never use more gas than given, and run identically twice.
 */
import fc from 'fast-check'
import { bytesToHex } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { NATIVE_OPCODES } from '@zvm/bytecode'
import { Vm, type ExecutionResult } from '@zvm/core'
import { nativeVm } from './program.ts'

function summary(r: ExecutionResult): string {
  return JSON.stringify({
    status: r.status, error: r.error, gasUsed: r.gasUsed, refund: r.gasRefunded, ret: bytesToHex(r.returnData),
    logs: r.logs.map((l) => [l.address, l.topics.map(String), bytesToHex(l.data)]),
    diff: r.stateDiff.accounts.map((a) => [a.address, String(a.balance), String(a.nonce), [...a.storage].map(String)]),
  })
}

// Bytes biased toward assigned opcodes so programs get past the first instruction.
const assigned = NATIVE_OPCODES.map((o) => o.code)
const codeByte = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...assigned) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) })
const program = fc.array(codeByte, { maxLength: 120 }).map((a) => new Uint8Array(a))

function execute(code: Uint8Array, data: Uint8Array, gasLimit: number): ExecutionResult {
  const vm = nativeVm({ host: { blockHash: (n) => n, syscall: (op, args) => ({ ok: true, value: BigInt(op) + (args[0] ?? 0n) }) } })
  vm.state.setBalance('0x1000000000000000000000000000000000000001', 10n ** 18n)
  return vm.run({ code, data, gasLimit, value: 1n })
}

describe('random bytecode', () => {
  it('returns a bounded, deterministic result for every input', () => {
    fc.assert(
      fc.property(program, fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 3_000_000 }), (code, data, gasLimit) => {
        const first = execute(code, data, gasLimit)
        expect(['success', 'revert', 'error']).toContain(first.status)
        expect(first.gasUsed).toBeGreaterThanOrEqual(0)
        expect(first.gasUsed).toBeLessThanOrEqual(gasLimit)
        expect(summary(execute(code, data, gasLimit))).toBe(summary(first))
      }),
      { numRuns: 3000 },
    )
  })
})
