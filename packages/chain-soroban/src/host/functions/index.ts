/** Every host function this host implements, by env.json name. */
import { VOID } from '../../val.ts'
import { address } from './address.ts'
import { asset } from './asset.ts'
import { buf } from './buf.ts'
import { call } from './call.ts'
import { collections } from './collections.ts'
import { context } from './context.ts'
import { crypto } from './crypto.ts'
import { curves } from './curves.ts'
import { int } from './int.ts'
import { intChecked } from './int-checked.ts'
import { poseidon } from './poseidon.ts'
import { prng } from './prng.ts'
import { storage } from './storage.ts'
import type { HostImplementation } from './types.ts'

export type { Arg, HostImplementation } from './types.ts'

export const HOST_IMPLEMENTATIONS: Readonly<Record<string, HostImplementation>> = {
  ...context, ...int, ...collections, ...buf, ...storage, ...call, ...crypto, ...address, ...asset, ...prng, ...intChecked, ...curves, ...poseidon,
  dummy0: () => VOID,
}
