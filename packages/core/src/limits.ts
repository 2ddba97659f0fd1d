/**
 * Resource limits per message, far above anything Ethereum gas can buy (30 M
 * gas buys ~4 MB of memory; 32 MiB in one frame costs ~2.1 billion gas). They
 * only bite with absurd gas (up to 2^53): without them, a payable 128 MB
 * RETURN or a 300 MB LOG0 exhausts the process's heap. Exceeding one is an
 * exceptional halt (all gas of the frame consumed, its state rolled back).
 * docs/limits.md lists every limit.
 */

/** Largest memory of one frame (bytes); RETURN, REVERT and LOG data come from memory, so they are bounded by it too. */
export const MAX_FRAME_MEMORY = 32 * 1024 * 1024

/**
 * Largest sum, over a message's live frames, of memory, call input and held
 * return data (bytes). Gas bounds it at under 32 bytes per gas (memory costs
 * at least 3 gas per 32-byte word; input and return data are copies of paid
 * memory), so 30 M gas holds at most ~960 MB and an EIP-7825 transaction
 * (2^24 gas) at most 512 MiB. Ethereum's static_Call1MB1024Calldepth state
 * test (882 G gas: 1,024 frames with 1 MB of memory and 1 MB of input each)
 * holds 2.05 GB, so the limit sits just above it.
 */
export const MAX_MESSAGE_MEMORY = 2 * 1024 * 1024 * 1024

/**
 * Largest total LOG data one message may emit (bytes, counted whether or not
 * the frame later reverts). LOG data costs 8 gas per byte, so reaching it takes
 * over 500 M gas.
 */
export const MAX_MESSAGE_LOG_BYTES = 64 * 1024 * 1024

/** Frame memories whose buffer grew beyond this are dropped, not pooled, when the frame ends. */
export const MAX_POOLED_MEMORY = 1024 * 1024

/** What one message's frames hold, for the limits above. */
export interface MessageUsage {
  /** Bytes of memory, input and return data held by the suspended frames (the running one is bounded by its `memoryLimit`). */
  held: number
  /** LOG data emitted so far. */
  logBytes: number
}
