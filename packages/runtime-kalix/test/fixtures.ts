/** The test contracts: ZVM assembly and KALIX ABI JSON in test/contracts, assembled into ZVMC containers. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assembleZvmc } from '@zvm/bytecode'

export const CONTRACTS_DIR = join(import.meta.dirname, 'contracts')

/** The source of `name`.zasm and the text of `name`.abi.json. */
export function contractSource(name: 'token' | 'counter' | 'vault'): { asm: string; abi: string } {
  return {
    asm: readFileSync(join(CONTRACTS_DIR, `${name}.zasm`), 'utf8'),
    abi: readFileSync(join(CONTRACTS_DIR, `${name}.abi.json`), 'utf8'),
  }
}

/** `name` assembled into a ZVMC container with its ABI. */
export function contractZvmc(name: 'token' | 'counter' | 'vault'): Uint8Array {
  const { asm, abi } = contractSource(name)
  return assembleZvmc(asm, { abi: JSON.parse(abi) })
}
