import { preloadBlake2 } from './ops/hash.ts'
import { preloadPostQuantum } from './ops/pq.ts'

/**
 * Loads the libraries the table's BLAKE2B and post-quantum opcodes load on
 * first use. Node.js needs no call; other runtimes await it once before
 * running programs that use those opcodes.
 */
export async function preloadNativeCrypto(): Promise<void> {
  await Promise.all([preloadPostQuantum(), preloadBlake2()])
}
