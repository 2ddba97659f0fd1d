/** Module `l`: contract data (temporary, persistent, instance), TTL extension, upload and deployment. */
import { Address, StrKey } from '@stellar/stellar-base'
import { bytesToHex, hexToBytes } from '@zvm/primitives'
import { Cost } from '../../budget.ts'
import { ErrorCode, ErrorType, HostError } from '../../errors.ts'
import { dataKey, scKey, type Durability } from '../../ledger.ts'
import type { Invocation } from '../invocation.ts'
import type { Of } from '../objects.ts'
import type { Arg, HostImplementation } from './types.ts'

const StorageType = { Temporary: 0, Persistent: 1, Instance: 2 } as const
const storageError = (code: number, message: string): HostError => new HostError(ErrorType.Storage, code, message)
const durability = (t: number): Durability => (t === StorageType.Temporary ? 'temporary' : 'persistent')

function instanceOf(h: Invocation, contract: string) {
  const c = h.ledger.contracts.get(contract)
  if (c === undefined) throw storageError(ErrorCode.MissingValue, `no contract instance ${contract}`)
  return c
}

/** The live entry, undefined if absent or an expired temporary entry; archived persistent entries are an error. */
function liveEntry(h: Invocation, key: bigint, type: number) {
  h.budget.chargeCpu(Cost.storageAccess)
  const k = dataKey(h.frame.contract, durability(type), h.store.toScVal(key))
  const entry = h.ledger.data.get(k)
  if (entry === undefined) return { k, entry }
  if (entry.liveUntil < h.env.info.sequence) {
    if (entry.durability === 'temporary') return { k, entry: undefined }
    throw storageError(ErrorCode.InvalidAction, 'persistent entry is archived (restore it first)')
  }
  return { k, entry }
}

function checkExtension(h: Invocation, threshold: number, extendTo: number): void {
  if (threshold > extendTo) throw storageError(ErrorCode.InvalidInput, `threshold ${threshold} above extend_to ${extendTo}`)
  if (extendTo > h.env.info.maxEntryTtl - 1) throw storageError(ErrorCode.InvalidInput, `extend_to ${extendTo} above the maximum TTL ${h.env.info.maxEntryTtl - 1}`)
}

/** liveUntil after an extension: only when the TTL is below the threshold, to seq + extend_to. */
function extended(h: Invocation, liveUntil: number, threshold: number, extendTo: number): number {
  const seq = h.env.info.sequence
  return liveUntil - seq < threshold ? Math.max(liveUntil, seq + extendTo) : liveUntil
}

function extendInstanceAndCode(h: Invocation, contract: string, threshold: number, extendTo: number, which: 'both' | 'instance' | 'code'): undefined {
  checkExtension(h, threshold, extendTo)
  const c = instanceOf(h, contract)
  if (which !== 'code') c.liveUntil = extended(h, c.liveUntil, threshold, extendTo)
  const code = h.ledger.code.get(c.wasmHash)
  if (code !== undefined && which !== 'instance') code.liveUntil = extended(h, code.liveUntil, threshold, extendTo)
  return undefined
}

/** Creates a contract instance at the address derived from deployer and salt; runs `__constructor` when present. */
export function createContract(h: Invocation, deployer: string, wasmHash: Uint8Array, salt: Uint8Array, args: readonly bigint[]): Of<'address'> {
  if (salt.length !== 32) throw new HostError(ErrorType.Value, ErrorCode.UnexpectedSize, 'salt must be 32 bytes')
  const hash = bytesToHex(wasmHash).slice(2)
  if (!h.ledger.code.has(hash)) throw storageError(ErrorCode.MissingValue, `no uploaded wasm with hash ${hash}`)
  // Deploying on behalf of an address other than the running contract needs its authorization.
  if (h.frames.length === 0 || h.frame.contract !== deployer) h.requireAuth(deployer, [], { contract: '', fn: 'create_contract' })
  const address = StrKey.encodeContract(Buffer.from(h.contractIdFrom(Address.fromString(deployer).toScAddress(), salt)))
  if (h.ledger.contracts.has(address)) throw storageError(ErrorCode.ExistingValue, `contract ${address} already exists`)
  const info = h.env.info
  h.ledger.contracts.set(address, { wasmHash: hash, storage: new Map(), liveUntil: info.sequence + info.minPersistentTtl - 1 })
  const compiled = h.env.compile(hash)
  if (compiled.exports.has('__constructor')) h.call(address, '__constructor', args, { allowReserved: true })
  else if (args.length > 0) throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, 'constructor arguments given to a contract without __constructor')
  return { kind: 'address', value: address }
}

export const storage: Record<string, HostImplementation> = {
  put_contract_data: (h, [key, val, type]) => {
    const k = h.store.toScVal(key as bigint)
    const v = h.store.toScVal(val as bigint)
    h.budget.chargeMem(k.toXDR().length + v.toXDR().length)
    if (type === StorageType.Instance) {
      instanceOf(h, h.frame.contract).storage.set(scKey(k), { key: k, val: v })
      return undefined
    }
    const { k: id, entry } = liveEntry(h, key as bigint, type as number)
    const info = h.env.info
    const minTtl = type === StorageType.Temporary ? info.minTemporaryTtl : info.minPersistentTtl
    h.ledger.data.set(id, { contract: h.frame.contract, durability: durability(type as number), key: k, val: v, liveUntil: entry?.liveUntil ?? info.sequence + minTtl - 1 })
    return undefined
  },
  has_contract_data: (h, [key, type]) => {
    if (type === StorageType.Instance) return instanceOf(h, h.frame.contract).storage.has(scKey(h.store.toScVal(key as bigint)))
    return liveEntry(h, key as bigint, type as number).entry !== undefined
  },
  get_contract_data: (h, [key, type]) => {
    const value = type === StorageType.Instance
      ? instanceOf(h, h.frame.contract).storage.get(scKey(h.store.toScVal(key as bigint)))?.val
      : liveEntry(h, key as bigint, type as number).entry?.val
    if (value === undefined) throw storageError(ErrorCode.MissingValue, 'no value for the key')
    return h.store.fromScVal(value)
  },
  del_contract_data: (h, [key, type]) => {
    if (type === StorageType.Instance) instanceOf(h, h.frame.contract).storage.delete(scKey(h.store.toScVal(key as bigint)))
    else h.ledger.data.delete(liveEntry(h, key as bigint, type as number).k)
    return undefined
  },
  extend_contract_data_ttl: (h, [key, type, threshold, extendTo]) => {
    if (type === StorageType.Instance) throw storageError(ErrorCode.InvalidAction, 'instance storage is extended with the contract instance')
    checkExtension(h, threshold as number, extendTo as number)
    const { entry } = liveEntry(h, key as bigint, type as number)
    if (entry === undefined) throw storageError(ErrorCode.MissingValue, 'no entry to extend')
    entry.liveUntil = extended(h, entry.liveUntil, threshold as number, extendTo as number)
    return undefined
  },
  extend_current_contract_instance_and_code_ttl: (h, [t, e]) => extendInstanceAndCode(h, h.frame.contract, t as number, e as number, 'both'),
  extend_contract_instance_and_code_ttl: (h, [a, t, e]) => extendInstanceAndCode(h, (a as Of<'address'>).value, t as number, e as number, 'both'),
  extend_contract_instance_ttl: (h, [a, t, e]) => extendInstanceAndCode(h, (a as Of<'address'>).value, t as number, e as number, 'instance'),
  extend_contract_code_ttl: (h, [a, t, e]) => extendInstanceAndCode(h, (a as Of<'address'>).value, t as number, e as number, 'code'),
  upload_wasm: (h, [wasm]) => ({ kind: 'bytes', value: hexToBytes(`0x${h.env.upload((wasm as Of<'bytes'>).value)}`) }),
  update_current_contract_wasm: (h, [hash]) => {
    const hex = bytesToHex((hash as Of<'bytes'>).value).slice(2)
    if (!h.ledger.code.has(hex)) throw storageError(ErrorCode.MissingValue, `no uploaded wasm with hash ${hex}`)
    instanceOf(h, h.frame.contract).wasmHash = hex
    return undefined
  },
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

