/**
 * The invocation budget: CPU instructions and memory bytes, as Soroban
 * meters them. Wasm execution is charged per instruction through the fuel
 * global the instrumenter adds; host functions charge here. Costs are a
 * deterministic model of Soroban's cost types, not calibrated to stellar-core.
 */
import { ErrorCode, ErrorType, HostError } from './errors.ts'

export const DEFAULT_CPU_LIMIT = 100_000_000
export const DEFAULT_MEM_LIMIT = 40 * 1024 * 1024

/** CPU costs of host work (instructions). */
export const Cost = {
  hostCall: 100,
  perByte: 1,
  objectAlloc: 50,
  sha256Base: 3_738, sha256PerByte: 7,
  keccakBase: 3_766, keccakPerByte: 5,
  ed25519Verify: 377_524,
  secp256k1Recover: 2_315_295,
  secp256r1Verify: 3_000_000,
  vmInstantiateBase: 500_000, vmInstantiatePerByte: 40,
  storageAccess: 1_000,
} as const

export class Budget {
  readonly cpuLimit: number
  readonly memLimit: number
  cpu = 0
  mem = 0
  constructor(cpuLimit = DEFAULT_CPU_LIMIT, memLimit = DEFAULT_MEM_LIMIT) {
    this.cpuLimit = cpuLimit
    this.memLimit = memLimit
  }

  get cpuRemaining(): number { return Math.max(0, this.cpuLimit - this.cpu) }

  chargeCpu(n: number): void {
    this.cpu += n
    if (this.cpu > this.cpuLimit) throw new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `CPU budget of ${this.cpuLimit} instructions exceeded`)
  }

  chargeMem(bytes: number): void {
    this.mem += bytes
    if (this.mem > this.memLimit) throw new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `memory budget of ${this.memLimit} bytes exceeded`)
  }
}
