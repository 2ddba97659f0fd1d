/** Test helper: builds native bytecode from mnemonics and immediates. */
import { NATIVE_OPCODES_BY_NAME, OP } from '@zvm/bytecode'
import { Vm, type VmOptions } from '@zvm/core'
import { bigintToBytes } from '@zvm/primitives'
import { NATIVE_TABLE } from '../src/index.ts'

export type Part = string | number | bigint | Uint8Array

/**
 * `prog('PUSH1', 42, 'PUSH1', 8, 'ADD')`: a number or bigint after a PUSHn is
 * its immediate; `'PUSH'` alone picks the smallest PUSH that fits.
 */
export function prog(...parts: Part[]): Uint8Array {
  const out: number[] = []
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]
    if (p instanceof Uint8Array) { out.push(...p); continue }
    if (typeof p !== 'string') { out.push(Number(p)); continue }
    if (p === 'PUSH') {
      const v = BigInt(parts[++i] as number | bigint)
      const bytes = Math.max(1, Math.ceil(v.toString(16).length / 2))
      const size = [1, 2, 4, 8, 16, 32].find((s) => s >= bytes)!
      out.push(NATIVE_OPCODES_BY_NAME.get(`PUSH${size}`)!.code, ...bigintToBytes(v, size))
      continue
    }
    const info = NATIVE_OPCODES_BY_NAME.get(p)
    if (!info) throw new Error(`unknown mnemonic ${p}`)
    out.push(info.code)
    if (info.immediateSize > 0) out.push(...bigintToBytes(BigInt(parts[++i] as number | bigint), info.immediateSize))
  }
  return new Uint8Array(out)
}

/** Appends: store the top word at memory 0 and RETURN 32 bytes. */
export const RETURN_TOP: Part[] = ['PUSH1', 0, 'MSTORE', 'PUSH1', 32, 'PUSH1', 0, 'RETURN']

/** Pushes `v` with the smallest PUSH. */
export function push(v: bigint | number): Part[] {
  return ['PUSH', BigInt(v)]
}

export { OP }

/** A `Vm` on the native table. */
export function nativeVm(options: Omit<VmOptions, 'table'> = {}): Vm {
  return new Vm({ table: NATIVE_TABLE, ...options })
}
