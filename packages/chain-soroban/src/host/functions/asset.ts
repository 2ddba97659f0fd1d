/** Module `l` (asset contracts): `create_asset_contract`, `get_asset_contract_id`. */
import { assetContractAddress, assetFromXdr, createAssetContract } from '../../sac/create.ts'
import type { Of } from '../objects.ts'
import type { HostImplementation } from './types.ts'

export const asset: Record<string, HostImplementation> = {
  create_asset_contract: (h, [b]) => createAssetContract(h, assetFromXdr((b as Of<'bytes'>).value)),
  get_asset_contract_id: (h, [b]) => ({ kind: 'address', value: assetContractAddress(h, assetFromXdr((b as Of<'bytes'>).value)) }),
}
