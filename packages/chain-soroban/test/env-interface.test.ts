import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { renderInterface } from './env-render.ts'
import { buildHello, HELLO_WASM } from './examples.ts'

const spec = process.env.ZVM_SOROBAN_ENV ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'spec', 'soroban-env.json')

it.skipIf(!existsSync(spec))('src/env/interface.ts is generated from soroban-env.json and up to date', () => {
  const generated = readFileSync(join(import.meta.dirname, '..', 'src', 'env', 'interface.ts'), 'utf8')
  expect(generated).toBe(renderInterface(JSON.parse(readFileSync(spec, 'utf8'))))
})

it('examples/soroban/hello.wasm is built from hello.wat (scripts/build-soroban-examples.ts)', () => {
  expect(Buffer.from(readFileSync(HELLO_WASM)).equals(Buffer.from(buildHello()))).toBe(true)
})
