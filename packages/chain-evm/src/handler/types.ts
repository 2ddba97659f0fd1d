import type { BlockEnv } from '@zvm/core'

/** The block a transaction runs in: the core's block context, with the blob fee derived from the excess blob gas. */
export type EvmBlock = Omit<BlockEnv, 'blobBaseFee'> & { excessBlobGas: bigint }
