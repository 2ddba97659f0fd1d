/** Builds examples/soroban/hello.wasm from hello.wat (used by scripts/build-soroban-examples.ts and the freshness test). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { val } from '../src/index.ts'
import { watContract } from './build.ts'

const dir = join(import.meta.dirname, '..', '..', '..', 'examples', 'soroban')
export const HELLO_WASM = join(dir, 'hello.wasm')

export function buildHello(): Uint8Array {
  const constants: Record<string, bigint> = {
    Hello: val.symbolSmall('Hello'), COUNTER: val.symbolSmall('COUNTER'), increment: val.symbolSmall('increment'),
    u32_50: val.u32Val(50), u32_100: val.u32Val(100),
  }
  let source = readFileSync(join(dir, 'hello.wat'), 'utf8')
  for (const [name, v] of Object.entries(constants)) source = source.replaceAll(`{{${name}}}`, `0x${v.toString(16)}`)
  return watContract(source, {
    spec: [
      { name: 'hello', inputs: [['to', 'symbol']], output: { vec: 'symbol' } },
      { name: 'increment', inputs: [], output: 'u32' },
      { name: 'add', inputs: [['a', 'i128'], ['b', 'i128']], output: 'i128' },
    ],
  })
}
