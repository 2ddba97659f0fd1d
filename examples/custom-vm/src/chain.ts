/**
 * "Counterchain": Ethereum (Cancun) plus three things of its own, built from
 * the published packages without touching their sources:
 *
 * - SQUARE (0x0c): an extra opcode, declared pure so the block tiers may
 *   charge its block's gas in advance;
 * - GASBUDGET (0x0d): an extra opcode that reads the gas left and declares
 *   nothing: the core treats it as observing gas, so every tier agrees;
 * - RANDOM (0x0e): a syscall answered by the host;
 * - a stateful precompile at 0x…0100 that counts its calls in its own
 *   storage; a frame that reverts undoes its count, like a contract's writes.
 */
import {
  declareTraits, ops, Vm, withInstructions, type ExecutionTier, type Frame, type Inspector, type InstructionTable, type Precompile, type SyscallResult,
} from '@zvm/core'
import { evmTable, Fork, precompilesFor } from '@zvm/chain-evm'
import { bigintToBytes, word, type Address } from '@zvm/primitives'

export const COUNTER: Address = '0x0000000000000000000000000000000000000100'
/** Gas the counter precompile charges per call. */
export const COUNTER_GAS = 5_000

/** SQUARE: (x) → x² mod 2^256. */
const square = declareTraits((f, pc) => {
  const a = (f.sp - 1) << 3
  word.mul(f.stack, a, a, a)
  return pc + 1
}, { neverHalts: true })

/** GASBUDGET: pushes the gas left (no traits declared: the core assumes it observes gas). */
function gasbudget(f: Frame, pc: number): number {
  word.setNumber(f.stack, f.sp << 3, f.gasLeft)
  f.sp++
  return pc + 1
}

/** The chain's instruction table: the EVM's, with three rows added. */
export const TABLE: InstructionTable = withInstructions(evmTable(Fork.Cancun), [
  { code: 0x0c, name: 'SQUARE', op: square, staticGas: 5, stackIn: 1, stackOut: 1 },
  { code: 0x0d, name: 'GASBUDGET', op: gasbudget, staticGas: 2, stackIn: 0, stackOut: 1 },
  { code: 0x0e, name: 'RANDOM', op: ops.syscall.makeSyscall(0x0e, 0, false), staticGas: 20, stackIn: 0, stackOut: 1 },
], 'counterchain')

/** Counts calls in slot 0 of its own account; refuses static calls. */
export const counter: Precompile = (_input, gasLimit, context) => {
  if (gasLimit < COUNTER_GAS || context.isStatic) return { ok: false, gasUsed: gasLimit, reason: context.isStatic ? 'static call' : 'out of gas' }
  const next = context.state.sload(COUNTER, 0n) + 1n
  context.state.sstore(COUNTER, 0n, next)
  return { ok: true, gasUsed: COUNTER_GAS, output: bigintToBytes(next, 32) }
}

/** RANDOM's answer: deterministic, from the block number and the gas the frame has left. */
export function syscall(opcode: number, _args: readonly bigint[], context: { gasLeft: number }): SyscallResult {
  return { ok: true, value: BigInt(opcode) * 1_000_000_000n + BigInt(context.gasLeft) }
}

/** A VM of the chain in `tier` (`compileThreshold: 1` compiles every block on first use). */
export function counterchainVm(tier: ExecutionTier, inspector?: Inspector): Vm {
  return new Vm({
    table: TABLE,
    precompiles: new Map([...precompilesFor(Fork.Cancun), [COUNTER, counter]]),
    host: { blockHash: () => 0n, syscall },
    tier,
    ...(tier === 'compiled' ? { compileThreshold: 1 } : {}),
    ...(inspector ? { inspector } : {}),
  })
}

/** Assembles mnemonics of `table` (`PUSHn` takes the next token as its immediate). */
export function assemble(table: InstructionTable, source: string): Uint8Array {
  const byName = new Map(table.names.map((name, code) => [name, code]))
  const out: number[] = []
  const tokens = source.split(/\s+/).filter(Boolean)
  for (let i = 0; i < tokens.length; i++) {
    const code = byName.get(tokens[i])
    if (code === undefined) throw new Error(`unknown instruction ${tokens[i]}`)
    out.push(code)
    const size = table.immediateSize[code]
    if (size > 0) out.push(...bigintToBytes(BigInt(tokens[++i]), size))
  }
  return new Uint8Array(out)
}

/** The inspector the issue asks for: gas and count per opcode name. */
export function gasPerOpcode(): { inspector: Inspector; totals: Map<string, number> } {
  const totals = new Map<string, number>()
  return {
    totals,
    inspector: {
      stepEnd(frame, _pc, opcode, gasCost) {
        // A CALL's cost includes the gas it hands on; the callee's own steps account for what it spends.
        const own = gasCost - (frame.action === null ? 0 : frame.action.gasLimit)
        const name = frame.ctx.table.names[opcode]
        totals.set(name, (totals.get(name) ?? 0) + own)
      },
    },
  }
}
