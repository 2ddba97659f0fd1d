/** Runs the demo once in each execution tier and prints what it returned. */
import { bytesToBigint } from '@zvm/primitives'
import { COUNTER, counterchainVm, gasPerOpcode } from './chain.ts'
import { ENTRY, ENTRY_CODE, REVERTER, REVERTER_CODE } from './program.ts'

for (const tier of ['interpreter', 'blocks', 'compiled'] as const) {
  const vm = counterchainVm(tier)
  vm.state.setCode(REVERTER, REVERTER_CODE)
  vm.state.setCode(ENTRY, ENTRY_CODE)
  const r = vm.call({ to: ENTRY })
  const words = [0, 1, 2, 3].map((i) => bytesToBigint(r.returnData.subarray(32 * i, 32 * i + 32)))
  console.log(`${tier}: ${r.status}, gas ${r.gasUsed}, counter ${words[0]} (stored ${vm.state.sload(COUNTER, 0n)}), square ${words[1]}, random ${words[2]}, gas budget ${words[3]}`)
}

const profile = gasPerOpcode()
const vm = counterchainVm('compiled', profile.inspector)
vm.state.setCode(REVERTER, REVERTER_CODE)
vm.state.setCode(ENTRY, ENTRY_CODE)
vm.call({ to: ENTRY })
console.log('gas per opcode:', Object.fromEntries(profile.totals))
