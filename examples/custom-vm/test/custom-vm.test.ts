/** Counterchain behaves the same in every execution tier, and each of its parts does what the packages document. */
import { declareTraits, Vm, withInstructions, type ExecutionTier, type Inspector } from '@zvm/core'
import { evmTable, Fork } from '@zvm/chain-evm'
import { bytesToBigint, word } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { COUNTER, COUNTER_GAS, counterchainVm, gasPerOpcode, TABLE } from '../src/chain.ts'
import { ENTRY, ENTRY_CODE, REVERTER, REVERTER_CODE } from '../src/program.ts'

const TIERS: ExecutionTier[] = ['interpreter', 'blocks', 'compiled']

function runDemo(tier: ExecutionTier, inspector?: Inspector) {
  const vm = counterchainVm(tier, inspector)
  vm.state.setCode(REVERTER, REVERTER_CODE)
  vm.state.setCode(ENTRY, ENTRY_CODE)
  const r = vm.call({ to: ENTRY })
  const words = [0, 1, 2, 3].map((i) => bytesToBigint(r.returnData.subarray(32 * i, 32 * i + 32)))
  return { r, words, stored: vm.state.sload(COUNTER, 0n) }
}

describe('Counterchain', () => {
  const results = TIERS.map((tier) => runDemo(tier))

  it('gives identical status, gas, output and state in the interpreter, block and compiled tiers', () => {
    for (const other of results.slice(1)) {
      expect([other.r.status, other.r.gasUsed, other.words, other.stored]).toEqual([results[0].r.status, results[0].r.gasUsed, results[0].words, results[0].stored])
    }
    expect(results[0].r.status).toBe('success')
  })

  it("the extra opcode squares, and the precompile's write in a reverted frame is undone", () => {
    const [counter, square] = results[0].words
    expect(square).toBe(49n)
    // The reverter's call counted 1, then reverted: the entry's own call counts 1 again.
    expect(counter).toBe(1n)
    expect(results[0].stored).toBe(1n)
  })

  it('the syscall is answered by the host, which sees the same gas left in every tier', () => {
    const random = results[0].words[2]
    expect(random / 1_000_000_000n).toBe(0x0en)
    expect(random % 1_000_000_000n).toBeGreaterThan(0n)
  })

  it('undeclared traits are safe; a wrong declaration shows in the block tiers', () => {
    // GASBUDGET declared pure (it is not: it reads the gas left): the block tier now charges its block in advance.
    const liar = withInstructions(TABLE, [{
      code: 0x0d, name: 'GASBUDGET', op: declareTraits((f, pc) => { word.setNumber(f.stack, f.sp << 3, f.gasLeft); f.sp++; return pc + 1 }, { neverHalts: true }),
      staticGas: 2, stackIn: 0, stackOut: 1,
    }])
    // GASBUDGET PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
    const code = new Uint8Array([0x0d, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3])
    const budget = (tier: ExecutionTier, table = TABLE): bigint => bytesToBigint(new Vm({ table, tier }).run({ code }).returnData)
    for (const tier of TIERS) expect(budget(tier)).toBe(budget('interpreter'))
    // Charged in advance: the static gas of the rest of its block (PUSH0 MSTORE PUSH1 PUSH0) is already gone.
    expect(budget('blocks', liar)).toBe(budget('interpreter') - 2n - 3n - 3n - 2n)
  })

  it('an inspector counts gas per opcode; with the precompiles it adds up to the gas used', () => {
    const profile = gasPerOpcode()
    const { r } = runDemo('compiled', profile.inspector)
    expect(profile.totals.get('SQUARE')).toBe(5)
    expect(profile.totals.get('RANDOM')).toBe(20)
    const instructions = [...profile.totals.values()].reduce((a, b) => a + b, 0)
    expect(instructions + 2 * COUNTER_GAS).toBe(r.gasUsed + r.gasRefunded)
  })

  it("deriving the table leaves Ethereum's untouched", () => {
    expect(evmTable(Fork.Cancun).names[0x0c]).toMatch(/^INVALID/)
    expect(TABLE.names.slice(0x0c, 0x0f)).toEqual(['SQUARE', 'GASBUDGET', 'RANDOM'])
    expect(TABLE.names[0x01]).toBe('ADD')
  })
})
