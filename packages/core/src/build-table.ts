/**
 * Building instruction tables: rows in, the per-byte arrays the tiers read
 * out (traits from each row or its operation, dispatch kinds for the block
 * loop), and tables derived from others.
 */
import type { GasSchedule } from '@zvm/gas'
import { dispatchOf } from './dispatch.ts'
import { wordOf, type WordOp } from './ops/binary.ts'
import { STACK_LIMIT, type InstructionSpec, type InstructionTable, type Operation, type TableOptions } from './table.ts'
import { endsBlock as endsBlockTrait, fallsThrough as fallsThroughTrait, traitsOf, type InstructionTraits } from './traits.ts'

/**
 * Builds a table from per-opcode specs; unspecified bytes run `invalid`.
 *
 * @example
 * ```ts
 * import { buildTable } from '@zvm/core'
 * // NATIVE_TABLE comes from @zvm/native
 * const t = buildTable('mini', [], NATIVE_TABLE.ops[0xfe]!, NATIVE_TABLE.schedule, { jumpdest: -1, rejectEfPrefix: false })
 * t.ops.length // 256
 * ```
 */
export function buildTable(
  id: string,
  specs: readonly InstructionSpec[],
  invalid: Operation,
  schedule: GasSchedule,
  options: TableOptions,
): InstructionTable {
  const ops: Operation[] = new Array(256).fill(invalid)
  const staticGas = new Int32Array(256)
  const minStack = new Int32Array(256)
  const maxStack = new Int32Array(256).fill(STACK_LIMIT)
  const immediateSize = new Uint8Array(256)
  const stackDelta = new Int32Array(256)
  const rows: (InstructionSpec | undefined)[] = new Array(256).fill(undefined)
  const traits: InstructionTraits[] = new Array(256).fill(traitsOf(invalid))
  const endsBlock = new Uint8Array(256)
  const fallsThrough = new Uint8Array(256)
  const neverHaltsTrait = new Uint8Array(256)
  const dispatch = new Uint8Array(256)
  const dispatchArg = new Uint8Array(256)
  const wordOps: (WordOp | undefined)[] = new Array(256).fill(undefined)
  const names: string[] = Array.from({ length: 256 }, (_, i) => `INVALID_0x${i.toString(16).padStart(2, '0')}`)
  for (let b = 0; b < 256; b++) endsBlock[b] = endsBlockTrait(traits[b]) ? 1 : 0
  for (const s of specs) {
    if (!Number.isInteger(s.code) || s.code < 0 || s.code > 255) throw new RangeError(`instruction ${s.name}: code ${s.code} is not a byte`)
    const t = s.traits ?? traitsOf(s.op)
    rows[s.code] = s
    traits[s.code] = t
    ops[s.code] = s.op
    staticGas[s.code] = s.staticGas
    minStack[s.code] = s.stackIn
    maxStack[s.code] = STACK_LIMIT - Math.max(0, s.stackOut - s.stackIn)
    immediateSize[s.code] = s.immediateSize ?? 0
    names[s.code] = s.name
    stackDelta[s.code] = s.stackOut - s.stackIn
    endsBlock[s.code] = endsBlockTrait(t) ? 1 : 0
    fallsThrough[s.code] = fallsThroughTrait(t) ? 1 : 0
    neverHaltsTrait[s.code] = t.neverHalts === true ? 1 : 0
    ;[dispatch[s.code], dispatchArg[s.code]] = dispatchOf(s.op)
    wordOps[s.code] = wordOf(s.op)
  }
  return {
    id, rows, invalid, traits, ops, staticGas, minStack, maxStack, immediateSize, stackDelta, endsBlock, fallsThrough, neverHalts: neverHaltsTrait,
    jumpdest: options.jumpdest, schedule, rejectEfPrefix: options.rejectEfPrefix, delegation: options.delegation ?? false, names, dispatch, dispatchArg, wordOps,
  }
}

/**
 * A new table: `base` with `specs` added or replacing the rows at their
 * bytes (a spec whose `op` is `base.invalid` removes one). `base` is not
 * changed; caches are per table object, so both can run side by side.
 *
 * @example
 * ```ts
 * import { withInstructions, ops } from '@zvm/core'
 * // evmTable and Fork come from @zvm/chain-evm
 * const table = withInstructions(evmTable(Fork.Cancun), [
 *   { code: 0x0c, name: 'DOUBLE', op: double, staticGas: 5, stackIn: 1, stackOut: 1, traits: { neverHalts: true } },
 * ])
 * ```
 */
export function withInstructions(base: InstructionTable, specs: readonly InstructionSpec[], id = `${base.id}+custom`): InstructionTable {
  const replaced = new Set(specs.map((s) => s.code))
  const kept = base.rows.filter((r): r is InstructionSpec => r !== undefined && !replaced.has(r.code))
  const added = specs.filter((s) => s.op !== base.invalid)
  return buildTable(id, [...kept, ...added], base.invalid, base.schedule, {
    jumpdest: base.jumpdest, rejectEfPrefix: base.rejectEfPrefix, delegation: base.delegation,
  })
}
