/**
 * The networks the bridge knows: Hedera's mainnet, testnet and previewnet
 * (consensus nodes from the SDK's built-in address books, mirror nodes at
 * the public mirror REST hosts) and `local`, the defaults `pnpm zvm node`
 * prints: node 0.0.3 at 127.0.0.1:50211, mirror REST on 5551, operator
 * 0.0.2 with hiero-local-node's well-known ED25519 key.
 */

/** A network name `createBridge` accepts. */
export type HederaNetworkName = 'local' | 'testnet' | 'mainnet' | 'previewnet'

/** hiero-local-node's (and `zvm node`'s) operator account. */
export const LOCAL_OPERATOR_ID = '0.0.2'
/** hiero-local-node's (and `zvm node`'s) well-known operator key (ED25519, raw hex). Public knowledge: never use it elsewhere. */
export const LOCAL_OPERATOR_KEY = '91132178e72057a1d7528025956fe39b0b847f200ab59b2fdd367017f3087137'

/** The consensus node map of `pnpm zvm node` (`host:port` → node account). */
export const LOCAL_NODES: Readonly<Record<string, string>> = Object.freeze({ '127.0.0.1:50211': '0.0.3' })

/** Mirror REST bases (without `/api/v1`). */
export const MIRROR_URLS: Readonly<Record<HederaNetworkName, string>> = Object.freeze({
  local: 'http://127.0.0.1:5551',
  testnet: 'https://testnet.mirrornode.hedera.com',
  mainnet: 'https://mainnet-public.mirrornode.hedera.com',
  previewnet: 'https://previewnet.mirrornode.hedera.com',
})

/** True for mainnet, testnet and previewnet, whose consensus nodes run EVM bytecode only. */
export function isPublicNetwork(network: HederaNetworkName): boolean {
  return network !== 'local'
}
