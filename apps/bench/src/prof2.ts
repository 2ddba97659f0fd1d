import { evmTable, Fork, precompilesFor } from '@zvm/chain-evm'
import { Vm, type ExecutionTier } from '@zvm/core'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import { DEFAULT_FIXTURES, fixtureCases } from './cases.ts'
const precompiles = precompilesFor(Fork.Cancun)
const table = evmTable(Fork.Cancun)
const [name, tier, n, th] = [process.argv[2], process.argv[3] as ExecutionTier, Number(process.argv[4] ?? 300), Number(process.argv[5] ?? 5000)]
const c = fixtureCases(DEFAULT_FIXTURES).find((x) => x.name === name)!
function run(): number {
  const db = new MemoryDatabase()
  for (const a of c.accounts) db.setAccount(a.address, a)
  const vm = new Vm({ state: new JournaledState(db), table, tier, compileThreshold: th > 0 ? th : undefined, host: { blockHash: () => 0n, precompile: (a) => precompiles.get(a) } })
  const start = performance.now()
  vm.call({ caller: c.caller, to: c.to, data: c.data, gasLimit: c.gasLimit })
  return performance.now() - start
}
for (let i = 0; i < n; i++) run()
const t: number[] = []
for (let i = 0; i < n; i++) t.push(run())
t.sort((a, b) => a - b)
console.log(name, tier, th, 'median', t[n >> 1].toFixed(4), 'ms')
