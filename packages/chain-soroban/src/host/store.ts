/**
 * The object table of one invocation plus conversions between absolute Vals
 * (handles index this table) and ScVal XDR, and the host's total order.
 */
import { Address, StrKey, xdr } from '@stellar/stellar-base'
import type { Budget } from '../budget.ts'
import { chargeClone, SIZE } from '../cost/host-fns.ts'
import { CostType } from '../cost/types.ts'
import { ErrorCode, ErrorType, HostError } from '../errors.ts'
import { executableTagKey, executableTagOf } from '../ledger.ts'
import {
  boolVal, bodyOf, decodeSymbolSmall, errorVal, fitsI56, fitsU56, fromBody, i32Val, isObjectTag, majorOf, minorOf,
  objectVal, signedBody, symbolSmall, SYMBOL_SMALL_MAX, Tag, tagOf, u32Val, VOID,
} from '../val.ts'
import { intScVal } from '../int-scval.ts'
import { badHandle, KIND_OF_TAG, OBJECT_TAGS, type HostObject, type IntKind, type ObjectKind, type Of } from './objects.ts'

const SMALL_INT_TAG: Record<IntKind, number> = {
  u64: Tag.U64Small, i64: Tag.I64Small, timepoint: Tag.TimepointSmall, duration: Tag.DurationSmall,
  u128: Tag.U128Small, i128: Tag.I128Small, u256: Tag.U256Small, i256: Tag.I256Small,
}
const INT_OF_SMALL_TAG: Record<number, IntKind> = Object.fromEntries(Object.entries(SMALL_INT_TAG).map(([k, t]) => [t, k as IntKind]))
const SIGNED = new Set<IntKind>(['i64', 'i128', 'i256'])
const INT_BITS: Record<IntKind, number> = { u64: 64, i64: 64, timepoint: 64, duration: 64, u128: 128, i128: 128, u256: 256, i256: 256 }

export const valueError = (message: string): HostError => new HostError(ErrorType.Value, ErrorCode.InvalidInput, message)
export const typeError = (message: string): HostError => new HostError(ErrorType.Value, ErrorCode.UnexpectedType, message)

/** Whether `value` is representable as the integer kind. */
export function inRange(kind: IntKind, value: bigint): boolean {
  const bits = INT_BITS[kind]
  return SIGNED.has(kind) ? value >= -(1n << BigInt(bits - 1)) && value < 1n << BigInt(bits - 1) : value >= 0n && value < 1n << BigInt(bits)
}

// ScVal type order: the host orders values of different types by it.
const TYPE_RANK: Record<number, number> = {
  [Tag.False]: 0, [Tag.True]: 0, [Tag.Void]: 1, [Tag.Error]: 2, [Tag.U32]: 3, [Tag.I32]: 4,
  [Tag.U64Small]: 5, [Tag.U64Object]: 5, [Tag.I64Small]: 6, [Tag.I64Object]: 6,
  [Tag.TimepointSmall]: 7, [Tag.TimepointObject]: 7, [Tag.DurationSmall]: 8, [Tag.DurationObject]: 8,
  [Tag.U128Small]: 9, [Tag.U128Object]: 9, [Tag.I128Small]: 10, [Tag.I128Object]: 10,
  [Tag.U256Small]: 11, [Tag.U256Object]: 11, [Tag.I256Small]: 12, [Tag.I256Object]: 12,
  [Tag.BytesObject]: 13, [Tag.StringObject]: 14, [Tag.SymbolSmall]: 15, [Tag.SymbolObject]: 15,
  [Tag.VecObject]: 16, [Tag.MapObject]: 17, [Tag.AddressObject]: 18, [Tag.MuxedAddressObject]: 18,
  [Tag.ExecutableTagObject]: 22, // SCV_EXECUTABLE_TAG
}

/** Lexicographic byte order (shorter first on a common prefix): -1, 0 or 1. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}
const sign = (x: bigint): number => (x < 0n ? -1 : x > 0n ? 1 : 0)

function addressBytes(strkey: string): { type: number, raw: Uint8Array } {
  if (strkey.startsWith('M')) return { type: 2, raw: StrKey.decodeMed25519PublicKey(strkey) }
  return strkey.startsWith('C') ? { type: 1, raw: StrKey.decodeContract(strkey) } : { type: 0, raw: StrKey.decodeEd25519PublicKey(strkey) }
}

/** Values nested more than this many levels deep fail conversion (the host's XDR depth limit). */
export const MAX_DEPTH = 100

export class ObjectStore {
  readonly objects: HostObject[] = []
  readonly budget: Budget
  constructor(budget: Budget) { this.budget = budget }

  /** Stores a new object and returns its absolute Val. */
  alloc(o: HostObject): bigint {
    // The slot in the host's object table (its contents are charged where they are built).
    this.budget.cost(CostType.MemAlloc, SIZE.HostObject)
    this.objects.push(o)
    return objectVal(OBJECT_TAGS[o.kind], this.objects.length - 1)
  }

  /** The object behind an absolute Val, checked against its tag. */
  get(val: bigint): HostObject {
    this.budget.cost(CostType.VisitObject)
    const handle = majorOf(val)
    const o = this.objects[handle]
    if (o === undefined || OBJECT_TAGS[o.kind] !== tagOf(val)) throw badHandle(handle)
    return o
  }

  expect<K extends ObjectKind>(val: bigint, kind: K): Of<K> {
    const tag = tagOf(val)
    if (tag !== OBJECT_TAGS[kind]) throw typeError(`expected a ${kind} object, got tag ${tag}`)
    return this.get(val) as Of<K>
  }

  // ---- integers ----

  /** An integer Val of the kind: inline when it fits 56 bits, else an object. */
  intVal(kind: IntKind, value: bigint): bigint {
    if (!inRange(kind, value)) throw new HostError(ErrorType.Value, ErrorCode.ArithDomain, `${value} is out of range for ${kind}`)
    const small = SIGNED.has(kind) ? fitsI56(value) : fitsU56(value)
    return small ? fromBody(SMALL_INT_TAG[kind], value) : this.alloc({ kind, value })
  }

  /** The integer of an integer Val of the kind (small or object). */
  intOf(kind: IntKind, val: bigint): bigint {
    const tag = tagOf(val)
    if (tag === SMALL_INT_TAG[kind]) return SIGNED.has(kind) ? signedBody(val) : bodyOf(val)
    return this.expect(val, kind).value
  }

  symbolOf(val: bigint): string {
    const tag = tagOf(val)
    if (tag === Tag.SymbolSmall) {
      const s = decodeSymbolSmall(val)
      if (s === undefined) throw valueError('malformed small symbol')
      return s
    }
    return this.expect(val, 'symbol').value
  }

  symbolVal(s: string): bigint {
    return s.length <= SYMBOL_SMALL_MAX ? symbolSmall(s) : this.alloc({ kind: 'symbol', value: s })
  }

  // ---- ScVal conversion ----

  toScVal(val: bigint, depth = 0): xdr.ScVal {
    if (depth >= MAX_DEPTH) throw new HostError(ErrorType.Context, ErrorCode.ExceededLimit, `value nested more than ${MAX_DEPTH} levels deep`)
    if (depth === 0) this.chargeNodes(val)
    const tag = tagOf(val)
    switch (tag) {
      case Tag.False: return xdr.ScVal.scvBool(false)
      case Tag.True: return xdr.ScVal.scvBool(true)
      case Tag.Void: return xdr.ScVal.scvVoid()
      case Tag.Error: return xdr.ScVal.scvError(scError(minorOf(val), majorOf(val)))
      case Tag.U32: return xdr.ScVal.scvU32(majorOf(val))
      case Tag.I32: return xdr.ScVal.scvI32(majorOf(val) | 0)
      case Tag.SymbolSmall: case Tag.SymbolObject: return xdr.ScVal.scvSymbol(this.symbolOf(val))
    }
    const intKind = INT_OF_SMALL_TAG[tag] ?? (isObjectTag(tag) ? KIND_OF_TAG[tag] : undefined)
    if (intKind !== undefined && intKind in SMALL_INT_TAG) return intScVal(intKind as IntKind, this.intOf(intKind as IntKind, val))
    const o = this.get(val)
    switch (o.kind) {
      case 'bytes': return xdr.ScVal.scvBytes(Buffer.from(o.value))
      case 'string': return xdr.ScVal.scvString(Buffer.from(o.value))
      case 'vec': return xdr.ScVal.scvVec(o.value.map((v) => this.toScVal(v, depth + 1)))
      case 'map': return xdr.ScVal.scvMap(o.keys.map((k, i) => new xdr.ScMapEntry({ key: this.toScVal(k, depth + 1), val: this.toScVal(o.values[i], depth + 1) })))
      case 'address': case 'muxed': return Address.fromString(o.value).toScVal()
      case 'executable_tag': return executableTagKey(o.value)
      default: throw typeError(`cannot convert ${o.kind}`)
    }
  }

  /**
   * Charges converting a value by its node count (VisitObject per element; a
   * handle shared many times counts each time), before anything is built: a value of width^depth
   * nodes exhausts the budget instead of the process.
   */
  private chargeNodes(val: bigint): void {
    const stack = [val]
    let pending = 0
    while (stack.length > 0) {
      const x = stack.pop()!
      const tag = tagOf(x)
      if (tag !== Tag.VecObject && tag !== Tag.MapObject) continue
      const o = this.objects[majorOf(x)]
      if (o?.kind === 'vec') { pending += o.value.length; for (const e of o.value) stack.push(e) }
      else if (o?.kind === 'map') { pending += 2 * o.keys.length; for (const e of o.keys) stack.push(e); for (const e of o.values) stack.push(e) }
      if (pending >= 4096) { this.budget.cost(CostType.VisitObject, 0, pending); pending = 0 }
      if (stack.length > 1_000_000) throw new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, 'value too large to convert')
    }
    if (pending > 0) this.budget.cost(CostType.VisitObject, 0, pending)
  }

  fromScVal(v: xdr.ScVal, depth = 0): bigint {
    if (depth >= MAX_DEPTH) throw new HostError(ErrorType.Context, ErrorCode.ExceededLimit, `value nested more than ${MAX_DEPTH} levels deep`)
    switch (v.switch().name) {
      case 'scvBool': return boolVal(v.b())
      case 'scvVoid': return VOID
      case 'scvError': {
        const e = v.error()
        const type = e.switch().value
        return errorVal(type, type === ErrorType.Contract ? e.contractCode() : e.code().value)
      }
      case 'scvU32': return u32Val(v.u32())
      case 'scvI32': return i32Val(v.i32())
      case 'scvU64': return this.intVal('u64', v.u64().toBigInt())
      case 'scvI64': return this.intVal('i64', v.i64().toBigInt())
      case 'scvTimepoint': return this.intVal('timepoint', v.timepoint().toBigInt())
      case 'scvDuration': return this.intVal('duration', v.duration().toBigInt())
      case 'scvU128': { const p = v.u128(); return this.intVal('u128', (p.hi().toBigInt() << 64n) | p.lo().toBigInt()) }
      case 'scvI128': { const p = v.i128(); return this.intVal('i128', (p.hi().toBigInt() << 64n) | p.lo().toBigInt()) }
      case 'scvU256': { const p = v.u256(); return this.intVal('u256', (p.hiHi().toBigInt() << 192n) | (p.hiLo().toBigInt() << 128n) | (p.loHi().toBigInt() << 64n) | p.loLo().toBigInt()) }
      case 'scvI256': { const p = v.i256(); return this.intVal('i256', (p.hiHi().toBigInt() << 192n) | (p.hiLo().toBigInt() << 128n) | (p.loHi().toBigInt() << 64n) | p.loLo().toBigInt()) }
      case 'scvBytes': chargeClone(this.budget, SIZE.U8, v.bytes().length); return this.alloc({ kind: 'bytes', value: Uint8Array.from(v.bytes()) })
      case 'scvString': { const b = Uint8Array.from(Buffer.from(v.str() as Buffer | string)); chargeClone(this.budget, SIZE.U8, b.length); return this.alloc({ kind: 'string', value: b }) }
      case 'scvSymbol': { const b = Buffer.from(v.sym() as Buffer | string); if (b.length > SYMBOL_SMALL_MAX) chargeClone(this.budget, SIZE.U8, b.length); return this.symbolVal(b.toString('latin1')) }
      case 'scvVec': {
        // An executable tag in this host's XDR form (see executableTagKey).
        const tag = executableTagOf(v)
        if (tag !== undefined) { chargeClone(this.budget, SIZE.U8, tag.length); return this.alloc({ kind: 'executable_tag', value: tag }) }
        const l = v.vec() ?? []
        chargeClone(this.budget, SIZE.Val, l.length)
        return this.alloc({ kind: 'vec', value: l.map((e) => this.fromScVal(e, depth + 1)) })
      }
      case 'scvMap': { const l = v.map() ?? []; chargeClone(this.budget, SIZE.MapEntry, l.length); return this.mapFrom(l.map((e) => [this.fromScVal(e.key(), depth + 1), this.fromScVal(e.val(), depth + 1)])) }
      case 'scvAddress': {
        const value = Address.fromScAddress(v.address()).toString()
        return this.alloc({ kind: value.startsWith('M') ? 'muxed' : 'address', value })
      }
      default: throw typeError(`ScVal ${v.switch().name} cannot be a contract value`)
    }
  }

  /** A map from entries in any order; duplicate keys are an error. */
  mapFrom(entries: [bigint, bigint][]): bigint {
    entries.sort((a, b) => this.compare(a[0], b[0]))
    for (let i = 1; i < entries.length; i++) {
      if (this.compare(entries[i - 1][0], entries[i][0]) === 0) throw new HostError(ErrorType.Object, ErrorCode.InvalidInput, 'duplicate map key')
    }
    return this.alloc({ kind: 'map', keys: entries.map((e) => e[0]), values: entries.map((e) => e[1]) })
  }

  /** The host's total order over Vals (ScVal order): by type, then by value. */
  compare(a: bigint, b: bigint): number {
    if (a === b) return 0
    const ta = tagOf(a)
    const tb = tagOf(b)
    const ra = TYPE_RANK[ta]
    const rb = TYPE_RANK[tb]
    if (ra === undefined || rb === undefined) throw valueError('cannot compare values with bad tags')
    if (ra !== rb) return ra < rb ? -1 : 1
    switch (ra) {
      case 0: return ta === tb ? 0 : ta === Tag.False ? -1 : 1
      case 1: return 0
      case 2: return minorOf(a) !== minorOf(b) ? Math.sign(minorOf(a) - minorOf(b)) : Math.sign(majorOf(a) - majorOf(b))
      case 3: return Math.sign(majorOf(a) - majorOf(b))
      case 4: return Math.sign((majorOf(a) | 0) - (majorOf(b) | 0))
      case 15: {
        const x = this.symbolOf(a)
        const y = this.symbolOf(b)
        if (ta === Tag.SymbolObject && tb === Tag.SymbolObject) this.budget.cost(CostType.MemCmp, Math.min(x.length, y.length))
        return x === y ? 0 : x < y ? -1 : 1
      }
    }
    const kind = (INT_OF_SMALL_TAG[ta] ?? KIND_OF_TAG[ta]) as ObjectKind
    if (kind in SMALL_INT_TAG) {
      const c = sign(this.intOf(kind as IntKind, a) - this.intOf(kind as IntKind, b))
      // Two objects: the host compares their payloads bytewise.
      if (isObjectTag(ta) || isObjectTag(tb)) this.budget.cost(CostType.MemCmp, INT_BITS[kind as IntKind] / 8)
      return c
    }
    const x = this.get(a)
    const y = this.get(b)
    if ((x.kind === 'bytes' || x.kind === 'string' || x.kind === 'executable_tag') && (y.kind === 'bytes' || y.kind === 'string' || y.kind === 'executable_tag')) {
      this.budget.cost(CostType.MemCmp, Math.min(x.value.length, y.value.length))
      return compareBytes(x.value, y.value)
    }
    if (x.kind === 'vec' && y.kind === 'vec') {
      const n = Math.min(x.value.length, y.value.length)
      this.budget.cost(CostType.MemCpy, SIZE.Val * n)
      for (let i = 0; i < n; i++) { const c = this.compare(x.value[i], y.value[i]); if (c !== 0) return c }
      return Math.sign(x.value.length - y.value.length)
    }
    if (x.kind === 'map' && y.kind === 'map') {
      const n = Math.min(x.keys.length, y.keys.length)
      this.budget.cost(CostType.MemCpy, SIZE.MapEntry * n)
      for (let i = 0; i < n; i++) {
        const c = this.compare(x.keys[i], y.keys[i]) || this.compare(x.values[i], y.values[i])
        if (c !== 0) return c
      }
      return Math.sign(x.keys.length - y.keys.length)
    }
    if ((x.kind === 'address' || x.kind === 'muxed') && (y.kind === 'address' || y.kind === 'muxed')) {
      const p = addressBytes(x.value)
      const q = addressBytes(y.value)
      return p.type !== q.type ? Math.sign(p.type - q.type) : compareBytes(p.raw, q.raw)
    }
    throw typeError(`cannot compare ${x.kind} with ${y.kind}`)
  }
}

export function scError(type: number, code: number): xdr.ScError {
  const names = ['sceContract', 'sceWasmVm', 'sceContext', 'sceStorage', 'sceObject', 'sceCrypto', 'sceEvents', 'sceBudget', 'sceValue', 'sceAuth'] as const
  const name = names[type]
  if (name === undefined) throw valueError(`error type ${type}`)
  if (name === 'sceContract') return xdr.ScError.sceContract(code)
  const codes = ['scecArithDomain', 'scecIndexBounds', 'scecInvalidInput', 'scecMissingValue', 'scecExistingValue',
    'scecExceededLimit', 'scecInvalidAction', 'scecInternalError', 'scecUnexpectedType', 'scecUnexpectedSize'] as const
  const codeName = codes[code]
  if (codeName === undefined) throw valueError(`error code ${code}`)
  return xdr.ScError[name](xdr.ScErrorCode[codeName]())
}

