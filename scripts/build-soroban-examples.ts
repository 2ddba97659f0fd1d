/**
 * Builds examples/soroban/hello.wasm from hello.wat: fills in the Val
 * constants, assembles with wabt, and appends the contract env meta and spec
 * sections. `--check` fails when the committed .wasm is stale.
 * Usage: tsx --conditions=source scripts/build-soroban-examples.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { buildHello, HELLO_WASM } from '../packages/chain-soroban/test/examples.ts'

const wasm = buildHello()
if (process.argv.includes('--check')) {
  if (!Buffer.from(readFileSync(HELLO_WASM)).equals(Buffer.from(wasm))) { console.error(`${HELLO_WASM} is stale: rebuild it`); process.exit(1) }
  console.log(`${HELLO_WASM} is up to date`)
} else {
  writeFileSync(HELLO_WASM, wasm)
  console.log(`wrote ${HELLO_WASM} (${wasm.length} bytes)`)
}
