/**
 * ZVM and @ethereumjs/evm behind one interface, so a test can run the same
 * message on both and compare status, return data, logs and gas.
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM, type EVM } from '@ethereumjs/evm'
import { createAddressFromString } from '@ethereumjs/util'
import { Vm } from '@zvm/core'
import { bytesToHex, type Address } from '@zvm/primitives'
import { evmTable, Fork, precompilesFor } from '../src/index.ts'

export interface Outcome {
  status: 'success' | 'revert' | 'error'
  returnData: string
  logs: { address: string; topics: string[]; data: string }[]
  /** Gas used before refunds. */
  gasUsed: number
  createdAddress?: string
}

export interface Engine {
  deploy(caller: Address, initCode: Uint8Array, gasLimit?: number): Promise<Outcome>
  call(caller: Address, to: Address, data: Uint8Array, gasLimit?: number, value?: bigint): Promise<Outcome>
  setCode(address: Address, code: Uint8Array): Promise<void>
  setBalance(address: Address, balance: bigint): Promise<void>
}

const GAS = 10_000_000

/** ZVM tiers under test: every block compiled on first use, and the per-instruction interpreter. */
export const TIERS = ['eager', 'interpreter'] as const
export type TestTier = (typeof TIERS)[number]

export function zvmEngine(fork: 'Cancun' | 'Prague', tier: TestTier = 'eager'): Engine {
  const f = fork === 'Cancun' ? Fork.Cancun : Fork.Prague
  const precompiles = precompilesFor(f)
  const engine = tier === 'eager' ? { tier: 'compiled' as const, compileThreshold: 1 } : { tier: 'interpreter' as const }
  const vm = new Vm({ table: evmTable(f), host: { blockHash: () => 0n }, precompiles, ...engine })
  const outcome = (r: ReturnType<Vm['call']>): Outcome => ({
    status: r.status,
    returnData: r.status === 'error' ? '0x' : bytesToHex(r.returnData),
    logs: r.logs.map((l) => ({ address: l.address, topics: l.topics.map((t) => `0x${t.toString(16).padStart(64, '0')}`), data: bytesToHex(l.data) })),
    gasUsed: r.gasUsed + r.gasRefunded,
    ...(r.createdAddress ? { createdAddress: r.createdAddress } : {}),
  })
  return {
    deploy: async (caller, initCode, gasLimit = GAS) => {
      const r = vm.deploy({ caller, initCode, gasLimit })
      return { ...outcome(r), returnData: '0x' }
    },
    call: async (caller, to, data, gasLimit = GAS, value = 0n) => outcome(vm.call({ caller, to, data, gasLimit, value })),
    setCode: async (address, code) => { vm.state.setCode(address, code) },
    setBalance: async (address, balance) => { vm.state.setBalance(address, balance) },
  }
}

export async function ethereumjsEngine(fork: 'Cancun' | 'Prague'): Promise<Engine> {
  const common = new Common({ chain: Mainnet, hardfork: fork === 'Cancun' ? Hardfork.Cancun : Hardfork.Prague })
  const evm: EVM = await createEVM({ common })
  const run = async (opts: Parameters<EVM['runCall']>[0], gasLimit: number): Promise<Outcome> => {
    // Each message is its own transaction: nothing warm, no transient storage.
    await evm.journal.cleanup()
    evm.transientStorage.clear()
    // As in a transaction (EIP-2929), the fork's precompiles start warm; runCall alone leaves them cold.
    for (const address of evm.precompiles.keys()) evm.journal.addAlwaysWarmAddress(address)
    // EIP-2200 compares with the value at the start of *this* transaction.
    ;(evm.stateManager as unknown as { originalStorageCache: { clear(): void } }).originalStorageCache.clear()
    const r = await evm.runCall({ ...opts, gasLimit: BigInt(gasLimit) })
    const e = r.execResult
    const status = e.exceptionError === undefined ? 'success' : e.exceptionError.error === 'revert' ? 'revert' : 'error'
    return {
      status,
      returnData: status === 'error' ? '0x' : bytesToHex(e.returnValue),
      logs: (e.logs ?? []).map(([address, topics, data]) => ({ address: bytesToHex(address), topics: topics.map((t) => bytesToHex(t)), data: bytesToHex(data) })),
      gasUsed: Number(e.executionGasUsed),
      ...(r.createdAddress && status === 'success' ? { createdAddress: r.createdAddress.toString() } : {}),
    }
  }
  return {
    deploy: async (caller, initCode, gasLimit = GAS) => ({ ...(await run({ caller: createAddressFromString(caller), data: initCode }, gasLimit)), returnData: '0x' }),
    call: (caller, to, data, gasLimit = GAS, value = 0n) => run({ caller: createAddressFromString(caller), to: createAddressFromString(to), data, value }, gasLimit),
    setCode: async (address, code) => { await evm.stateManager.putCode(createAddressFromString(address), code) },
    setBalance: async (address, balance) => {
      const a = createAddressFromString(address)
      const { createAccount } = await import('@ethereumjs/util')
      const existing = await evm.stateManager.getAccount(a)
      const account = existing ?? createAccount({ nonce: 0n, balance: 0n })
      account.balance = balance
      await evm.stateManager.putAccount(a, account)
    },
  }
}
