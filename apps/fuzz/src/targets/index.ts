/** The targets by name. */
import type { Budget, TargetName, TargetOptions, TargetReport } from '../types.ts'
import { runEvm } from './evm.ts'
import { runHedera } from './hedera.ts'
import { runNative } from './native.ts'
import { runSoroban } from './soroban.ts'

export async function runTarget(name: TargetName, budget: Budget, options: TargetOptions): Promise<TargetReport> {
  switch (name) {
    case 'evm': return runEvm(budget, options)
    case 'native': return runNative(budget, options)
    case 'soroban': return runSoroban(budget, options)
    case 'hedera': return runHedera(budget, options)
  }
}
