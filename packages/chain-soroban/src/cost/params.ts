/**
 * A ContractCostParams set: per cost type, CPU and memory terms
 * `const + floor(lin × input / 2^7)` (times the iteration count). Held in
 * flat typed arrays so charging allocates nothing.
 */
import { COST_TYPE_NAMES, DEFAULT_COST_TERMS } from './types.ts'

/** One cost type's terms, as in shared/spec/soroban-cost-params.json (`lin` scaled by 2^7). */
export interface CostTermsJson { readonly const: number, readonly lin: number }
/**
 * The JSON shape of a cost parameter set (the spec file's `costTypes`, keyed by
 * ContractCostType name; `id` optional, checked when given). Types left out keep
 * the default parameters.
 */
export interface CostParamsJson {
  readonly costTypes: Readonly<Record<string, { readonly id?: number, readonly cpu: CostTermsJson, readonly mem: CostTermsJson }>>
  readonly linTermScaleBits?: number
  readonly wasmFuel?: { readonly cpuPerFuel?: number }
}

/** The number of linear-term fraction bits (Soroban's COST_MODEL_LIN_TERM_SCALE_BITS). */
export const LIN_SCALE = 128

export class CostParams {
  readonly cpuConst: Float64Array
  readonly cpuLin: Float64Array
  readonly memConst: Float64Array
  readonly memLin: Float64Array

  constructor(terms: readonly (readonly [number, number, number, number])[] = DEFAULT_COST_TERMS) {
    const n = COST_TYPE_NAMES.length
    this.cpuConst = new Float64Array(n)
    this.cpuLin = new Float64Array(n)
    this.memConst = new Float64Array(n)
    this.memLin = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const t = terms[i] ?? DEFAULT_COST_TERMS[i]
      this.cpuConst[i] = t[0]
      this.cpuLin[i] = t[1]
      this.memConst[i] = t[2]
      this.memLin[i] = t[3]
    }
  }

  /** CPU per unit of wasm fuel: WasmInsnExec's CPU constant, at least 1 (as the host derives it). */
  get cpuPerFuel(): number { return Math.max(1, this.cpuConst[0]) }

  /** A parameter set from its JSON form (shared/spec/soroban-cost-params.json's shape). */
  static fromJson(json: CostParamsJson): CostParams {
    if (json.linTermScaleBits !== undefined && json.linTermScaleBits !== 7) throw new RangeError(`linTermScaleBits must be 7, got ${json.linTermScaleBits}`)
    const terms = DEFAULT_COST_TERMS.map((t) => [...t] as [number, number, number, number])
    const check = (v: unknown, what: string): number => {
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what} must be a non-negative integer`)
      return v
    }
    for (const [name, p] of Object.entries(json.costTypes)) {
      const id = (COST_TYPE_NAMES as readonly string[]).indexOf(name)
      if (id < 0) throw new RangeError(`unknown cost type ${name}`)
      if (p.id !== undefined && p.id !== id) throw new RangeError(`cost type ${name} has id ${id}, not ${p.id}`)
      terms[id] = [check(p.cpu.const, `${name}.cpu.const`), check(p.cpu.lin, `${name}.cpu.lin`), check(p.mem.const, `${name}.mem.const`), check(p.mem.lin, `${name}.mem.lin`)]
    }
    return new CostParams(terms)
  }
}

export const DEFAULT_COST_PARAMS = new CostParams()
