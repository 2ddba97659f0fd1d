/**
 * A JSON value to an `xdr.ScVal` of a declared `ScSpecTypeDef`, encoded as
 * @stellar/stellar-sdk's `contract.Spec#nativeToScVal` encodes it (that
 * class is the differential oracle of test/spec-oracle.test.ts):
 *
 * - bool ← boolean; void ← null; u32/i32 ← number; u64, i64, u128, i128,
 *   u256, i256, timepoint, duration ← number, bigint or decimal (or `0x`)
 *   string; string, symbol ← string; bytes, bytesN ← `0x` hex string (as
 *   results print them), base64 string or bytes;
 *   address, muxed address ← strkey (G…, C…, M…, and B…/L…);
 * - option ← null for None, else the inner value; vec ← array; tuple ←
 *   array of exactly its length; map ← array of `[key, value]` pairs (or a
 *   `Map`);
 * - struct ← object by field name (a map with the fields in spec order), or
 *   an array for a tuple struct (fields `0`, `1`, …); union ←
 *   `{ tag, values? }` (a vec `[Symbol(tag), …values]`); enum ← one of its
 *   numbers (a u32).
 *
 * Refused where the SDK builds something the type does not allow: bytesN of
 * the wrong length, bytes strings that are not base64 (the SDK decodes any
 * string leniently), an empty string as an integer (the SDK reads 0), map
 * entries that are not pairs, a struct from something that is not an object
 * (or, for a tuple struct, not an array of its length). Accepted where the
 * SDK cannot: an error enum (`#[contracterror]`) from one of its numbers, as
 * Soroban passes it (`Error(Contract, #n)`), and bytes as `0x` hex (the SDK
 * reads every string as base64). `Val`-typed and `Result`-typed
 * inputs have no JSON form (as in the SDK); any input may be given as an
 * `xdr.ScVal`, which is passed through.
 */
import { Address, xdr } from '@stellar/stellar-base'
import { intScVal, type IntKind } from '../int-scval.ts'
import type { ContractSpec } from './contract-spec.ts'

/** A conversion that does not fit the type; argsFromJson names the argument. */
export class SpecValueError extends Error {
  override name = 'SpecValueError'
}

const fail = (message: string): never => { throw new SpecValueError(message) }

/** A short description of a JSON value for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `an array of ${v.length}`
  if (v instanceof Uint8Array) return `${v.length} bytes`
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`
  if (typeof v === 'object') return 'an object'
  return `${typeof v} ${String(v)}`
}

/** The type as soroban-sdk writes it (`Vec<u32>`, `Option<Address>`, `MyStruct`). */
export function typeName(ty: xdr.ScSpecTypeDef): string {
  switch (ty.switch().name) {
    case 'scSpecTypeVal': return 'Val'
    case 'scSpecTypeBool': return 'bool'
    case 'scSpecTypeVoid': return '()'
    case 'scSpecTypeError': return 'Error'
    case 'scSpecTypeU32': return 'u32'
    case 'scSpecTypeI32': return 'i32'
    case 'scSpecTypeU64': return 'u64'
    case 'scSpecTypeI64': return 'i64'
    case 'scSpecTypeTimepoint': return 'Timepoint'
    case 'scSpecTypeDuration': return 'Duration'
    case 'scSpecTypeU128': return 'u128'
    case 'scSpecTypeI128': return 'i128'
    case 'scSpecTypeU256': return 'U256'
    case 'scSpecTypeI256': return 'I256'
    case 'scSpecTypeBytes': return 'Bytes'
    case 'scSpecTypeString': return 'String'
    case 'scSpecTypeSymbol': return 'Symbol'
    case 'scSpecTypeAddress': return 'Address'
    case 'scSpecTypeMuxedAddress': return 'MuxedAddress'
    case 'scSpecTypeOption': return `Option<${typeName(ty.option().valueType())}>`
    case 'scSpecTypeResult': return `Result<${typeName(ty.result().okType())}, ${typeName(ty.result().errorType())}>`
    case 'scSpecTypeVec': return `Vec<${typeName(ty.vec().elementType())}>`
    case 'scSpecTypeMap': return `Map<${typeName(ty.map().keyType())}, ${typeName(ty.map().valueType())}>`
    case 'scSpecTypeTuple': return `(${ty.tuple().valueTypes().map(typeName).join(', ')})`
    case 'scSpecTypeBytesN': return `BytesN<${ty.bytesN().n()}>`
    case 'scSpecTypeUdt': return ty.udt().name().toString()
  }
}

const INT_BITS: Record<IntKind, [bits: number, signed: boolean]> = {
  u64: [64, false], i64: [64, true], timepoint: [64, false], duration: [64, false],
  u128: [128, false], i128: [128, true], u256: [256, false], i256: [256, true],
}

/** An integer from a number (no fraction), bigint or string (as JavaScript's BigInt() reads it, but not blank). */
function integer(v: unknown, type: string): bigint {
  if (typeof v === 'bigint') return v
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) fail(`${v} is not an integer (${type})`)
    return BigInt(v)
  }
  if (typeof v === 'string') {
    if (v.trim() === '') fail(`an empty string is not an integer (${type})`)
    try {
      return BigInt(v)
    } catch {
      return fail(`${JSON.stringify(v)} is not an integer (${type})`)
    }
  }
  return fail(`expected an integer (${type}), got ${describeValue(v)}`)
}

function inRange(n: bigint, bits: number, signed: boolean, type: string): bigint {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n
  if (n < min || n > max) fail(`${n} is out of range for ${type} [${min}, ${max}]`)
  return n
}


function largeInt(kind: IntKind, v: unknown): xdr.ScVal {
  const [bits, signed] = INT_BITS[kind]
  return intScVal(kind, inRange(integer(v, kind), bits, signed, kind))
}

function smallInt(v: unknown, signed: boolean): xdr.ScVal {
  const type = signed ? 'i32' : 'u32'
  if (typeof v !== 'number' && typeof v !== 'bigint') return fail(`expected a number (${type}), got ${describeValue(v)}`)
  const n = inRange(integer(v, type), 32, signed, type)
  return signed ? xdr.ScVal.scvI32(Number(n)) : xdr.ScVal.scvU32(Number(n))
}

// `0x` and an even number of hex digits: how results print bytes (toJson), so a result can be passed back.
// Never valid base64 meant as such in practice ('x' after a leading '0'), and read as hex first.
const HEX = /^0x(?:[0-9a-fA-F]{2})*$/
// Standard or URL-safe alphabet, padding optional; what Buffer decodes without dropping characters.
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/

function bytes(v: unknown, n: number | undefined): xdr.ScVal {
  const type = n === undefined ? 'Bytes' : `BytesN<${n}>`
  let out: Uint8Array
  if (v instanceof Uint8Array) out = Uint8Array.from(v)
  else if (typeof v === 'string' && HEX.test(v)) out = Buffer.from(v.slice(2), 'hex')
  else if (typeof v === 'string') {
    if (!BASE64.test(v) || v.replace(/=+$/, '').length % 4 === 1) fail(`${describeValue(v)} is not base64 (${type})`)
    out = Buffer.from(v, 'base64')
  } else return fail(`expected a base64 string (${type}), got ${describeValue(v)}`)
  if (n !== undefined && out.length !== n) fail(`expected ${n} bytes, got ${out.length}`)
  return xdr.ScVal.scvBytes(Buffer.from(out))
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Map) && !(v instanceof xdr.ScVal)
const own = (o: Record<string, unknown>, key: string): unknown => Object.hasOwn(o, key) ? o[key] : undefined

/** `v` as a ScVal of type `ty`; throws a SpecValueError when it does not fit. */
export function jsonToScVal(spec: ContractSpec, v: unknown, ty: xdr.ScSpecTypeDef): xdr.ScVal {
  if (v instanceof xdr.ScVal) return v
  const kind = ty.switch().name
  const wrong = (): never => fail(`expected ${typeName(ty)}, got ${describeValue(v)}`)
  switch (kind) {
    case 'scSpecTypeUdt': return udtToScVal(spec, v, ty.udt().name().toString())
    case 'scSpecTypeOption': return v === null || v === undefined ? xdr.ScVal.scvVoid() : jsonToScVal(spec, v, ty.option().valueType())
    case 'scSpecTypeVoid': return v === null || v === undefined ? xdr.ScVal.scvVoid() : wrong()
    case 'scSpecTypeBool': return typeof v === 'boolean' ? xdr.ScVal.scvBool(v) : wrong()
    case 'scSpecTypeU32': return smallInt(v, false)
    case 'scSpecTypeI32': return smallInt(v, true)
    case 'scSpecTypeU64': return largeInt('u64', v)
    case 'scSpecTypeI64': return largeInt('i64', v)
    case 'scSpecTypeU128': return largeInt('u128', v)
    case 'scSpecTypeI128': return largeInt('i128', v)
    case 'scSpecTypeU256': return largeInt('u256', v)
    case 'scSpecTypeI256': return largeInt('i256', v)
    case 'scSpecTypeTimepoint': return largeInt('timepoint', v)
    case 'scSpecTypeDuration': return largeInt('duration', v)
    case 'scSpecTypeBytes': return bytes(v, undefined)
    case 'scSpecTypeBytesN': return bytes(v, ty.bytesN().n())
    case 'scSpecTypeString': return typeof v === 'string' ? xdr.ScVal.scvString(v) : wrong()
    case 'scSpecTypeSymbol': return typeof v === 'string' ? xdr.ScVal.scvSymbol(v) : wrong()
    case 'scSpecTypeAddress':
    case 'scSpecTypeMuxedAddress': {
      if (v instanceof Address) return v.toScVal()
      if (typeof v !== 'string') return wrong()
      try {
        return Address.fromString(v).toScVal()
      } catch {
        return fail(`${describeValue(v)} is not a Stellar address (G…, C…, M…, B… or L… strkey)`)
      }
    }
    case 'scSpecTypeVec': {
      if (!Array.isArray(v)) return wrong()
      const element = ty.vec().elementType()
      return xdr.ScVal.scvVec(v.map((e, i) => within(`element ${i}`, () => jsonToScVal(spec, e, element))))
    }
    case 'scSpecTypeTuple': {
      const types = ty.tuple().valueTypes()
      if (!Array.isArray(v) || v.length !== types.length) return fail(`expected ${typeName(ty)} as an array of ${types.length}, got ${describeValue(v)}`)
      return xdr.ScVal.scvVec(v.map((e, i) => within(`element ${i}`, () => jsonToScVal(spec, e, types[i]))))
    }
    case 'scSpecTypeMap': {
      const entries: unknown[] = v instanceof Map ? [...v] : Array.isArray(v) ? v : wrong()
      const { keyType, valueType } = { keyType: ty.map().keyType(), valueType: ty.map().valueType() }
      return xdr.ScVal.scvMap(entries.map((e, i) => {
        if (!Array.isArray(e) || e.length !== 2) return fail(`map entry ${i} is not a [key, value] pair (${typeName(ty)})`)
        return new xdr.ScMapEntry({
          key: within(`key ${i}`, () => jsonToScVal(spec, e[0], keyType)),
          val: within(`value ${i}`, () => jsonToScVal(spec, e[1], valueType)),
        })
      }))
    }
    case 'scSpecTypeVal': return fail('a Val argument has no JSON form; pass an xdr.ScVal')
    case 'scSpecTypeResult': return fail(`a ${typeName(ty)} argument has no JSON form; pass an xdr.ScVal`)
    case 'scSpecTypeError': return fail('an Error argument has no JSON form; pass an xdr.ScVal')
  }
}

/** Runs `f`, prefixing where a nested failure happened. */
function within<T>(where: string, f: () => T): T {
  try {
    return f()
  } catch (e) {
    if (e instanceof SpecValueError) throw new SpecValueError(`${where}: ${e.message}`, { cause: e })
    throw e
  }
}

function udtToScVal(spec: ContractSpec, v: unknown, name: string): xdr.ScVal {
  const udt = spec.findType(name) ?? fail(`the spec has no type ${name}`)
  switch (udt.kind) {
    case 'enum': {
      const cases = udt.entry.cases()
      if (typeof v !== 'number' || !cases.some((c) => c.value() === v)) {
        return fail(`expected one of enum ${name}'s values (${cases.map((c) => `${c.name().toString()} = ${c.value()}`).join(', ')}), got ${describeValue(v)}`)
      }
      return xdr.ScVal.scvU32(v)
    }
    case 'error': {
      const cases = udt.entry.cases()
      if (typeof v !== 'number' || !cases.some((c) => c.value() === v)) {
        return fail(`expected one of error enum ${name}'s codes (${cases.map((c) => `${c.name().toString()} = ${c.value()}`).join(', ')}), got ${describeValue(v)}`)
      }
      return xdr.ScVal.scvError(xdr.ScError.sceContract(v))
    }
    case 'struct': {
      const fields = udt.entry.fields()
      const numeric = fields.map((f) => /^\d+$/.test(f.name().toString()))
      if (numeric.some(Boolean)) {
        if (!numeric.every(Boolean)) fail(`struct ${name} mixes numeric and named fields`)
        if (!Array.isArray(v) || v.length !== fields.length) return fail(`expected ${name} as an array of ${fields.length}, got ${describeValue(v)}`)
        return xdr.ScVal.scvVec(fields.map((f, i) => within(`field ${i}`, () => jsonToScVal(spec, v[i], f.type()))))
      }
      if (!isPlainObject(v)) return fail(`expected ${name} as an object with fields ${fields.map((f) => f.name().toString()).join(', ')}, got ${describeValue(v)}`)
      return xdr.ScVal.scvMap(fields.map((f) => {
        const field = f.name().toString()
        if (!Object.hasOwn(v, field) && !optional(f.type())) fail(`${name} is missing field ${field}`)
        return new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol(field), val: within(`field ${field}`, () => jsonToScVal(spec, own(v, field), f.type())) })
      }))
    }
    case 'union': {
      if (!isPlainObject(v) || typeof v.tag !== 'string') return fail(`expected ${name} as { tag, values }, got ${describeValue(v)}`)
      const tag = v.tag
      const cases = udt.entry.cases()
      const found = cases.find((c) => (c.switch().name === 'scSpecUdtUnionCaseVoidV0' ? c.voidCase().name() : c.tupleCase().name()).toString() === tag)
      if (found === undefined) {
        return fail(`${name} has no case ${tag} (cases: ${cases.map((c) => (c.switch().name === 'scSpecUdtUnionCaseVoidV0' ? c.voidCase().name() : c.tupleCase().name()).toString()).join(', ')})`)
      }
      const key = xdr.ScVal.scvSymbol(tag)
      if (found.switch().name === 'scSpecUdtUnionCaseVoidV0') return xdr.ScVal.scvVec([key])
      const types = found.tupleCase().type()
      const values = v.values
      if (!Array.isArray(values) || values.length !== types.length) return fail(`${name}::${tag} takes ${types.length} values, got ${describeValue(values)}`)
      return xdr.ScVal.scvVec([key, ...values.map((e, i) => within(`${tag} value ${i}`, () => jsonToScVal(spec, e, types[i])))])
    }
  }
}

/** Whether a missing value (undefined) is accepted: None for an option, () for void. */
function optional(ty: xdr.ScSpecTypeDef): boolean {
  const k = ty.switch().name
  return k === 'scSpecTypeOption' || k === 'scSpecTypeVoid'
}
