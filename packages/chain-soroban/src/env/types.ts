/** The argument and return types the Soroban host interface uses (env.json). */
export type EnvType = string

/** One importable host function. `args` are [name, type] pairs. */
export interface HostFunctionSpec {
  readonly module: string
  readonly export: string
  readonly name: string
  readonly args: readonly (readonly [string, EnvType])[]
  readonly returns: EnvType
  readonly minProtocol: number
  readonly maxProtocol: number
}
