/**
 * Differential test of our contract-spec code (src/spec/) against
 * @stellar/stellar-sdk's `contract.Spec`, which `argsFromJson` and
 * `resultToJson` used before (the SDK is a devDependency for this test only).
 *
 * For every function of every contract — the soroban-sdk builds in
 * ../shared/fixtures/soroban-wasm (skipped with a message when absent), the
 * repository's example and test contracts, and a spec declaring every type —
 * deterministic fast-check arguments of the declared types must:
 * - convert JSON → ScVal to the same XDR bytes as the SDK's `nativeToScVal`;
 * - with random JSON mixed in: whenever we accept, the SDK accepts with the
 *   same bytes (we refuse more — see src/spec/to-scval.ts — never differently);
 * - convert ScVal → JSON (`resultToJson`) as the old SDK-based code did, for
 *   values of the output type and for arbitrary ScVals (its fallback).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Address, scValToNative, StrKey, xdr } from '@stellar/stellar-base'
import { contract } from '@stellar/stellar-sdk'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { argsFromJson, ContractSpec, readContractSpec, resultToJson, toJson } from '../src/index.ts'
import { withCustomSection } from './build.ts'
import * as contracts from './contracts.ts'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const FIXTURES = join(ROOT, '..', 'shared', 'fixtures', 'soroban-wasm')
const SEED = 20_250_613

function wasmFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e)
    return statSync(p).isDirectory() ? wasmFiles(p) : e.endsWith('.wasm') ? [p] : []
  })
}

// ---- a spec that declares every type -------------------------------------------------------------

const T = xdr.ScSpecTypeDef
const opt = (t: xdr.ScSpecTypeDef) => T.scSpecTypeOption(new xdr.ScSpecTypeOption({ valueType: t }))
const vec = (t: xdr.ScSpecTypeDef) => T.scSpecTypeVec(new xdr.ScSpecTypeVec({ elementType: t }))
const map = (k: xdr.ScSpecTypeDef, v: xdr.ScSpecTypeDef) => T.scSpecTypeMap(new xdr.ScSpecTypeMap({ keyType: k, valueType: v }))
const tuple = (...ts: xdr.ScSpecTypeDef[]) => T.scSpecTypeTuple(new xdr.ScSpecTypeTuple({ valueTypes: ts }))
const bytesN = (n: number) => T.scSpecTypeBytesN(new xdr.ScSpecTypeBytesN({ n }))
const result = (ok: xdr.ScSpecTypeDef, err: xdr.ScSpecTypeDef) => T.scSpecTypeResult(new xdr.ScSpecTypeResult({ okType: ok, errorType: err }))
const udt = (name: string) => T.scSpecTypeUdt(new xdr.ScSpecTypeUdt({ name }))

const field = (name: string, type: xdr.ScSpecTypeDef) => new xdr.ScSpecUdtStructFieldV0({ doc: '', name, type })
const struct = (name: string, fields: xdr.ScSpecUdtStructFieldV0[]) => xdr.ScSpecEntry.scSpecEntryUdtStructV0(new xdr.ScSpecUdtStructV0({ doc: '', lib: '', name, fields }))
const fn = (name: string, inputs: [string, xdr.ScSpecTypeDef][], outputs: xdr.ScSpecTypeDef[]) => xdr.ScSpecEntry.scSpecEntryFunctionV0(new xdr.ScSpecFunctionV0({
  doc: '', name, inputs: inputs.map(([n, type]) => new xdr.ScSpecFunctionInputV0({ doc: '', name: n, type })), outputs,
}))

const EVERY_TYPE: [string, xdr.ScSpecTypeDef][] = [
  ['bool', T.scSpecTypeBool()], ['void', T.scSpecTypeVoid()], ['u32', T.scSpecTypeU32()], ['i32', T.scSpecTypeI32()],
  ['u64', T.scSpecTypeU64()], ['i64', T.scSpecTypeI64()], ['u128', T.scSpecTypeU128()], ['i128', T.scSpecTypeI128()],
  ['u256', T.scSpecTypeU256()], ['i256', T.scSpecTypeI256()], ['timepoint', T.scSpecTypeTimepoint()], ['duration', T.scSpecTypeDuration()],
  ['bytes', T.scSpecTypeBytes()], ['bytes32', bytesN(32)], ['bytes3', bytesN(3)], ['string', T.scSpecTypeString()], ['symbol', T.scSpecTypeSymbol()],
  ['address', T.scSpecTypeAddress()], ['muxed', T.scSpecTypeMuxedAddress()], ['val', T.scSpecTypeVal()], ['error', T.scSpecTypeError()],
  ['opt_u32', opt(T.scSpecTypeU32())], ['opt_opt_addr', opt(opt(T.scSpecTypeAddress()))], ['res', result(T.scSpecTypeU32(), T.scSpecTypeError())],
  ['res_udt', result(udt('Point'), udt('Fail'))], ['vec_u32', vec(T.scSpecTypeU32())], ['vec_vec_sym', vec(vec(T.scSpecTypeSymbol()))],
  ['map_sym_i128', map(T.scSpecTypeSymbol(), T.scSpecTypeI128())], ['map_addr_vec', map(T.scSpecTypeAddress(), vec(T.scSpecTypeBool()))],
  ['tuple', tuple(T.scSpecTypeU32(), T.scSpecTypeString(), bytesN(2))], ['unit_tuple', tuple()],
  ['point', udt('Point')], ['pair', udt('Pair')], ['tree', udt('Tree')], ['shape', udt('Shape')], ['color', udt('Color')], ['fail', udt('Fail')],
  ['vec_shape', vec(udt('Shape'))], ['opt_point', opt(udt('Point'))], ['map_color_tree', map(udt('Color'), udt('Tree'))],
]

const everyTypeSpec: xdr.ScSpecEntry[] = [
  struct('Point', [field('x', T.scSpecTypeI32()), field('y', T.scSpecTypeI32()), field('z', opt(T.scSpecTypeU64()))]),
  struct('Pair', [field('0', T.scSpecTypeSymbol()), field('1', udt('Point'))]),
  struct('Tree', [field('children', vec(udt('Tree'))), field('label', T.scSpecTypeString()), field('weight', T.scSpecTypeU128())]),
  xdr.ScSpecEntry.scSpecEntryUdtUnionV0(new xdr.ScSpecUdtUnionV0({
    doc: '', lib: '', name: 'Shape', cases: [
      xdr.ScSpecUdtUnionCaseV0.scSpecUdtUnionCaseVoidV0(new xdr.ScSpecUdtUnionCaseVoidV0({ doc: '', name: 'Empty' })),
      xdr.ScSpecUdtUnionCaseV0.scSpecUdtUnionCaseTupleV0(new xdr.ScSpecUdtUnionCaseTupleV0({ doc: '', name: 'Circle', type: [udt('Point'), T.scSpecTypeU32()] })),
      xdr.ScSpecUdtUnionCaseV0.scSpecUdtUnionCaseTupleV0(new xdr.ScSpecUdtUnionCaseTupleV0({ doc: '', name: 'Poly', type: [vec(udt('Point'))] })),
    ],
  })),
  xdr.ScSpecEntry.scSpecEntryUdtEnumV0(new xdr.ScSpecUdtEnumV0({
    doc: '', lib: '', name: 'Color', cases: ([['Red', 0], ['Green', 1], ['Blue', 7]] as const).map(([name, value]) => new xdr.ScSpecUdtEnumCaseV0({ doc: '', name, value })),
  })),
  xdr.ScSpecEntry.scSpecEntryUdtErrorEnumV0(new xdr.ScSpecUdtErrorEnumV0({
    doc: '', lib: '', name: 'Fail', cases: ([['Bad', 1], ['Worse', 12_345]] as const).map(([name, value]) => new xdr.ScSpecUdtErrorEnumCaseV0({ doc: '', name, value })),
  })),
  ...EVERY_TYPE.map(([name, type]) => fn(`t_${name}`, [['a', type]], [type])),
  fn('many', [['a', T.scSpecTypeU32()], ['b', opt(T.scSpecTypeSymbol())], ['c', udt('Point')], ['d', udt('Shape')]], []),
]
const everyTypeWasm = withCustomSection(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 'contractspecv0', Uint8Array.from(Buffer.concat(everyTypeSpec.map((e) => e.toXDR()))))

// ---- values of a declared type --------------------------------------------------------------------

const intRange = (bits: number, signed: boolean) => signed
  ? { min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n }
  : { min: 0n, max: (1n << BigInt(bits)) - 1n }

/** JSON forms the SDK reads as an integer: a safe number, a decimal string, now and then hex. */
function bigInteger(bits: number, signed: boolean): fc.Arbitrary<unknown> {
  const { min, max } = intRange(bits, signed)
  const edge = fc.constantFrom(min, max, 0n, 1n, min + 1n, max - 1n)
  return fc.oneof(fc.bigInt({ min, max }), edge).chain((n) => {
    const forms: fc.Arbitrary<unknown>[] = [fc.constant(n.toString())]
    if (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) forms.push(fc.constant(Number(n)))
    if (n >= 0n) forms.push(fc.constant(`0x${n.toString(16)}`))
    return fc.oneof(...forms)
  })
}

const key = (size: number) => fc.uint8Array({ minLength: size, maxLength: size }).map((b) => Buffer.from(b))
const strkey = fc.oneof(
  key(32).map((k) => StrKey.encodeEd25519PublicKey(k)),
  key(32).map((k) => StrKey.encodeContract(k)),
  key(40).map((k) => StrKey.encodeMed25519PublicKey(k)),
)
const base64 = (bytes: fc.Arbitrary<Uint8Array>) => fc.tuple(bytes, fc.boolean()).map(([b, url]) => url ? Buffer.from(b).toString('base64url') : Buffer.from(b).toString('base64'))
const symbol = fc.stringMatching(/^[a-zA-Z0-9_]{0,32}$/)
const anyScVal: fc.Arbitrary<xdr.ScVal> = fc.letrec<{ v: xdr.ScVal }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(xdr.ScVal.scvVoid()),
    fc.boolean().map((b) => xdr.ScVal.scvBool(b)),
    fc.nat({ max: 0xffff_ffff }).map((n) => xdr.ScVal.scvU32(n)),
    fc.integer().map((n) => xdr.ScVal.scvI32(n)),
    fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => xdr.ScVal.scvU64(new xdr.Uint64(n))),
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((n) => xdr.ScVal.scvI64(new xdr.Int64(n))),
    fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => xdr.ScVal.scvTimepoint(new xdr.Uint64(n))),
    fc.bigInt({ min: -(1n << 127n), max: (1n << 127n) - 1n }).map((n) => xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: new xdr.Int64(n >> 64n), lo: new xdr.Uint64(BigInt.asUintN(64, n)) }))),
    symbol.map((s) => xdr.ScVal.scvSymbol(s)),
    fc.string().map((s) => xdr.ScVal.scvString(s)),
    fc.uint8Array({ maxLength: 8 }).map((b) => xdr.ScVal.scvBytes(Buffer.from(b))),
    strkey.map((s) => Address.fromString(s).toScVal()),
    fc.nat({ max: 20 }).map((n) => xdr.ScVal.scvError(xdr.ScError.sceContract(n))),
    fc.array(tie('v'), { maxLength: 3 }).map((vs) => xdr.ScVal.scvVec(vs)),
    fc.array(fc.tuple(tie('v'), tie('v')), { maxLength: 2 }).map((es) => xdr.ScVal.scvMap(es.map(([k, v]) => new xdr.ScMapEntry({ key: k, val: v })))),
  ),
})).v

/** Whether an error enum (`#[contracterror]`) occurs in the type: we encode it as Soroban does, the SDK refuses. */
function hasErrorEnum(spec: ContractSpec, ty: xdr.ScSpecTypeDef, seen = new Set<string>()): boolean {
  switch (ty.switch().name) {
    case 'scSpecTypeOption': return hasErrorEnum(spec, ty.option().valueType(), seen)
    case 'scSpecTypeVec': return hasErrorEnum(spec, ty.vec().elementType(), seen)
    case 'scSpecTypeMap': return hasErrorEnum(spec, ty.map().keyType(), seen) || hasErrorEnum(spec, ty.map().valueType(), seen)
    case 'scSpecTypeTuple': return ty.tuple().valueTypes().some((t) => hasErrorEnum(spec, t, seen))
    case 'scSpecTypeUdt': {
      const name = ty.udt().name().toString()
      if (seen.has(name)) return false
      seen.add(name)
      const u = spec.findType(name)
      if (u === undefined) return false
      if (u.kind === 'error') return true
      if (u.kind === 'struct') return u.entry.fields().some((f) => hasErrorEnum(spec, f.type(), seen))
      if (u.kind === 'union') return u.entry.cases().some((c) => c.switch().name === 'scSpecUdtUnionCaseTupleV0' && c.tupleCase().type().some((t) => hasErrorEnum(spec, t, seen)))
      return false
    }
    default: return false
  }
}

/**
 * Arguments of type `ty` in the JSON forms the SDK documents (ScVals for
 * Val, Error and Result, which have none). With `noise`, any node may
 * instead be random JSON.
 */
function valueOf(spec: ContractSpec, ty: xdr.ScSpecTypeDef, noise: boolean, depth = 0): fc.Arbitrary<unknown> {
  const exact = exactValueOf(spec, ty, noise, depth)
  return noise ? fc.oneof({ arbitrary: exact, weight: 6 }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 }) : exact
}

function exactValueOf(spec: ContractSpec, ty: xdr.ScSpecTypeDef, noise: boolean, depth: number): fc.Arbitrary<unknown> {
  const deep = depth >= 3
  const inner = (t: xdr.ScSpecTypeDef) => valueOf(spec, t, noise, depth + 1)
  switch (ty.switch().name) {
    case 'scSpecTypeBool': return fc.boolean()
    case 'scSpecTypeVoid': return fc.constant(null)
    case 'scSpecTypeU32': return fc.oneof(fc.nat({ max: 0xffff_ffff }), fc.constantFrom(0, 0xffff_ffff))
    case 'scSpecTypeI32': return fc.oneof(fc.integer(), fc.constantFrom(-(2 ** 31), 2 ** 31 - 1))
    case 'scSpecTypeU64': case 'scSpecTypeTimepoint': case 'scSpecTypeDuration': return bigInteger(64, false)
    case 'scSpecTypeI64': return bigInteger(64, true)
    case 'scSpecTypeU128': return bigInteger(128, false)
    case 'scSpecTypeI128': return bigInteger(128, true)
    case 'scSpecTypeU256': return bigInteger(256, false)
    case 'scSpecTypeI256': return bigInteger(256, true)
    case 'scSpecTypeBytes': return base64(fc.uint8Array({ maxLength: 40 }))
    case 'scSpecTypeBytesN': return base64(fc.uint8Array({ minLength: ty.bytesN().n(), maxLength: ty.bytesN().n() }))
    case 'scSpecTypeString': return fc.string({ maxLength: 20, unit: fc.constantFrom('a', 'Z', ' ', 'é', '€', '😀', '"', '\\', '\u0000') })
    case 'scSpecTypeSymbol': return symbol
    case 'scSpecTypeAddress': case 'scSpecTypeMuxedAddress': return strkey
    case 'scSpecTypeVal': case 'scSpecTypeError': case 'scSpecTypeResult': return anyScVal
    case 'scSpecTypeOption': return fc.oneof(fc.constant(null), inner(ty.option().valueType()))
    case 'scSpecTypeVec': return deep ? fc.constant([]) : fc.array(inner(ty.vec().elementType()), { maxLength: 3 })
    case 'scSpecTypeMap': return deep ? fc.constant([]) : fc.array(fc.tuple(inner(ty.map().keyType()), inner(ty.map().valueType())), { maxLength: 3 })
    case 'scSpecTypeTuple': return fc.tuple(...ty.tuple().valueTypes().map(inner))
    case 'scSpecTypeUdt': {
      const name = ty.udt().name().toString()
      const u = spec.findType(name)
      if (u === undefined) return fc.constant(null)
      switch (u.kind) {
        case 'enum': return fc.constantFrom(...u.entry.cases().map((c) => c.value()))
        case 'error': return fc.constantFrom(...u.entry.cases().map((c) => c.value()))
        case 'struct': {
          const fields = u.entry.fields()
          if (fields.some((f) => /^\d+$/.test(f.name().toString()))) return fc.tuple(...fields.map((f) => inner(f.type())))
          const record = fc.record(Object.fromEntries(fields.map((f) => [f.name().toString(), inner(f.type())])), {
            // Option fields may be left out (None); other fields must be there.
            requiredKeys: fields.filter((f) => f.type().switch().name !== 'scSpecTypeOption').map((f) => f.name().toString()),
          })
          // Extra fields are ignored by both.
          return fc.tuple(record, fc.option(fc.integer(), { nil: undefined })).map(([r, extra]) => extra === undefined ? r : { ...r, extra_field_: extra })
        }
        case 'union': {
          const cases = u.entry.cases()
          const usable = deep && cases.some((c) => c.switch().name === 'scSpecUdtUnionCaseVoidV0') ? cases.filter((c) => c.switch().name === 'scSpecUdtUnionCaseVoidV0') : cases
          return fc.oneof(...usable.map((c) => c.switch().name === 'scSpecUdtUnionCaseVoidV0'
            ? fc.constant({ tag: c.voidCase().name().toString() })
            : fc.tuple(...c.tupleCase().type().map(inner)).map((values) => ({ tag: c.tupleCase().name().toString(), values }))))
        }
      }
    }
  }
}

// ---- the SDK as the code used it before ----------------------------------------------------------

/** JSON → ScVal through the SDK (`contract.Spec#nativeToScVal`), or undefined when it refuses or builds unencodable XDR. */
function sdkToXdr(sdk: contract.Spec, value: unknown, type: xdr.ScSpecTypeDef): string | undefined {
  try {
    return sdk.nativeToScVal(value, type).toXDR('base64')
  } catch {
    return undefined
  }
}

/** What resultToJson returned with the SDK. */
function sdkResultToJson(sdk: contract.Spec, name: string, value: xdr.ScVal): unknown {
  try {
    return toJson(sdk.funcResToNative(name, value))
  } catch {
    return toJson(scValToNative(value))
  }
}

function oursToXdr(spec: ContractSpec, name: string, args: unknown[]): string[] | undefined {
  try {
    return argsFromJson(spec, name, args).map((v) => v.toXDR('base64'))
  } catch {
    return undefined
  }
}

const RUNS = { exact: 40, noisy: 40, results: 30 }

type Counts = { functions: number, accepted: number, exactTotal: number, noisyAccepted: number, noisyTotal: number }

function checkContract(wasm: Uint8Array): Counts {
  const spec = readContractSpec(wasm)
  let sdk: contract.Spec | undefined
  try { sdk = contract.Spec.fromWasm(Buffer.from(wasm)) } catch { sdk = undefined }
  expect(spec === undefined, 'we read a spec exactly when the SDK does').toBe(sdk === undefined)
  if (spec === undefined || sdk === undefined) return { functions: 0, accepted: 0, exactTotal: 0, noisyAccepted: 0, noisyTotal: 0 }
  expect(spec.entries.map((e) => e.toXDR('base64'))).toEqual(sdk.entries.map((e) => e.toXDR('base64')))
  expect(spec.funcs().map((f) => f.name().toString())).toEqual(sdk.funcs().map((f) => f.name().toString()))
  const counts = { functions: 0, accepted: 0, exactTotal: 0, noisyAccepted: 0, noisyTotal: 0 }
  for (const f of spec.funcs()) {
    counts.functions++
    const name = f.name().toString()
    const inputs = f.inputs()
    const types = inputs.map((i) => i.type())
    const errorEnum = types.map((t) => hasErrorEnum(spec, t))
    const seed = SEED + counts.functions

    // Well-formed arguments: we accept exactly when the SDK does (it refuses types the spec does not
    // define), with the same bytes; error enums go in as Soroban passes them, which the SDK cannot.
    fc.assert(fc.property(fc.tuple(...types.map((t) => valueOf(spec, t, false))), (args) => {
      counts.exactTotal++
      const ours = oursToXdr(spec, name, args)
      const theirs = types.map((t, i) => errorEnum[i] ? null : sdkToXdr(sdk, args[i], t))
      const call = `${name}(${JSON.stringify(toJson(args))})`
      if (theirs.includes(undefined)) {
        expect(ours, `${call}: the SDK refuses, we accept`).toBeUndefined()
        return
      }
      expect(ours, `${call}: we refuse, the SDK accepts`).toBeDefined()
      theirs.forEach((x, i) => { if (x !== null) expect(ours![i], `${call} argument ${i}`).toBe(x) })
      counts.accepted++
    }), { seed, numRuns: RUNS.exact })

    // Random JSON mixed in: whatever we accept, the SDK encodes identically.
    if (types.length > 0) {
      fc.assert(fc.property(fc.tuple(...types.map((t) => valueOf(spec, t, true))), (args) => {
        counts.noisyTotal++
        const ours = oursToXdr(spec, name, args)
        if (ours === undefined) return
        counts.noisyAccepted++
        types.forEach((t, i) => {
          if (!errorEnum[i]) expect(ours[i], `${name}(${JSON.stringify(toJson(args))}) argument ${i}`).toBe(sdkToXdr(sdk, args[i], t))
        })
      }), { seed: seed + 1, numRuns: RUNS.noisy })
    }

    // Results: values of the output type (built by our converter), and any ScVal at all.
    const output = f.outputs()[0]
    const typed = output === undefined ? fc.constant(xdr.ScVal.scvVoid()) : valueOf(spec, output, false).map((v) => {
      try {
        return argsFromJson(new ContractSpec([...spec.entries, fnEntry('__out', output)]), '__out', [v])[0]
      } catch {
        return xdr.ScVal.scvVoid()
      }
    })
    fc.assert(fc.property(fc.oneof(typed, anyScVal), (value) => {
      expect(resultToJson(spec, name, value), `${name} → ${value.toXDR('base64')}`).toEqual(sdkResultToJson(sdk, name, value))
    }), { seed: seed + 2, numRuns: RUNS.results })
  }
  return counts
}

const fnEntry = (name: string, type: xdr.ScSpecTypeDef) => fn(name, [['v', type]], [])

describe('contract specs against @stellar/stellar-sdk contract.Spec', () => {
  it('a spec declaring every type', () => {
    const counts = checkContract(everyTypeWasm)
    expect(counts.functions).toBe(EVERY_TYPE.length + 1)
    // Every type is defined here, so every well-formed argument list converts.
    expect(counts.accepted).toBe(counts.exactTotal)
    // The random arguments are not all refused (the comparison is not vacuous).
    expect(counts.noisyAccepted).toBeGreaterThan(counts.noisyTotal / 3)
  })

  it('the repository\'s example and test contracts', () => {
    const own: [string, Uint8Array][] = [['examples/soroban/hello.wasm', readFileSync(join(ROOT, 'examples', 'soroban', 'hello.wasm'))]]
    for (const [name, build] of Object.entries(contracts)) {
      if (typeof build === 'function' && build.length === 0) own.push([`test/contracts.ts ${name}`, (build as () => Uint8Array)()])
    }
    let functions = 0
    for (const [, wasm] of own) functions += checkContract(wasm).functions
    expect(functions).toBeGreaterThan(5)
  })

  it.skipIf(!existsSync(FIXTURES))(`the soroban-sdk builds in ${relative(ROOT, FIXTURES)}${existsSync(FIXTURES) ? '' : ' (absent: skipped)'}`, () => {
    const files = wasmFiles(FIXTURES)
    expect(files.length).toBeGreaterThan(0)
    let functions = 0
    for (const file of files) {
      try {
        functions += checkContract(readFileSync(file)).functions
      } catch (e) {
        throw new Error(`${relative(FIXTURES, file)}: ${(e as Error).message}`, { cause: e })
      }
    }
    expect(functions).toBeGreaterThan(files.length)
  }, 60_000)

  it('error enums go in as Soroban passes them, Error(Contract, #n); a wrong code is refused', () => {
    const spec = readContractSpec(everyTypeWasm)!
    expect(argsFromJson(spec, 't_fail', [12_345])[0].toXDR('base64')).toBe(xdr.ScVal.scvError(xdr.ScError.sceContract(12_345)).toXDR('base64'))
    expect(() => argsFromJson(spec, 't_fail', [2])).toThrow(/argument a of t_fail: expected one of error enum Fail's codes \(Bad = 1, Worse = 12345\), got number 2/)
  })

  it('refused although the SDK builds something: bytesN of the wrong length, non-base64 bytes, a blank integer, map entries that are not pairs', () => {
    const spec = readContractSpec(everyTypeWasm)!
    const sdk = contract.Spec.fromWasm(Buffer.from(everyTypeWasm))
    const cases: [string, unknown][] = [['t_bytes3', 'AAAAAA=='], ['t_bytes', 'not base64!'], ['t_u64', ''], ['t_map_sym_i128', [['a', 1, 2]]], ['t_pair', ['a', { x: 1, y: 2 }, 'extra']]]
    for (const [name, value] of cases) {
      expect(sdkToXdr(sdk, value, spec.getFunc(name).inputs()[0].type()), `the SDK encodes ${name}(${JSON.stringify(value)})`).toBeDefined()
      expect(() => argsFromJson(spec, name, [value]), `${name}(${JSON.stringify(value)})`).toThrow(/argument a of/)
    }
  })
})
