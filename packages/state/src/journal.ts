/** Undo-log entries of the journaled state: each records what to restore. */
import type { Address, Hex } from '@zvm/primitives'

export type JournalEntry =
  | { readonly kind: 'balance'; readonly address: Address; readonly previous: bigint }
  | { readonly kind: 'nonce'; readonly address: Address; readonly previous: bigint }
  | { readonly kind: 'code'; readonly address: Address; readonly previousHash: Hex; readonly previousCode: Uint8Array | undefined }
  | { readonly kind: 'exists'; readonly address: Address; readonly previous: boolean }
  | { readonly kind: 'storage'; readonly address: Address; readonly key: bigint; readonly previous: bigint | undefined }
  | { readonly kind: 'warmAddress'; readonly address: Address }
  | { readonly kind: 'warmSlot'; readonly address: Address; readonly key: bigint }
  | { readonly kind: 'transient'; readonly address: Address; readonly key: bigint; readonly previous: bigint }
  | { readonly kind: 'touch'; readonly address: Address }
  | { readonly kind: 'create'; readonly address: Address; readonly storage: Map<bigint, bigint>; readonly storageCleared: boolean; readonly created: boolean }
  | { readonly kind: 'selfDestruct'; readonly address: Address; readonly previous: boolean }
  /** A change to data kept outside the journaled state (an extension's, e.g. a chain's ledger). */
  | { readonly kind: 'external'; readonly undo: () => void }
