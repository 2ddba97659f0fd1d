/** The targets by name. */
import type { Budget, TargetName, TargetOptions, TargetReport } from '../types.ts'
import { runEvm } from './evm.ts'
import { runNative } from './native.ts'

export async function runTarget(name: TargetName, budget: Budget, options: TargetOptions): Promise<TargetReport> {
  switch (name) {
    case 'evm': return runEvm(budget, options)
    case 'native': return runNative(budget, options)
    default: throw new Error(`target ${name} not built yet`)
  }
}
