/**
 * Rebuilds packages/primitives/src/keccak-kernel.wasm.ts from the AssemblyScript
 * source in packages/primitives/assembly/keccak-kernel.ts. `--check` fails when
 * the embedded module is stale.
 * Usage: tsx --conditions=source scripts/build-keccak-kernel.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { compileKeccakKernel, KECCAK_MODULE, keccakModuleSource } from '../packages/primitives/build/keccak-kernel.ts'

const source = keccakModuleSource(await compileKeccakKernel())
if (process.argv.includes('--check')) {
  if (readFileSync(KECCAK_MODULE, 'utf8') !== source) { console.error(`${KECCAK_MODULE} is stale: rebuild it`); process.exit(1) }
  console.log(`${KECCAK_MODULE} is up to date`)
} else {
  writeFileSync(KECCAK_MODULE, source)
  console.log(`wrote ${KECCAK_MODULE}`)
}
