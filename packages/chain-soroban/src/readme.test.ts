import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { scValToNative, xdr } from '@stellar/stellar-sdk'
import { expect, it } from 'vitest'
import { SorobanHost } from './index.ts'

it('the README example holds', () => {
  const host = new SorobanHost()
  const wasm = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'soroban', 'hello.wasm'))
  const { address } = host.deploy(wasm)
  const r = host.invoke(address, 'hello', [xdr.ScVal.scvSymbol('world')])
  expect(r.status).toBe('success')
  expect(scValToNative(r.result)).toEqual(['Hello', 'world'])
  expect(r.cpuInsns).toBeGreaterThan(0)
})
