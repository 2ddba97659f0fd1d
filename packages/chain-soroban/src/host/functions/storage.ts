/** Module `l`: contract data (temporary, persistent, instance), TTL extension, upload and deployment. */
import { Address, StrKey, xdr } from '@stellar/stellar-base'
import { bytesToHex, hexToBytes } from '@zvm/primitives'
import { Cost } from '../../budget.ts'
import { chargeClone, SIZE } from '../../cost/host-fns.ts'
import { CostType } from '../../cost/types.ts'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { dataKey, executableTagKey, scKey, type ContractEntry, type Durability, type ExternalRef } from '../../ledger.ts'
import type { CompiledContract } from '../compiled.ts'
import type { Invocation } from '../invocation.ts'
import type { Of } from '../objects.ts'
import { Tag, tagOf, VOID } from '../../val.ts'
import type { Arg, HostImplementation } from './types.ts'

/** A contract instance's key in the transaction's storage maps (see recording-storage.ts). */
export const instanceKey = (contract: string): string => `instance:${contract}`

const StorageType = { Temporary: 0, Persistent: 1, Instance: 2 } as const
const storageError = (code: number, message: string): HostError => new HostError(ErrorType.Storage, code, message)
const durability = (t: number): Durability => (t === StorageType.Temporary ? 'temporary' : 'persistent')

function instanceOf(h: Invocation, contract: string) {
  const c = h.ledger.contracts.get(contract)
  if (c === undefined) throw storageError(ErrorCode.MissingValue, `no contract instance ${contract}`)
  return c
}

/** A storage key as XDR; muxed addresses (anywhere in it) are refused with `Error(Storage, InvalidInput)`. */
function storageKey(h: Invocation, key: bigint): xdr.ScVal {
  const k = h.store.toScVal(key)
  const muxed = (x: xdr.ScVal): boolean => {
    switch (x.switch().name) {
      case 'scvAddress': return x.address().switch().name === 'scAddressTypeMuxedAccount'
      case 'scvVec': return (x.vec() ?? []).some(muxed)
      case 'scvMap': return (x.map() ?? []).some((e) => muxed(e.key()) || muxed(e.val()))
      default: return false
    }
  }
  if (muxed(k)) throw storageError(ErrorCode.InvalidInput, 'a muxed address cannot be part of a storage key')
  return k
}

/** The live entry, undefined if absent or an expired temporary entry; archived persistent entries are an error. */
function liveEntry(h: Invocation, key: bigint, type: number) {
  h.budget.chargeCpu(Cost.storageAccess)
  const k = dataKey(h.frame.contract, durability(type), storageKey(h, key))
  const entry = h.ledger.data.get(k)
  h.recording.touch(k, false, entry !== undefined)
  if (entry === undefined) return { k, entry }
  if (entry.liveUntil < h.env.info.sequence) {
    if (entry.durability === 'temporary') return { k, entry: undefined }
    throw storageError(ErrorCode.InvalidAction, 'persistent entry is archived (restore it first)')
  }
  return { k, entry }
}

function checkExtension(threshold: number, extendTo: number): void {
  if (threshold > extendTo) throw storageError(ErrorCode.InvalidInput, `threshold ${threshold} above extend_to ${extendTo}`)
}

/**
 * The live-until ledger after moving it to `newLiveUntil` (never shortening):
 * past the maximum (current ledger + max_entry_ttl - 1) a temporary entry is
 * refused with `Error(Storage, InvalidAction)`, anything else is clamped.
 */
function clampLiveUntil(h: Invocation, liveUntil: number, newLiveUntil: number, temporary: boolean): number {
  const info = h.env.info
  const max = info.sequence + info.maxEntryTtl - 1
  let target = newLiveUntil
  if (target > max) {
    if (temporary) throw storageError(ErrorCode.InvalidAction, `trying to extend past the maximum live-until ledger ${max}`)
    target = max
  }
  return Math.max(liveUntil, target)
}

/** extend_*_ttl: when the TTL (live-until − current ledger) is at most the threshold, to current ledger + extend_to. */
function extended(h: Invocation, liveUntil: number, threshold: number, extendTo: number, temporary = false): number {
  const seq = h.env.info.sequence
  return liveUntil - seq <= threshold ? clampLiveUntil(h, liveUntil, seq + extendTo, temporary) : liveUntil
}

/** extend_*_ttl_v2 (CAP-78): towards a TTL of extend_to, by at least min and at most max ledgers. */
function extendedV2(h: Invocation, liveUntil: number, extendTo: number, min: number, max: number, temporary = false): number {
  const ttl = liveUntil - h.env.info.sequence
  if (extendTo <= ttl) return liveUntil
  const extension = extendTo - ttl
  if (extension < min) return liveUntil
  return clampLiveUntil(h, liveUntil, liveUntil + Math.min(extension, max), temporary)
}

// ---- protocol 28 executable references (CAP-85) ----

const refKey = (ref: ExternalRef): string => dataKey(ref.owner, 'persistent', executableTagKey(ref.tag))

/** The owner's live reference entry for `ref`: absent is Error(Storage, MissingValue), archived Error(Storage, InvalidAction). */
function refEntry(h: Invocation, ref: ExternalRef) {
  h.budget.chargeCpu(Cost.storageAccess)
  const entry = h.ledger.data.get(refKey(ref))
  if (entry === undefined) throw storageError(ErrorCode.MissingValue, `no executable reference entry of ${ref.owner} for tag "${new TextDecoder().decode(ref.tag)}"`)
  if (entry.liveUntil < h.env.info.sequence) throw storageError(ErrorCode.InvalidAction, 'executable reference entry is archived (restore it first)')
  return entry
}

/** The wasm hash (hex) a contract runs: its own, or the one its executable reference resolves to. */
export function resolveWasmHash(h: Invocation, c: ContractEntry): string {
  if (c.externalRef === undefined) return c.wasmHash
  const v = refEntry(h, c.externalRef).val
  // put_contract_data only ever stores a 32-byte hash of uploaded code under a tag.
  if (v.switch().name !== 'scvBytes' || v.bytes().length !== 32) throw storageError(ErrorCode.InvalidInput, 'executable reference entry does not hold a 32-byte wasm hash')
  return Buffer.from(v.bytes()).toString('hex')
}

const sym = (s: string): xdr.ScVal => xdr.ScVal.scvSymbol(s)
/** The `ContractExecutable` contract type of an instance: `["Wasm", hash]`, `["StellarAsset"]` or `["ExternalRef", {owner, tag}]`. */
export function executableScVal(c: { wasmHash: string, executable?: 'stellar-asset', externalRef?: ExternalRef }): xdr.ScVal {
  if (c.executable === 'stellar-asset') return xdr.ScVal.scvVec([sym('StellarAsset')])
  if (c.externalRef !== undefined) {
    return xdr.ScVal.scvVec([sym('ExternalRef'), xdr.ScVal.scvMap([
      new xdr.ScMapEntry({ key: sym('owner'), val: Address.fromString(c.externalRef.owner).toScVal() }),
      new xdr.ScMapEntry({ key: sym('tag'), val: xdr.ScVal.scvString(Buffer.from(c.externalRef.tag)) }),
    ])])
  }
  return xdr.ScVal.scvVec([sym('Wasm'), xdr.ScVal.scvBytes(Buffer.from(hexToBytes(`0x${c.wasmHash}`)))])
}

/**
 * CAP-85 rules for a value stored under an executable tag: persistent only
 * and a 32-byte hash (else Error(Storage, InvalidInput)) of uploaded code
 * (else Error(Storage, MissingValue)).
 */
function checkTagEntry(h: Invocation, val: bigint, type: number): void {
  if (type !== StorageType.Persistent) throw storageError(ErrorCode.InvalidInput, 'an executable tag entry must be persistent')
  const o = tagOf(val) === Tag.BytesObject ? h.store.get(val) : undefined
  if (o?.kind !== 'bytes' || o.value.length !== 32) throw storageError(ErrorCode.InvalidInput, 'an executable tag entry must hold a 32-byte wasm hash')
  const hex = bytesToHex(o.value).slice(2)
  h.budget.chargeCpu(Cost.storageAccess)
  if (!h.ledger.code.has(hex)) throw storageError(ErrorCode.MissingValue, `no uploaded wasm with hash ${hex}`)
}

const isTagKey = (key: bigint): boolean => tagOf(key) === Tag.ExecutableTagObject

type Scope = 'both' | 'instance' | 'code'
/** For an executable reference, "code" is the owner's reference entry and the code it names (CAP-85). */
function extendInstanceAndCode(h: Invocation, contract: string, which: Scope, next: (liveUntil: number) => number): undefined {
  const c = instanceOf(h, contract)
  if (which !== 'code') c.liveUntil = next(c.liveUntil)
  if (which === 'instance') return undefined
  // Code and data entries are replaced, not changed in place: a snapshot shares them, and a failed call must undo the extension.
  if (c.externalRef !== undefined) {
    const ref = refEntry(h, c.externalRef)
    h.ledger.data.set(refKey(c.externalRef), { ...ref, liveUntil: next(ref.liveUntil) })
  }
  const hash = c.executable === 'stellar-asset' ? undefined : resolveWasmHash(h, c)
  const code = hash === undefined ? undefined : h.ledger.code.get(hash)
  if (code !== undefined) h.ledger.code.set(hash!, { ...code, liveUntil: next(code.liveUntil) })
  return undefined
}
function extendV1(h: Invocation, contract: string, threshold: number, extendTo: number, which: Scope): undefined {
  checkExtension(threshold, extendTo)
  return extendInstanceAndCode(h, contract, which, (l) => extended(h, l, threshold, extendTo))
}

/** The interface protocol from which the host runs `__constructor`. */
export const CONSTRUCTOR_PROTOCOL = 22

/**
 * Creates a contract instance at the address derived from deployer and salt.
 * `__constructor` runs (with `args`) when the contract has one and its
 * interface protocol is 22 or later; its failures are `Error(Context,
 * InvalidAction)`, a non-void result `Error(Value, UnexpectedType)`.
 */
export function createContract(h: Invocation, deployer: string, wasmHash: Uint8Array | ExternalRef, salt: Uint8Array, args: readonly bigint[]): Of<'address'> {
  if (salt.length !== 32) throw new HostError(ErrorType.Value, ErrorCode.UnexpectedSize, 'salt must be 32 bytes')
  const externalRef = wasmHash instanceof Uint8Array ? undefined : wasmHash
  // An executable reference must resolve now (CAP-85); the instance keeps the reference.
  const hash = externalRef === undefined ? bytesToHex(wasmHash as Uint8Array).slice(2) : resolveWasmHash(h, { wasmHash: '', storage: new Map(), liveUntil: 0, externalRef })
  if (!h.ledger.code.has(hash)) throw storageError(ErrorCode.MissingValue, `no uploaded wasm with hash ${hash}`)
  // Deploying on behalf of an address other than the running contract needs its authorization.
  if (h.frames.length === 0 || h.frame.contract !== deployer) {
    h.requireAuth(deployer, undefined, { kind: 'create', wasmHash: externalRef === undefined ? hash : '', salt, constructorArgs: args.map((a) => h.store.toScVal(a)), ...(externalRef === undefined ? {} : { externalRef }) })
  }
  const address = StrKey.encodeContract(Buffer.from(h.contractIdFrom(Address.fromString(deployer).toScAddress(), salt)))
  if (h.ledger.contracts.has(address)) throw storageError(ErrorCode.ExistingValue, `contract ${address} already exists`)
  // The instance is looked up, then written; the code's existence checked (both in the transaction's storage).
  h.recording.touch(instanceKey(address), true)
  h.recording.touchCode(hash, false)
  const info = h.env.info
  const liveUntil = info.sequence + info.minPersistentTtl - 1
  h.ledger.contracts.set(address, externalRef === undefined ? { wasmHash: hash, storage: new Map(), liveUntil } : { wasmHash: '', storage: new Map(), liveUntil, externalRef })
  const compiled = h.env.compile(hash)
  if (compiled.protocol >= CONSTRUCTOR_PROTOCOL && compiled.exports.has('__constructor')) {
    let result: bigint
    try {
      result = h.call(address, '__constructor', args, { allowReserved: true })
    } catch (e) {
      if (e instanceof HostError && e.recoverable) throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, `constructor failed: ${e.message}`)
      throw e
    }
    if (result !== VOID) throw new HostError(ErrorType.Value, ErrorCode.UnexpectedType, 'a constructor must return void')
  } else if (args.length > 0) throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, 'constructor arguments given to a contract without a constructor')
  return { kind: 'address', value: address }
}

/** Distinct (module, name) pairs of a module's function imports: the host's import-symbol set. */
function importSymbols(compiled: CompiledContract): number {
  const seen = new Set<string>()
  for (const i of compiled.imports) seen.add(`${i.module}\u0000${i.name}`)
  return seen.size
}

/**
 * The host's import-symbol set, charged as a vector of `k` `(&str, &str)`
 * pairs (declared 40 bytes each) built in bulk: header copy, allocation, copy.
 */
function chargeImportSymbols(h: Invocation, k: number): void {
  h.budget.cost(CostType.MemCpy, SIZE.VecHeader)
  h.budget.cost(CostType.MemAlloc, 40 * k)
  h.budget.cost(CostType.MemCpy, 40 * k)
}

/**
 * The real host's upload check: a throwaway VM built from the bytes alone
 * (no refined cost inputs yet), under a copy of the hash as its contract id:
 * parsed (VmInstantiation), linked against its import symbols, instantiated
 * (VmCachedInstantiation) after the imports' protocol check walks the symbol
 * set again, with its initial linear memory; then a second parse for the
 * refined cost inputs stored with the code (VmInstantiation again).
 */
function chargeUploadCheck(h: Invocation, hash: string, size: number): void {
  const compiled = h.env.compile(hash)
  const k = importSymbols(compiled)
  h.budget.cost(CostType.MemCpy, 32)
  h.budget.cost(CostType.VmInstantiation, size)
  chargeImportSymbols(h, k)
  h.budget.cost(CostType.VmCachedInstantiation, size)
  chargeImportSymbols(h, k)
  if (compiled.costInputs.memoryPages > 0) h.budget.cost(CostType.MemAlloc, compiled.costInputs.memoryPages * 65536)
  h.budget.cost(CostType.VmInstantiation, size)
}

/**
 * Storing uploaded code in the transaction's storage (Host::upload_contract_wasm
 * after the check): the returned hash's bytes, the code's ledger key (a copy
 * of the hash in an `Rc<LedgerKey>`, declared 120 bytes), `Storage::has` on it,
 * then `Storage::get` when it is there (the stored cost inputs are the same,
 * so nothing is written) or the new code entry (an `Rc<LedgerEntry>`, declared
 * 256 bytes) and `Storage::put`.
 *
 * Besides these, every upload in the recorded traces carries a further
 * 533 instructions and 80 bytes that match MemAlloc(64) + MemCpy(24) +
 * MemCpy(32), and each first write a further MemAlloc(64): where the host
 * makes them is not identified here; they are charged at the end of the check
 * and with the new entry, by those figures.
 */
function chargeCodeStorage(h: Invocation, hash: string, inLedger: boolean): void {
  h.budget.cost(CostType.MemAlloc, 64)
  h.budget.cost(CostType.MemCpy, SIZE.VecHeader)
  h.budget.cost(CostType.MemCpy, 32)
  chargeClone(h.budget, SIZE.U8, 32)
  h.budget.cost(CostType.MemCpy, 32)
  h.budget.cost(CostType.MemAlloc, 120)
  if (h.recording.readCode(hash, inLedger)) {
    h.recording.readCode(hash, true)
    return
  }
  h.budget.cost(CostType.MemAlloc, 256)
  h.budget.cost(CostType.MemAlloc, 64)
  h.recording.writeCode(hash)
}

export const storage: Record<string, HostImplementation> = {
  put_contract_data: (h, [key, val, type]) => {
    if (isTagKey(key as bigint)) checkTagEntry(h, val as bigint, type as number)
    const k = storageKey(h, key as bigint)
    const v = h.store.toScVal(val as bigint)
    h.budget.chargeMem(k.toXDR().length + v.toXDR().length)
    if (type === StorageType.Instance) {
      instanceOf(h, h.frame.contract).storage.set(scKey(k), { key: k, val: v })
      return undefined
    }
    const { k: id, entry } = liveEntry(h, key as bigint, type as number)
    const info = h.env.info
    const minTtl = type === StorageType.Temporary ? info.minTemporaryTtl : info.minPersistentTtl
    h.recording.touch(id, true)
    h.ledger.data.set(id, { contract: h.frame.contract, durability: durability(type as number), key: k, val: v, liveUntil: entry?.liveUntil ?? info.sequence + minTtl - 1 })
    return undefined
  },
  has_contract_data: (h, [key, type]) => {
    if (type === StorageType.Instance) return instanceOf(h, h.frame.contract).storage.has(scKey(storageKey(h, key as bigint)))
    return liveEntry(h, key as bigint, type as number).entry !== undefined
  },
  get_contract_data: (h, [key, type]) => {
    const value = type === StorageType.Instance
      ? instanceOf(h, h.frame.contract).storage.get(scKey(storageKey(h, key as bigint)))?.val
      : liveEntry(h, key as bigint, type as number).entry?.val
    if (value === undefined) throw storageError(ErrorCode.MissingValue, 'no value for the key')
    return h.store.fromScVal(value)
  },
  del_contract_data: (h, [key, type]) => {
    if (isTagKey(key as bigint)) throw storageError(ErrorCode.InvalidAction, 'an executable tag entry can never be deleted')
    if (type === StorageType.Instance) instanceOf(h, h.frame.contract).storage.delete(scKey(storageKey(h, key as bigint)))
    else h.ledger.data.delete(liveEntry(h, key as bigint, type as number).k)
    return undefined
  },
  extend_contract_data_ttl: (h, [key, type, threshold, extendTo]) => {
    if (type === StorageType.Instance) throw storageError(ErrorCode.InvalidAction, 'instance storage is extended with the contract instance')
    checkExtension(threshold as number, extendTo as number)
    const { k, entry } = liveEntry(h, key as bigint, type as number)
    if (entry === undefined) throw storageError(ErrorCode.MissingValue, 'no entry to extend')
    h.ledger.data.set(k, { ...entry, liveUntil: extended(h, entry.liveUntil, threshold as number, extendTo as number, type === StorageType.Temporary) })
    return undefined
  },
  extend_current_contract_instance_and_code_ttl: (h, [t, e]) => extendV1(h, h.frame.contract, t as number, e as number, 'both'),
  extend_contract_instance_and_code_ttl: (h, [a, t, e]) => extendV1(h, (a as Of<'address'>).value, t as number, e as number, 'both'),
  extend_contract_instance_ttl: (h, [a, t, e]) => extendV1(h, (a as Of<'address'>).value, t as number, e as number, 'instance'),
  extend_contract_code_ttl: (h, [a, t, e]) => extendV1(h, (a as Of<'address'>).value, t as number, e as number, 'code'),
  extend_contract_data_ttl_v2: (h, [key, type, extendTo, min, max]) => {
    if (type === StorageType.Instance) throw storageError(ErrorCode.InvalidAction, 'instance storage is extended with the contract instance')
    if ((max as number) < (min as number)) throw storageError(ErrorCode.InvalidInput, `max_extension ${String(max)} below min_extension ${String(min)}`)
    const { k, entry } = liveEntry(h, key as bigint, type as number)
    if (entry === undefined) throw storageError(ErrorCode.MissingValue, 'no entry to extend')
    h.ledger.data.set(k, { ...entry, liveUntil: extendedV2(h, entry.liveUntil, extendTo as number, min as number, max as number, type === StorageType.Temporary) })
    return undefined
  },
  extend_contract_instance_and_code_ttl_v2: (h, [a, scope, extendTo, min, max]) => {
    if ((max as number) < (min as number)) throw storageError(ErrorCode.InvalidInput, `max_extension ${String(max)} below min_extension ${String(min)}`)
    const which: Scope = scope === 0 ? 'both' : scope === 1 ? 'instance' : 'code'
    return extendInstanceAndCode(h, (a as Of<'address'>).value, which, (l) => extendedV2(h, l, extendTo as number, min as number, max as number))
  },
  upload_wasm: (h, [wasm]) => {
    const bytes = (wasm as Of<'bytes'>).value
    chargeClone(h.budget, SIZE.U8, bytes.length) // the host works on its own copy of the bytes
    h.budget.cost(CostType.ComputeSha256Hash, bytes.length)
    const known = h.ledger.code.size
    const hash = h.env.upload(bytes)
    const inLedger = h.ledger.code.size === known
    chargeUploadCheck(h, hash, bytes.length)
    chargeCodeStorage(h, hash, inLedger)
    return { kind: 'bytes', value: hexToBytes(`0x${hash}`) }
  },
  update_current_contract_wasm: (h, [hash]) => {
    const hex = bytesToHex((hash as Of<'bytes'>).value).slice(2)
    if (!h.ledger.code.has(hex)) throw storageError(ErrorCode.MissingValue, `no uploaded wasm with hash ${hex}`)
    const instance = instanceOf(h, h.frame.contract)
    // The host's system event: topics ["executable_update", old executable, new executable], data [].
    h.events.push({ contractId: h.frame.contract, type: 'system', topics: [sym('executable_update'), executableScVal(instance), executableScVal({ wasmHash: hex })], data: xdr.ScVal.scvVec([]) })
    instance.wasmHash = hex
    delete instance.externalRef
    return undefined
  },
  // Protocol 28 (CAP-85): executable tags and references.
  create_executable_tag: (_h, [s]) => ({ kind: 'executable_tag', value: (s as Of<'string'>).value }),
  update_current_contract_executable_ref: (h, [owner, tag]) => {
    const ref: ExternalRef = { owner: (owner as Of<'address'>).value, tag: (tag as Of<'executable_tag'>).value }
    const instance = instanceOf(h, h.frame.contract)
    const next = { wasmHash: '', externalRef: ref }
    resolveWasmHash(h, { ...next, storage: new Map(), liveUntil: 0 })
    // The same system event as update_current_contract_wasm, with the ExternalRef executable.
    h.events.push({ contractId: h.frame.contract, type: 'system', topics: [sym('executable_update'), executableScVal(instance), executableScVal(next)], data: xdr.ScVal.scvVec([]) })
    instance.wasmHash = ''
    instance.externalRef = ref
    return undefined
  },
  create_external_ref_contract: (h, [deployer, owner, tag, salt, args]) =>
    createContract(h, (deployer as Of<'address'>).value, { owner: (owner as Of<'address'>).value, tag: (tag as Of<'executable_tag'>).value }, (salt as Of<'bytes'>).value, (args as Of<'vec'>).value),
  create_contract: (h, [deployer, hash, salt]) => createContract(h, (deployer as Of<'address'>).value, (hash as Of<'bytes'>).value, (salt as Of<'bytes'>).value, []),
  create_contract_with_constructor: (h, [deployer, hash, salt, args]) =>
    createContract(h, (deployer as Of<'address'>).value, (hash as Of<'bytes'>).value, (salt as Of<'bytes'>).value, (args as Of<'vec'>).value),
  get_contract_id: (h, [deployer, salt]) => {
    const s = (salt as Of<'bytes'>).value
    if (s.length !== 32) throw new HostError(ErrorType.Value, ErrorCode.UnexpectedSize, 'salt must be 32 bytes')
    const id = h.contractIdFrom(Address.fromString((deployer as Of<'address'>).value).toScAddress(), s)
    return { kind: 'address', value: StrKey.encodeContract(Buffer.from(id)) }
  },
} satisfies Record<string, (h: Invocation, a: Arg[]) => Arg | undefined>

