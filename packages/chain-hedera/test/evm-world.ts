/** A Hedera EVM world for the tests: a ledger, funded EOAs with accounts, a deployed HtsUser, and a `send` helper. */
import type { EvmBlock } from '@zvm/chain-evm'
import type { Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { decodeFunctionResult, encodeFunctionData, type Abi } from 'viem'
import { executeHederaTransaction, HederaLedger, type HederaIncludedTransaction, type HederaTransactionOptions } from '../src/index.ts'
import { compileContracts } from './solc.ts'

export const BLOCK: EvmBlock = {
  number: 1n, timestamp: 1_700_000_000n, coinbase: '0x0000000000000000000000000000000000000062', gasLimit: 15_000_000n,
  baseFee: 0n, prevRandao: 0x1234n, difficulty: 0n, chainId: 298n, excessBlobGas: 0n,
}
export const OWNER: Address = '0x00000000000000000000000000000000000a11ce'.replace('0x00', '0xaa') as Address
export const USER: Address = '0xbb0000000000000000000000000000000000b0b0'
export const OTHER: Address = '0xcc0000000000000000000000000000000000c0c0'
/** One HBAR in tinybar. */
export const HBAR = 100_000_000n

export function hederaWorld(options: HederaTransactionOptions = {}) {
  const state = new JournaledState()
  const ledger = new HederaLedger(state)
  for (const alias of [OWNER, USER, OTHER]) {
    const r = ledger.createAccount({ alias, initialBalance: 10_000n * HBAR })
    if (r.code !== 22) throw new Error(`account ${alias}: ${r.code}`)
  }
  const { HtsUser } = compileContracts()
  const abi = HtsUser.abi

  function run(from: Address, to: Address | null, data: Uint8Array, value = 0n, gasLimit = 5_000_000n) {
    return executeHederaTransaction(ledger, {
      type: 2, from, to, nonce: state.getNonce(from), gasLimit, value, data, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n,
    }, BLOCK, options)
  }
  const deployed = run(OWNER, null, HtsUser.bytecode)
  if (!deployed.valid || deployed.status !== 'success') throw new Error('deploy failed')
  const contract = deployed.createdAddress!

  /** Calls `fn` on `to` (default the HtsUser) with `abi`, from `from`; returns the result and the decoded output. */
  function call(fn: string, args: readonly unknown[], o: { from?: Address; to?: Address; value?: bigint; abi?: Abi; gasLimit?: bigint } = {}) {
    const useAbi = o.abi ?? abi
    const data = encodeFunctionData({ abi: useAbi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0])
    const r = run(o.from ?? OWNER, o.to ?? contract, Uint8Array.from(Buffer.from(data.slice(2), 'hex')), o.value ?? 0n, o.gasLimit)
    if (!r.valid) throw new Error(`invalid: ${r.message}`)
    const value = r.status === 'success' && r.output.length > 0
      ? decodeFunctionResult({ abi: useAbi, functionName: fn, data: `0x${Buffer.from(r.output).toString('hex')}` } as Parameters<typeof decodeFunctionResult>[0])
      : undefined
    return { r: r as HederaIncludedTransaction, value }
  }
  /** A call whose first result is a response code: the code as a number. */
  const rc = (fn: string, args: readonly unknown[], o: Parameters<typeof call>[2] = {}): number => {
    const { r, value } = call(fn, args, o)
    if (r.status !== 'success') throw new Error(`${fn} ended ${r.status} (${r.error})`)
    return Number(Array.isArray(value) ? value[0] : value)
  }
  return { state, ledger, contract, abi, run, call, rc }
}
