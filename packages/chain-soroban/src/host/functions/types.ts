/** What host function implementations receive and return. */
import type { Invocation } from '../invocation.ts'
import type { HostObject } from '../objects.ts'

/**
 * A decoded argument: an absolute Val (bigint) for `Val`, a number for
 * `U32Val`/`StorageType`, a boolean, a symbol string, a bigint for numbers
 * and raw u64/i64, or the object for `*Object` types. Results use the same
 * forms; an object result may be a new {@link HostObject} or an absolute Val.
 */
export type Arg = bigint | number | boolean | string | HostObject
export type HostImplementation = (h: Invocation, a: Arg[]) => Arg | undefined
