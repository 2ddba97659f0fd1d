/** Compiles the AssemblyScript test contracts with npm `assemblyscript` (no floats, no post-MVP features Soroban refuses). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import asc from 'assemblyscript/asc'
import { envMetaSection, specSection, withCustomSection, type SpecFunction } from './build.ts'

export async function compileAssemblyScript(file: string, constants: Record<string, bigint>, spec: SpecFunction[] = []): Promise<Uint8Array> {
  let source = readFileSync(join(import.meta.dirname, 'assemblyscript', file), 'utf8')
  for (const [name, value] of Object.entries(constants)) source = source.replaceAll(`{{${name}}}`, `0x${value.toString(16)}`)
  const { error, stderr, binary } = await asc.compileString(source, {
    optimizeLevel: 2, runtime: 'stub', noAssert: true, use: ['abort='],
    disable: ['bulk-memory', 'reference-types', 'multi-value', 'nontrapping-f2i', 'simd', 'gc'],
  })
  if (error !== null || binary === undefined || binary === null) throw new Error(`asc failed: ${String(error)}\n${stderr.toString()}`)
  let wasm = withCustomSection(binary, 'contractenvmetav0', envMetaSection(25))
  if (spec.length > 0) wasm = withCustomSection(wasm, 'contractspecv0', specSection(spec))
  return wasm
}
