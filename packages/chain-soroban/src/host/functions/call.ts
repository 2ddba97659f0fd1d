/** Module `d`: cross-contract calls. */
import type { Of } from '../objects.ts'
import type { HostImplementation } from './types.ts'

export const call: Record<string, HostImplementation> = {
  call: (h, [contract, fn, args]) => h.call((contract as Of<'address'>).value, fn as string, (args as Of<'vec'>).value),
  try_call: (h, [contract, fn, args]) => h.tryCall((contract as Of<'address'>).value, fn as string, (args as Of<'vec'>).value),
}
