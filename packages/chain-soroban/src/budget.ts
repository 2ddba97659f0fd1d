/**
 * The invocation budget: CPU instructions and memory bytes, as Soroban
 * meters them. Every charge is one of Soroban's ContractCostTypes with an
 * input (see src/cost/): `const + floor(lin × input / 2^7)` per dimension,
 * with the parameters of a {@link CostParams} set (rs-soroban-env 28's
 * defaults unless another is given). Wasm execution is charged through the
 * fuel global the instrumenter adds (WasmInsnExec per unit of fuel).
 */
import { CostParams, DEFAULT_COST_PARAMS, LIN_SCALE } from './cost/params.ts'
import { ErrorCode, ErrorType, HostError } from './errors.ts'

export const DEFAULT_CPU_LIMIT = 100_000_000
export const DEFAULT_MEM_LIMIT = 40 * 1024 * 1024

/** @deprecated Flat CPU figures of the former model; charges now go by cost type (src/cost/). */
export const Cost = {
  hostCall: 100,
  perByte: 1,
  objectAlloc: 50,
  sha256Base: 3_738, sha256PerByte: 7,
  keccakBase: 3_766, keccakPerByte: 5,
  ed25519Verify: 377_524,
  secp256k1Recover: 2_315_295,
  secp256r1Verify: 3_000_000,
  storageAccess: 1_000,
} as const

/** A linear cost model: `const + floor(lin × input / 128)` (lin is scaled by 2^7, as Soroban stores it). */
export interface LinearCost { readonly cpu: readonly [constant: number, lin: number], readonly mem: readonly [constant: number, lin: number] }

/**
 * Soroban's cost types for loading a contract, with the parameters of
 * rs-soroban-env 28's default budget (shared/spec/soroban-cost-params.json).
 * Parse costs are charged the first time an invocation uses a module (the
 * host's per-transaction module cache); instantiate costs on every frame.
 */
export const WasmCost = {
  ParseWasmInstructions: { cpu: [73_077, 25_410], mem: [17_564, 6_457] },
  ParseWasmFunctions: { cpu: [0, 540_752], mem: [0, 47_464] },
  ParseWasmGlobals: { cpu: [0, 176_363], mem: [0, 13_420] },
  ParseWasmTableEntries: { cpu: [0, 29_989], mem: [0, 6_285] },
  ParseWasmTypes: { cpu: [0, 1_061_449], mem: [0, 64_670] },
  ParseWasmDataSegments: { cpu: [0, 237_336], mem: [0, 29_074] },
  ParseWasmElemSegments: { cpu: [0, 328_476], mem: [0, 48_095] },
  ParseWasmImports: { cpu: [0, 701_845], mem: [0, 103_229] },
  ParseWasmExports: { cpu: [0, 429_383], mem: [0, 36_394] },
  ParseWasmDataSegmentBytes: { cpu: [0, 28], mem: [0, 257] },
  VmCachedInstantiation: { cpu: [41_142, 634], mem: [69_472, 1_217] },
  InstantiateWasmInstructions: { cpu: [43_030, 0], mem: [70_704, 0] },
  InstantiateWasmFunctions: { cpu: [0, 7_556], mem: [0, 14_613] },
  InstantiateWasmGlobals: { cpu: [0, 10_711], mem: [0, 6_833] },
  InstantiateWasmTableEntries: { cpu: [0, 3_300], mem: [0, 1_025] },
  InstantiateWasmDataSegments: { cpu: [0, 23_038], mem: [0, 129_632] },
  InstantiateWasmElemSegments: { cpu: [0, 42_488], mem: [0, 13_665] },
  InstantiateWasmImports: { cpu: [0, 828_974], mem: [0, 97_637] },
  InstantiateWasmExports: { cpu: [0, 297_100], mem: [0, 9_176] },
  InstantiateWasmDataSegmentBytes: { cpu: [0, 14], mem: [0, 126] },
  /** Linear memory the instance allocates (input: bytes). */
  MemAlloc: { cpu: [434, 16], mem: [16, 128] },
} as const satisfies Record<string, LinearCost>

const linear = ([constant, lin]: readonly [number, number], input: number): number => constant + Math.floor(lin * input / 128)

export class Budget {
  readonly cpuLimit: number
  readonly memLimit: number
  readonly params: CostParams
  cpu = 0
  mem = 0
  /** Highest `mem` reached (memory is refunded when a contract frame's linear memory goes away). */
  memPeak = 0
  private readonly cpuConst: Float64Array
  private readonly cpuLin: Float64Array
  private readonly memConst: Float64Array
  private readonly memLin: Float64Array
  constructor(cpuLimit = DEFAULT_CPU_LIMIT, memLimit = DEFAULT_MEM_LIMIT, params: CostParams = DEFAULT_COST_PARAMS) {
    this.cpuLimit = cpuLimit
    this.memLimit = memLimit
    this.params = params
    this.cpuConst = params.cpuConst
    this.cpuLin = params.cpuLin
    this.memConst = params.memConst
    this.memLin = params.memLin
  }

  /**
   * Charges cost type `type` (a {@link CostType} id) for `input` units,
   * `iterations` times: CPU first, then memory, each checked against its
   * limit (as Soroban's Budget::bulk_charge does).
   */
  cost(type: number, input = 0, iterations = 1): void {
    const lc = this.cpuLin[type]
    const cpu = iterations * this.cpuConst[type] + (lc === 0 ? 0 : Math.floor(lc * input * iterations / LIN_SCALE))
    this.cpu += cpu
    if (this.cpu > this.cpuLimit) throw new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `CPU budget of ${this.cpuLimit} instructions exceeded`)
    const lm = this.memLin[type]
    const mem = iterations * this.memConst[type] + (lm === 0 ? 0 : Math.floor(lm * input * iterations / LIN_SCALE))
    if (mem !== 0) {
      this.mem += mem
      if (this.mem > this.memPeak) this.memPeak = this.mem
      if (this.mem > this.memLimit) throw new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `memory budget of ${this.memLimit} bytes exceeded`)
    }
  }

  /** Gives back memory charged earlier (a torn-down frame's linear memory); the peak stays. */
  refundMem(bytes: number): void { this.mem = Math.max(0, this.mem - bytes) }

  get cpuRemaining(): number { return Math.max(0, this.cpuLimit - this.cpu) }

  chargeCpu(n: number): void {
    this.cpu += n
    if (this.cpu > this.cpuLimit) throw new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `CPU budget of ${this.cpuLimit} instructions exceeded`)
  }

  /** Charges a cost type (id) or an explicit linear model for `input` units, CPU first (as Soroban does). */
  charge(cost: LinearCost | number, input: number): void {
    if (typeof cost === 'number') { this.cost(cost, input); return }
    this.chargeCpu(linear(cost.cpu, input))
    this.chargeMem(linear(cost.mem, input))
  }

  chargeMem(bytes: number): void {
    this.mem += bytes
    if (this.mem > this.memPeak) this.memPeak = this.mem
    if (this.mem > this.memLimit) throw new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `memory budget of ${this.memLimit} bytes exceeded`)
  }
}
