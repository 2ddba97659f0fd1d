/**
 * Generates packages/chain-soroban/src/env/interface.ts from the Soroban host
 * interface description (soroban-env-common env.json, kept in ../shared/spec).
 * Usage: tsx scripts/gen-soroban-env.ts [path/to/soroban-env.json]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderInterface } from '../packages/chain-soroban/test/env-render.ts'

const source = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'spec', 'soroban-env.json')
const out = join(import.meta.dirname, '..', 'packages', 'chain-soroban', 'src', 'env', 'interface.ts')
writeFileSync(out, renderInterface(JSON.parse(readFileSync(source, 'utf8'))))
console.log(`wrote ${out}`)
