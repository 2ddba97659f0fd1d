/**
 * An `xdr.ScVal` to a native value through a declared `ScSpecTypeDef`,
 * exactly as @stellar/stellar-sdk's `contract.Spec#scValToNative` and
 * `#funcResToNative` do (so `zvm soroban invoke` prints what it printed
 * with the SDK; test/spec-oracle.test.ts compares the two):
 *
 * - void → null; every integer of 64 bits or more → bigint; u32, i32, bool
 *   → themselves; bytes → bytes; string and symbol (declared as either) →
 *   string; address → strkey; vec, tuple → array; map → `[key, value]`
 *   pairs; option → null or the value;
 * - struct → object by field name (fields taken by position, as the SDK
 *   does), tuple struct → array; union → `{ tag, values? }`; enum → number;
 * - a function's `Result<T, E>` output → `{ value }`, or
 *   `{ error: { message } }` (the ScError as base64 XDR) for an error value.
 *
 * Anything else throws; `resultToJson` then falls back to stellar-base's
 * untyped `scValToNative`, as it did with the SDK.
 */
import { Address, scValToBigInt, xdr } from '@stellar/stellar-base'
import type { ContractSpec } from './contract-spec.ts'
import { SpecValueError, typeName } from './to-scval.ts'

const fail = (message: string): never => { throw new SpecValueError(message) }

/** `scv` as a native value of type `ty`; throws when they do not fit. */
export function scValToNative(spec: ContractSpec, scv: xdr.ScVal, ty: xdr.ScSpecTypeDef): unknown {
  const t = ty.switch().name
  if (t === 'scSpecTypeOption') return scv.switch().name === 'scvVoid' ? null : scValToNative(spec, scv, ty.option().valueType())
  if (t === 'scSpecTypeUdt') return udtToNative(spec, scv, ty.udt().name().toString())
  switch (scv.switch().name) {
    case 'scvVoid': return null
    case 'scvU64': case 'scvI64': case 'scvTimepoint': case 'scvDuration':
    case 'scvU128': case 'scvI128': case 'scvU256': case 'scvI256':
      return scValToBigInt(scv)
    case 'scvVec': {
      const vec = scv.vec() ?? []
      if (t === 'scSpecTypeVec') {
        const element = ty.vec().elementType()
        return vec.map((e) => scValToNative(spec, e, element))
      }
      if (t === 'scSpecTypeTuple') {
        const types = ty.tuple().valueTypes()
        return vec.map((e, i) => scValToNative(spec, e, types[i] ?? fail(`a tuple ${typeName(ty)} has no element ${i}`)))
      }
      return fail(`a vec is not ${typeName(ty)}`)
    }
    case 'scvAddress': return Address.fromScVal(scv).toString()
    case 'scvMap': {
      if (t !== 'scSpecTypeMap') return fail(`a map is not ${typeName(ty)}`)
      const { keyType, valueType } = { keyType: ty.map().keyType(), valueType: ty.map().valueType() }
      return (scv.map() ?? []).map((e) => [scValToNative(spec, e.key(), keyType), scValToNative(spec, e.val(), valueType)])
    }
    case 'scvBool': return scv.b()
    case 'scvU32': return scv.u32()
    case 'scvI32': return scv.i32()
    case 'scvBytes': return scv.bytes()
    case 'scvString': case 'scvSymbol': {
      if (t !== 'scSpecTypeString' && t !== 'scSpecTypeSymbol') return fail(`a ${scv.switch().name === 'scvString' ? 'string' : 'symbol'} is not ${typeName(ty)}`)
      const raw: unknown = scv.switch().name === 'scvString' ? scv.str() : scv.sym()
      // The SDK's `value()?.toString()`: a Buffer as UTF-8, a string as itself.
      return raw === null || raw === undefined ? undefined : String(raw)
    }
    default: return fail(`a ${scv.switch().name} value has no typed conversion to ${typeName(ty)}`)
  }
}

const isVoidArm = (scv: xdr.ScVal): boolean => scv.switch().name === 'scvVoid' || scv.switch().name === 'scvLedgerKeyContractInstance'

function udtToNative(spec: ContractSpec, scv: xdr.ScVal, name: string): unknown {
  const udt = spec.findType(name) ?? fail(`the spec has no type ${name}`)
  switch (udt.kind) {
    case 'enum':
      if (scv.switch().name !== 'scvU32') fail(`enum ${name} must be a u32`)
      return scv.u32()
    case 'struct': {
      const fields = udt.entry.fields()
      const fieldAt = (i: number): xdr.ScSpecUdtStructFieldV0 => fields[i] ?? fail(`${name} has ${fields.length} fields, the value has more`)
      // The SDK reads the vec or map arm unchecked: on a void-armed ScVal that is undefined, so a
      // tuple struct comes out undefined and a struct {}; any other arm throws.
      if (fields.some((f) => /^\d+$/.test(f.name().toString()))) {
        if (isVoidArm(scv)) return undefined
        if (scv.switch().name !== 'scvVec') fail(`tuple struct ${name} must be a vec`)
        return scv.vec()?.map((e, i) => scValToNative(spec, e, fieldAt(i).type()))
      }
      if (isVoidArm(scv)) return {}
      if (scv.switch().name !== 'scvMap') fail(`struct ${name} must be a map`)
      const out: Record<string, unknown> = {}
      for (const [i, e] of (scv.map() ?? []).entries()) {
        const field = fieldAt(i)
        out[field.name().toString()] = scValToNative(spec, e.val(), field.type())
      }
      return out
    }
    case 'union': {
      if (scv.switch().name !== 'scvVec') fail(`union ${name} must be a vec`)
      const vec = scv.vec() ?? fail(`union ${name} must be a vec`)
      const head = vec[0] ?? fail(`union ${name} is an empty vec`)
      if (head.switch().name !== 'scvSymbol') fail(`union ${name} must start with a symbol`)
      const tag = head.sym().toString()
      const found = udt.entry.cases().find((c) => (c.switch().name === 'scSpecUdtUnionCaseVoidV0' ? c.voidCase().name() : c.tupleCase().name()).toString() === tag)
      if (found === undefined) return fail(`union ${name} has no case ${tag}`)
      if (found.switch().name === 'scSpecUdtUnionCaseVoidV0') return { tag }
      const values = found.tupleCase().type().map((type, i) => scValToNative(spec, vec[i + 1] ?? fail(`${name}::${tag} has too few values`), type))
      return { tag, values }
    }
    case 'error': return fail(`error enum ${name} has no typed conversion`)
  }
}

/** A function's result as a native value through its declared output. */
export function funcResToNative(spec: ContractSpec, fn: string, scv: xdr.ScVal): unknown {
  const outputs = spec.getFunc(fn).outputs()
  if (outputs.length === 0) {
    if (scv.switch().name !== 'scvVoid') fail(`${fn} returns nothing, got ${scv.switch().name}`)
    return null
  }
  if (outputs.length > 1) fail(`${fn} declares ${outputs.length} outputs`)
  const output = outputs[0]
  if (output.switch().name === 'scSpecTypeResult') {
    if (scv.switch().name === 'scvError') return { error: { message: scv.error().toXDR('base64') } }
    return { value: scValToNative(spec, scv, output.result().okType()) }
  }
  return scValToNative(spec, scv, output)
}
