/**
 * Mutated solc output: the creation and runtime bytecode of the contracts the
 * repository's tests compile (fixtures/solc-contracts.json, written by
 * build/compile-contracts.ts), with bytes flipped, replaced, inserted or
 * deleted, called through their real selectors.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Rng } from '../rng.ts'

export interface SolcContract { source: string; creation: string; runtime: string; selectors: string[] }
export interface Mutation { op: 'flip' | 'set' | 'insert' | 'delete'; at: number; byte: number }

let contracts: Record<string, SolcContract> | undefined
/** The compiled contracts by name. */
export function solcContracts(): Record<string, SolcContract> {
  return (contracts ??= JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'solc-contracts.json'), 'utf8')) as Record<string, SolcContract>)
}

// Opcodes a mutation likes to plant: control flow, calls, creation, storage, memory growth.
const INTERESTING = [0x00, 0x56, 0x57, 0x5b, 0x54, 0x55, 0x5c, 0x5d, 0x51, 0x52, 0x5e, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xfa, 0xfd, 0xfe, 0xff, 0x5f, 0x60, 0x7f, 0x3e, 0x20]

/** `count` random mutations of a code of `length` bytes. */
export function mutations(rng: Rng, length: number, count: number): Mutation[] {
  return Array.from({ length: count }, () => ({
    op: rng.pick(['flip', 'set', 'set', 'insert', 'delete'] as const),
    at: rng.int(Math.max(1, length)),
    byte: rng.chance(0.5) ? rng.pick(INTERESTING) : rng.int(256),
  }))
}

/** Applies mutations in order (positions past the end wrap around). */
export function mutate(code: Uint8Array, list: readonly Mutation[]): Uint8Array {
  const bytes = [...code]
  for (const m of list) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length
    if (m.op === 'flip') bytes[at] ^= 1 << (m.byte & 7)
    else if (m.op === 'set') bytes[at] = m.byte
    else if (m.op === 'insert') bytes.splice(at, 0, m.byte)
    else bytes.splice(at, 1)
  }
  return new Uint8Array(bytes)
}
