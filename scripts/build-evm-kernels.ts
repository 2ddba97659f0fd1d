/**
 * Rebuilds packages/chain-evm/src/precompiles/kernel.wasm.ts from the
 * AssemblyScript source in packages/chain-evm/assembly/precompile-kernel.ts.
 * `--check` fails when the embedded module is stale.
 * Usage: tsx --conditions=source scripts/build-evm-kernels.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { compilePrecompileKernel, KERNEL_MODULE, kernelModuleSource } from '../packages/chain-evm/build/precompile-kernel.ts'

const source = kernelModuleSource(await compilePrecompileKernel())
if (process.argv.includes('--check')) {
  if (readFileSync(KERNEL_MODULE, 'utf8') !== source) { console.error(`${KERNEL_MODULE} is stale: rebuild it`); process.exit(1) }
  console.log(`${KERNEL_MODULE} is up to date`)
} else {
  writeFileSync(KERNEL_MODULE, source)
  console.log(`wrote ${KERNEL_MODULE}`)
}
