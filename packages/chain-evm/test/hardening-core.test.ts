/**
 * Hardening of the core against absurd but valid workloads, on the EVM table:
 * one transaction touching thousands of distinct maximum-size contracts.
 */
import { analysisCacheStats, analyze, Vm, type ExecutionTier } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { evmTable, Fork } from '../src/index.ts'

const table = evmTable(Fork.Cancun)
const CALLER: Address = '0x00000000000000000000000000000000000000ca'
const DRIVER: Address = '0x00000000000000000000000000000000000000d0'
const calleeAddress = (i: number): Address => `0x${(0x10000 + i).toString(16).padStart(40, '0')}`

/** A 24 KB contract of JUMPDESTs (a block entry per byte) that stops at once; `i` makes it distinct. */
function callee(i: number): Uint8Array {
  const code = new Uint8Array(24576).fill(0x5b)
  code[0] = 0x00
  code[1] = i & 0xff
  code[2] = i >> 8
  return code
}

/** Calls the callees n-1 … 0 in turn: i = n; while (i != 0) { CALL(gas, 0x10000 + i, 0…); i-- } */
function driver(n: number): Uint8Array {
  const hex = '61' + n.toString(16).padStart(4, '0') + '5b' + '8015' + '61XXXX' + '57' +
    '6000' + '80808080' + '85' + '6200ffff' + '01' + '5a' + 'f1' + '50' + '600190' + '03' + '610003' + '56' + '5b00'
  const end = hex.length / 2 - 2
  return Uint8Array.from(Buffer.from(hex.replace('XXXX', end.toString(16).padStart(4, '0')), 'hex'))
}

function run(tier: ExecutionTier, n: number, codes: Uint8Array[]) {
  const vm = new Vm({ table, tier })
  for (let i = 0; i < n; i++) vm.state.setCode(calleeAddress(i), codes[i])
  vm.state.setCode(DRIVER, driver(n))
  const r = vm.call({ caller: CALLER, to: DRIVER, gasLimit: 30_000_000 })
  return { status: r.status, error: r.error, gasUsed: r.gasUsed }
}

describe('many large contracts in one transaction', () => {
  it('the default tier runs 2,000 distinct 24 KB contracts like the interpreter, within the analysis cache budget', () => {
    const n = 2000
    const codes = Array.from({ length: n }, (_, i) => callee(i))
    const interpreted = run('interpreter', n, codes)
    const compiled = run('compiled', n, codes)
    expect(interpreted.status).toBe('success')
    // 2,000 cold calls: ~5.3 M gas.
    expect(interpreted.gasUsed).toBeGreaterThan(5_200_000)
    expect(compiled).toEqual(interpreted)
    const stats = analysisCacheStats()
    expect(stats.bytes).toBeLessThanOrEqual(stats.budget)
    // A contract that ran one instruction is cold: no block table was built for it.
    const last = analyze(codes[0], table)
    expect(last.blocks).toBeNull()
    expect(last.coldSteps).toBe(1)
  })
})
