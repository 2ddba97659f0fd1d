/**
 * Each command loads only its own chain: the chain packages are wrapped so that
 * loading one is counted, then commands run in process, cheapest first (a
 * module is loaded once per test file, so each count can only grow).
 */
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { processIo, type CliIo } from '../src/io.ts'
import { main } from '../src/main.ts'

const loaded = vi.hoisted(() => ({ soroban: 0, stellar: 0, evm: 0, native: 0, hedera: 0, kalix: 0 }))
vi.mock('@zvm/chain-soroban', async (original) => { loaded.soroban++; return original() })
vi.mock('@stellar/stellar-base', async (original) => { loaded.stellar++; return original() })
vi.mock('@zvm/chain-evm', async (original) => { loaded.evm++; return original() })
vi.mock('@zvm/native', async (original) => { loaded.native++; return original() })
vi.mock('@zvm/chain-hedera', async (original) => { loaded.hedera++; return original() })
vi.mock('@zvm/runtime-kalix', async (original) => { loaded.kalix++; return original() })

const ROOT = join(import.meta.dirname, '..', '..', '..')

async function zvm(...argv: string[]): Promise<number> {
  const io: CliIo = { ...processIo, isTerminal: false, out: () => {}, err: () => {} }
  return main(argv, io)
}

describe('what each command loads', () => {
  it('help, version and usage errors load no chain; run loads only its target (Hedera only for --target hedera); soroban alone loads Soroban, kalix alone the KALIX runtime', async () => {
    expect(await zvm('--version')).toBe(0)
    for (const command of [['run'], ['statetest'], ['soroban', 'invoke'], ['soroban', 'validate'], ['kalix', 'deploy'], ['kalix', 'call']]) expect(await zvm(...command, '--help')).toBe(0)
    expect(await zvm('soroban', 'invoke', 'x.wasm', '--frob')).toBe(2)
    expect(await zvm('kalix', 'call', 'x.zvmc', '--frob')).toBe(2)
    expect(loaded).toEqual({ soroban: 0, stellar: 0, evm: 0, native: 0, hedera: 0, kalix: 0 })

    expect(await zvm('asm', join(ROOT, 'examples', 'counter.zasm'), '-o', join(ROOT, 'no-such-dir', 'x.zvmc'))).toBe(1)
    expect(await zvm('disasm', '--hex', '0x112a11083000')).toBe(0)
    expect(loaded).toEqual({ soroban: 0, stellar: 0, evm: 0, native: 0, hedera: 0, kalix: 0 })

    expect(await zvm('run', join(ROOT, 'examples', 'counter.zasm'))).toBe(0)
    expect(loaded).toEqual({ soroban: 0, stellar: 0, evm: 0, native: 1, hedera: 0, kalix: 0 })

    expect(await zvm('run', '--target', 'evm', '--hex', '0x5f00')).toBe(0)
    expect(loaded).toEqual({ soroban: 0, stellar: 0, evm: 1, native: 1, hedera: 0, kalix: 0 })

    expect(await zvm('run', '--target', 'hedera', '0x5f00')).toBe(0)
    expect(loaded).toEqual({ soroban: 0, stellar: 0, evm: 1, native: 1, hedera: 1, kalix: 0 })

    expect(await zvm('soroban', 'validate', join(ROOT, 'examples', 'soroban', 'hello.wasm'))).toBe(0)
    expect(loaded.soroban).toBe(1)
    expect(loaded.stellar).toBeGreaterThan(0)

    expect(await zvm('kalix', 'deploy', join(ROOT, 'no-such.zvmc'))).toBe(1)
    expect(loaded.kalix).toBe(1)
  })
})
