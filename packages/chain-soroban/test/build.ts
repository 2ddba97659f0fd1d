/**
 * Builds test contracts in the test run: WAT through npm `wabt`, plus the
 * custom sections a soroban-sdk build carries (`contractenvmetav0` and
 * `contractspecv0`), written with @stellar/stellar-base's XDR types.
 */
import { xdr } from '@stellar/stellar-base'
import wabtInit from 'wabt'
import { HOST_FUNCTIONS } from '../src/index.ts'

const wabt = await wabtInit()

export type SpecType = 'bool' | 'void' | 'u32' | 'i32' | 'u64' | 'i64' | 'u128' | 'i128' | 'u256' | 'i256' | 'bytes' | 'string' | 'symbol' | 'address' | 'val' | 'timepoint' | 'duration'
  | { vec: SpecType } | { map: [SpecType, SpecType] } | { bytesN: number } | { option: SpecType } | { udt: string }

export interface SpecFunction { name: string, inputs: [string, SpecType][], output?: SpecType }
/** A `#[contracttype]` struct: stored as a map with symbol keys. */
export interface SpecStruct { struct: string, fields: [string, SpecType][] }

function typeDef(t: SpecType): xdr.ScSpecTypeDef {
  if (typeof t === 'string') {
    const names: Record<string, () => xdr.ScSpecTypeDef> = {
      bool: xdr.ScSpecTypeDef.scSpecTypeBool, void: xdr.ScSpecTypeDef.scSpecTypeVoid, u32: xdr.ScSpecTypeDef.scSpecTypeU32,
      i32: xdr.ScSpecTypeDef.scSpecTypeI32, u64: xdr.ScSpecTypeDef.scSpecTypeU64, i64: xdr.ScSpecTypeDef.scSpecTypeI64,
      u128: xdr.ScSpecTypeDef.scSpecTypeU128, i128: xdr.ScSpecTypeDef.scSpecTypeI128, u256: xdr.ScSpecTypeDef.scSpecTypeU256,
      i256: xdr.ScSpecTypeDef.scSpecTypeI256, bytes: xdr.ScSpecTypeDef.scSpecTypeBytes, string: xdr.ScSpecTypeDef.scSpecTypeString,
      symbol: xdr.ScSpecTypeDef.scSpecTypeSymbol, address: xdr.ScSpecTypeDef.scSpecTypeAddress, val: xdr.ScSpecTypeDef.scSpecTypeVal,
      timepoint: xdr.ScSpecTypeDef.scSpecTypeTimepoint, duration: xdr.ScSpecTypeDef.scSpecTypeDuration,
    }
    return names[t]()
  }
  if ('vec' in t) return xdr.ScSpecTypeDef.scSpecTypeVec(new xdr.ScSpecTypeVec({ elementType: typeDef(t.vec) }))
  if ('map' in t) return xdr.ScSpecTypeDef.scSpecTypeMap(new xdr.ScSpecTypeMap({ keyType: typeDef(t.map[0]), valueType: typeDef(t.map[1]) }))
  if ('option' in t) return xdr.ScSpecTypeDef.scSpecTypeOption(new xdr.ScSpecTypeOption({ valueType: typeDef(t.option) }))
  if ('udt' in t) return xdr.ScSpecTypeDef.scSpecTypeUdt(new xdr.ScSpecTypeUdt({ name: t.udt }))
  return xdr.ScSpecTypeDef.scSpecTypeBytesN(new xdr.ScSpecTypeBytesN({ n: t.bytesN }))
}

export function specSection(entries: (SpecFunction | SpecStruct)[]): Uint8Array {
  const parts = entries.map((f) => 'struct' in f
    ? xdr.ScSpecEntry.scSpecEntryUdtStructV0(new xdr.ScSpecUdtStructV0({
      doc: '', lib: '', name: f.struct,
      fields: f.fields.map(([name, type]) => new xdr.ScSpecUdtStructFieldV0({ doc: '', name, type: typeDef(type) })),
    })).toXDR()
    : xdr.ScSpecEntry.scSpecEntryFunctionV0(new xdr.ScSpecFunctionV0({
    doc: '', name: f.name,
    inputs: f.inputs.map(([name, type]) => new xdr.ScSpecFunctionInputV0({ doc: '', name, type: typeDef(type) })),
    outputs: f.output === undefined || f.output === 'void' ? [] : [typeDef(f.output)],
  })).toXDR())
  return Uint8Array.from(Buffer.concat(parts))
}

export function envMetaSection(protocol: number, preRelease = 0): Uint8Array {
  return Uint8Array.from(xdr.ScEnvMetaEntry.scEnvMetaKindInterfaceVersion(new xdr.ScEnvMetaEntryInterfaceVersion({ protocol, preRelease })).toXDR())
}

function leb(n: number): number[] {
  const out: number[] = []
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b) } while (n)
  return out
}

/** Appends a custom section (valid anywhere after the header). */
export function withCustomSection(wasm: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name)
  const content = [...leb(nameBytes.length), ...nameBytes, ...data]
  return Uint8Array.from([...wasm, 0, ...leb(content.length), ...content])
}

export interface BuildOptions { spec?: (SpecFunction | SpecStruct)[], protocol?: number | null, preRelease?: number, features?: Record<string, boolean> }

/** WAT text to a contract module with env meta (protocol 25 unless given; null for none) and an optional spec. */
export function watContract(source: string, options: BuildOptions = {}): Uint8Array {
  const module = wabt.parseWat('contract.wat', source, { multi_value: true, ...options.features })
  module.resolveNames()
  module.validate()
  let wasm: Uint8Array = Uint8Array.from(module.toBinary({ write_debug_names: false }).buffer)
  module.destroy()
  if (options.protocol !== null) wasm = withCustomSection(wasm, 'contractenvmetav0', envMetaSection(options.protocol ?? 25, options.preRelease ?? 0))
  if (options.spec !== undefined) wasm = withCustomSection(wasm, 'contractspecv0', specSection(options.spec))
  return wasm
}

/** `(import …)` lines for host functions by env name, bound to `$name`. */
export function hostImports(...names: string[]): string {
  return names.map((name) => {
    const f = HOST_FUNCTIONS.find((x) => x.name === name)
    if (f === undefined) throw new Error(`no host function ${name}`)
    const params = f.args.map(() => 'i64').join(' ')
    return `(import "${f.module}" "${f.export}" (func $${name} ${params ? `(param ${params})` : ''} (result i64)))`
  }).join('\n')
}
