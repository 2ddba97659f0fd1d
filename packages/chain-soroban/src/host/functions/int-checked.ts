/** Module `i` (protocol 26): checked 256-bit arithmetic — the result, or `Void` on overflow. */
import { VOID } from '../../val.ts'
import { inRange } from '../store.ts'
import type { HostImplementation } from './types.ts'

function checkedOps(kind: 'u256' | 'i256'): Record<string, HostImplementation> {
  const result = (h: Parameters<HostImplementation>[0], v: bigint): bigint => (inRange(kind, v) ? h.store.intVal(kind, v) : VOID)
  return {
    [`${kind}_checked_add`]: (h, [a, b]) => result(h, (a as bigint) + (b as bigint)),
    [`${kind}_checked_sub`]: (h, [a, b]) => result(h, (a as bigint) - (b as bigint)),
    [`${kind}_checked_mul`]: (h, [a, b]) => result(h, (a as bigint) * (b as bigint)),
    [`${kind}_checked_pow`]: (h, [a, e]) => {
      let acc = 1n
      let base = a as bigint
      let n = e as number
      // Square-and-multiply; stop as soon as a step leaves the range (the result would too, unless the base is 0 or ±1).
      while (n > 0) {
        h.budget.chargeCpu(10)
        if (n & 1) { acc *= base; if (!inRange(kind, acc)) return VOID }
        n >>>= 1
        if (n > 0) { base *= base; if (!inRange(kind, base)) return VOID }
      }
      return h.store.intVal(kind, acc)
    },
  }
}

export const intChecked: Record<string, HostImplementation> = { ...checkedOps('u256'), ...checkedOps('i256') }
