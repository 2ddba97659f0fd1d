/**
 * ZVM (in each execution tier) and @ethereumjs/evm behind one interface, as
 * packages/chain-evm/test/engines.ts drives them: a scenario (accounts with
 * code and balance, then calls and deployments, each its own transaction) is
 * run on a fresh engine and gives comparable outcomes plus the state of the
 * touched accounts.
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { createAccount, createAddressFromString } from '@ethereumjs/util'
import { evmTable, Fork, precompilesFor } from '@zvm/chain-evm'
import { Vm, type ExecutionResult, type ExecutionTier } from '@zvm/core'
import { bigintToBytes, bytesToHex, type Address } from '@zvm/primitives'

const NOTHING_CREATED: Address = '0x00000000000000000000000000000000000000e1'

export type EvmFork = 'Cancun' | 'Prague'

/** ZVM execution modes under test: each tier, and compiled code once it is hot (threshold 3) or at once (1). */
export const ZVM_TIERS = {
  interpreter: { tier: 'interpreter' },
  blocks: { tier: 'blocks' },
  'compiled-hot': { tier: 'compiled', compileThreshold: 3 },
  'compiled-eager': { tier: 'compiled', compileThreshold: 1 },
  default: {},
} as const satisfies Record<string, { tier?: ExecutionTier; compileThreshold?: number }>
export type ZvmTier = keyof typeof ZVM_TIERS
export const TIER_NAMES = Object.keys(ZVM_TIERS) as ZvmTier[]

export type Step =
  /** `to: 'created'` calls what the last deployment created (EMPTY when it created nothing). */
  | { kind: 'call'; caller: Address; to: Address | 'created'; data: Uint8Array; gas: number; value: bigint }
  | { kind: 'deploy'; caller: Address; initCode: Uint8Array; gas: number; value: bigint }

export interface Scenario {
  accounts: { address: Address; code?: Uint8Array; balance?: bigint }[]
  steps: Step[]
}

export interface Outcome {
  status: 'success' | 'revert' | 'error'
  returnData: string
  logs: string[]
  /** Gas used before refunds (what ethereumjs reports as executionGasUsed). */
  gasUsed: number
  createdAddress?: string
}

export interface AccountState { balance: string; nonce: string; code: string; storage: Record<string, string> }

export interface RunResult {
  outcomes: Outcome[]
  /** How each step ended on ZVM (success, revert, OutOfGas, InvalidJump …), for tallies. */
  errors?: (string | null)[]
  /** Storage slots each step wrote, by address (from ZVM's state diff), to read back on every engine. */
  touched?: Map<Address, Set<bigint>>
}

const hex32 = (v: bigint): string => `0x${v.toString(16).padStart(64, '0')}`

function zvmOutcome(r: ExecutionResult): Outcome {
  return {
    status: r.status,
    returnData: r.status === 'error' ? '0x' : bytesToHex(r.returnData),
    logs: r.logs.map((l) => `${l.address}|${l.topics.map(hex32).join(',')}|${bytesToHex(l.data)}`),
    gasUsed: r.gasUsed + r.gasRefunded,
    ...(r.createdAddress ? { createdAddress: r.createdAddress } : {}),
  }
}

/** A ZVM engine for one fork and tier; `state` reads the touched accounts back after the steps. */
export function runZvm(fork: EvmFork, tier: ZvmTier, scenario: Scenario): RunResult & { state: (touched: Map<Address, Set<bigint>>) => Record<string, AccountState> } {
  const f = fork === 'Cancun' ? Fork.Cancun : Fork.Prague
  const vm = new Vm({ table: evmTable(f), host: { blockHash: () => 0n }, precompiles: precompilesFor(f), ...ZVM_TIERS[tier] })
  for (const a of scenario.accounts) {
    if (a.code) vm.state.setCode(a.address, a.code)
    if (a.balance) vm.state.setBalance(a.address, a.balance)
  }
  const outcomes: Outcome[] = []
  const errors: (string | null)[] = []
  const touched = new Map<Address, Set<bigint>>()
  let created: Address = NOTHING_CREATED
  for (const s of scenario.steps) {
    const r = s.kind === 'call'
      ? vm.call({ caller: s.caller, to: s.to === 'created' ? created : s.to, data: s.data, gasLimit: s.gas, value: s.value })
      : vm.deploy({ caller: s.caller, initCode: s.initCode, gasLimit: s.gas, value: s.value })
    const o = zvmOutcome(r)
    if (s.kind === 'deploy') created = r.createdAddress ?? NOTHING_CREATED
    outcomes.push(s.kind === 'deploy' ? { ...o, returnData: '0x' } : o)
    errors.push(r.error ?? r.status)
    for (const a of r.stateDiff.accounts) {
      const keys = touched.get(a.address) ?? new Set<bigint>()
      for (const k of a.storage.keys()) keys.add(k)
      touched.set(a.address, keys)
    }
  }
  const state = (t: Map<Address, Set<bigint>>): Record<string, AccountState> => {
    const out: Record<string, AccountState> = {}
    for (const [address, keys] of [...t].sort(([a], [b]) => a.localeCompare(b))) {
      const storage: Record<string, string> = {}
      for (const k of [...keys].sort((a, b) => (a < b ? -1 : 1))) storage[k.toString(16)] = vm.state.sload(address, k).toString(16)
      out[address] = { balance: vm.state.getBalance(address).toString(), nonce: vm.state.getNonce(address).toString(), code: bytesToHex(vm.state.getCode(address)), storage }
    }
    return out
  }
  return { outcomes, errors, touched, state }
}

/** ZVM's default block (core's defaultBlockEnv) in the shape runCall reads, so NUMBER, TIMESTAMP, GASLIMIT … agree. */
const BLOCK = {
  header: {
    number: 1n, coinbase: createAddressFromString('0x0000000000000000000000000000000000000000'), timestamp: 1n, difficulty: 0n,
    prevRandao: new Uint8Array(32), gasLimit: 30_000_000n, baseFeePerGas: 0n, slotNumber: 0n, getBlobGasPrice: () => 1n,
  },
}

/** @ethereumjs/evm on a fresh state; each step is its own transaction (nothing warm, no transient storage). */
export async function runEthereumjs(fork: EvmFork, scenario: Scenario, touched: Map<Address, Set<bigint>>): Promise<RunResult & { state: Record<string, AccountState> }> {
  const common = new Common({ chain: Mainnet, hardfork: fork === 'Cancun' ? Hardfork.Cancun : Hardfork.Prague })
  const evm = await createEVM({ common })
  const sm = evm.stateManager
  for (const a of scenario.accounts) {
    const address = createAddressFromString(a.address)
    if (a.balance) {
      const account = (await sm.getAccount(address)) ?? createAccount({ nonce: 0n, balance: 0n })
      account.balance = a.balance
      await sm.putAccount(address, account)
    }
    if (a.code) await sm.putCode(address, a.code)
  }
  const outcomes: Outcome[] = []
  let created: Address = NOTHING_CREATED
  for (const s of scenario.steps) {
    await evm.journal.cleanup()
    evm.transientStorage.clear()
    // As in a transaction (EIP-2929), the fork's precompiles start warm; runCall alone leaves them cold.
    for (const address of evm.precompiles.keys()) evm.journal.addAlwaysWarmAddress(address)
    // EIP-2929: so are the sender and the target (runCall warms neither; ZVM's Vm does, as a transaction would).
    evm.journal.addAlwaysWarmAddress(s.caller)
    if (s.kind === 'call') evm.journal.addAlwaysWarmAddress(s.to === 'created' ? created : s.to)
    // EIP-2200 compares with the value at the start of *this* transaction.
    ;(sm as unknown as { originalStorageCache: { clear(): void } }).originalStorageCache.clear()
    const r = await evm.runCall({
      caller: createAddressFromString(s.caller), gasLimit: BigInt(s.gas), value: s.value, block: BLOCK as never,
      ...(s.kind === 'call' ? { to: createAddressFromString(s.to === 'created' ? created : s.to), data: s.data } : { data: s.initCode }),
    })
    if (s.kind === 'deploy') created = r.createdAddress && r.execResult.exceptionError === undefined ? (r.createdAddress.toString() as Address) : NOTHING_CREATED
    const e = r.execResult
    const status = e.exceptionError === undefined ? 'success' : e.exceptionError.error === 'revert' ? 'revert' : 'error'
    outcomes.push({
      status,
      returnData: status === 'error' || s.kind === 'deploy' ? '0x' : bytesToHex(e.returnValue),
      logs: (e.logs ?? []).map(([address, topics, data]) => `${bytesToHex(address)}|${topics.map((t) => bytesToHex(t)).join(',')}|${bytesToHex(data)}`),
      gasUsed: Number(e.executionGasUsed),
      ...(r.createdAddress && status === 'success' ? { createdAddress: r.createdAddress.toString() } : {}),
    })
  }
  const state: Record<string, AccountState> = {}
  for (const [address, keys] of [...touched].sort(([a], [b]) => a.localeCompare(b))) {
    const a = createAddressFromString(address)
    const account = await sm.getAccount(a)
    const storage: Record<string, string> = {}
    for (const k of [...keys].sort((x, y) => (x < y ? -1 : 1))) {
      const v = await sm.getStorage(a, bigintToBytes(k, 32))
      storage[k.toString(16)] = (v.length === 0 ? 0n : BigInt(bytesToHex(v))).toString(16)
    }
    state[address] = { balance: (account?.balance ?? 0n).toString(), nonce: (account?.nonce ?? 0n).toString(), code: bytesToHex(await sm.getCode(a)), storage }
  }
  return { outcomes, state }
}
