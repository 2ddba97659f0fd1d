import { evmTable, Fork, precompilesFor } from '@zvm/chain-evm'
import { Vm } from '@zvm/core'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import { DEFAULT_FIXTURES, fixtureCases } from './cases.ts'
const precompiles = precompilesFor(Fork.Cancun)
const table = evmTable(Fork.Cancun)
const c = fixtureCases(DEFAULT_FIXTURES).find((x) => x.name === process.argv[2])!
const n = Number(process.argv[3] ?? 20000)
let total = 0
for (let i = 0; i < n; i++) {
  const db = new MemoryDatabase()
  for (const a of c.accounts) db.setAccount(a.address, a)
  const vm = new Vm({ state: new JournaledState(db), table, host: { blockHash: () => 0n, precompile: (a) => precompiles.get(a) } })
  const t = performance.now()
  vm.call({ caller: c.caller, to: c.to, data: c.data, gasLimit: c.gasLimit })
  total += performance.now() - t
}
console.log((total / n * 1000).toFixed(1), 'us per call')
