/**
 * Rebuilds packages/primitives/src/word-kernel.wasm.ts from the AssemblyScript
 * source in packages/primitives/assembly/word-kernel.ts. `--check` fails when
 * the embedded module is stale.
 * Usage: tsx --conditions=source scripts/build-word-kernel.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { compileWordKernel, KERNEL_MODULE, kernelModuleSource } from '../packages/primitives/build/word-kernel.ts'

const source = kernelModuleSource(await compileWordKernel())
if (process.argv.includes('--check')) {
  if (readFileSync(KERNEL_MODULE, 'utf8') !== source) { console.error(`${KERNEL_MODULE} is stale: rebuild it`); process.exit(1) }
  console.log(`${KERNEL_MODULE} is up to date`)
} else {
  writeFileSync(KERNEL_MODULE, source)
  console.log(`wrote ${KERNEL_MODULE}`)
}
