/**
 * Finds the selectors a KALIX dispatcher routes. KALIX compiles a contract's
 * entry as: load the first calldata word, shift the selector down, then per
 * function `DUP1 PUSH4 <selector> EQ PUSH4 <entry> JUMPI` (a compiler may
 * split the chain, e.g. into a binary search on GT/LT; only the EQ-then-jump
 * legs route a call). A `PUSH4 s EQ PUSH4 t JUMPI` sequence anywhere in the
 * code whose target `t` starts an instruction counts as routing selector `s`.
 */
import { disassemble, OP } from '@zvm/bytecode'
import type { Hex } from '@zvm/primitives'

/**
 * Selector → entry offset for every `PUSH4 s EQ PUSH4 t JUMPI` in `code`
 * whose target is an instruction start (the first leg for a selector wins).
 *
 * @example
 * ```ts
 * import { assembleToBytes } from '@zvm/bytecode'
 * import { dispatchedSelectors } from '@zvm/runtime-kalix'
 * const code = assembleToBytes('PUSH 0\nCALLDATALOAD\nPUSH 224\nSHR\nDUP1\nPUSH4 0x12345678\nEQ\nPUSH @f\nJUMPI\nHALT\nf: HALT')
 * dispatchedSelectors(code).get('0x12345678') // 20
 * ```
 */
export function dispatchedSelectors(code: Uint8Array): Map<Hex, number> {
  const ins = disassemble(code)
  const starts = new Set(ins.map((i) => i.offset))
  const out = new Map<Hex, number>()
  for (let i = 0; i + 3 < ins.length; i++) {
    const [sel, eq, push, jumpi] = [ins[i], ins[i + 1], ins[i + 2], ins[i + 3]]
    if (sel.opcode !== OP.PUSH4 || eq.opcode !== OP.EQ || push.opcode !== OP.PUSH4 || jumpi.opcode !== OP.JUMPI) continue
    // A PUSH4 cut off by the end of the code has a short immediate: no selector.
    if (sel.immediate?.length !== 10 || push.immediate?.length !== 10) continue
    const target = Number.parseInt(push.immediate.slice(2), 16)
    if (!starts.has(target) || out.has(sel.immediate)) continue
    out.set(sel.immediate, target)
  }
  return out
}
