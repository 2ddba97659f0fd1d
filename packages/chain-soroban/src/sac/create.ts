/** Deploying Stellar Asset Contracts: `create_asset_contract`, `get_asset_contract_id` and `SorobanHost.deployAssetContract`. */
import { sha256 } from '@noble/hashes/sha2.js'
import { StrKey, xdr } from '@stellar/stellar-base'
import { Cost } from '../budget.ts'
import { ErrorCode, ErrorType, HostError } from '../errors.ts'
import type { Invocation } from '../host/invocation.ts'
import type { Of } from '../host/objects.ts'
import { assetContractPreimage, assetRefOf, initAssetContract } from './contract.ts'

/** The asset of XDR bytes; malformed bytes are `Error(Value, InvalidInput)` as the host's XDR decoding. */
export function assetFromXdr(bytes: Uint8Array): xdr.Asset {
  try {
    return xdr.Asset.fromXDR(Buffer.from(bytes))
  } catch {
    throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, 'bytes are not an XDR Asset')
  }
}

/** The contract address (`C…`) of the asset's contract on the invocation's network. */
export function assetContractAddress(h: Invocation, asset: xdr.Asset): string {
  const preimage = assetContractPreimage(h.env.networkId, asset)
  h.budget.chargeCpu(Cost.sha256Base + Cost.sha256PerByte * preimage.length)
  return StrKey.encodeContract(Buffer.from(sha256(preimage)))
}

/** Creates the asset's contract (no authorization needed, as in the host); an existing one is `Error(Storage, ExistingValue)`. */
export function createAssetContract(h: Invocation, asset: xdr.Asset): Of<'address'> {
  const address = assetContractAddress(h, asset)
  if (h.ledger.contracts.has(address)) throw new HostError(ErrorType.Storage, ErrorCode.ExistingValue, `contract ${address} already exists`)
  h.budget.chargeCpu(Cost.storageAccess)
  const info = h.env.info
  const entry = { wasmHash: '', executable: 'stellar-asset' as const, storage: new Map(), liveUntil: info.sequence + info.minPersistentTtl - 1 }
  assetRefOf(asset) // validates the code before anything is written
  initAssetContract(entry, asset)
  h.ledger.contracts.set(address, entry)
  return { kind: 'address', value: address }
}
