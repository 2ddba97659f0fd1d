/** The ZVM side of the benchmark: fresh state per run, only the call is timed. */
import { evmTable, Fork, precompilesFor } from '@zvm/chain-evm'
import { Vm, type ExecutionTier } from '@zvm/core'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import type { BenchCase } from './cases.ts'

export interface Timed { ms: number; gasUsed: number; status: string }

const precompiles = precompilesFor(Fork.Cancun)
const table = evmTable(Fork.Cancun)

/** One ZVM run: fresh in-memory state, then the timed call. */
export function runZvm(c: BenchCase, tier?: ExecutionTier): Timed {
  const db = new MemoryDatabase()
  for (const a of c.accounts) db.setAccount(a.address, a)
  const vm = new Vm({ state: new JournaledState(db), table, tier, host: { blockHash: () => 0n }, precompiles })
  const start = performance.now()
  const r = vm.call({ caller: c.caller, to: c.to, data: c.data, gasLimit: c.gasLimit })
  const ms = performance.now() - start
  return { ms, gasUsed: r.gasUsed + r.gasRefunded, status: r.status }
}

