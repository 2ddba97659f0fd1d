/**
 * The two engines under benchmark. Each run gets a fresh state built outside
 * the timed region; only executing the message is timed.
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { createAccount, createAddressFromString } from '@ethereumjs/util'
import { evmTable, Fork, precompilesFor } from '@zvm/chain-evm'
import { Vm } from '@zvm/core'
import { bigintToBytes } from '@zvm/primitives'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import type { BenchCase } from './cases.ts'

export interface Timed { ms: number; gasUsed: number; status: string }

const precompiles = precompilesFor(Fork.Cancun)
const table = evmTable(Fork.Cancun)

/** One ZVM run: fresh in-memory state, then the timed call. */
export function runZvm(c: BenchCase): Timed {
  const db = new MemoryDatabase()
  for (const a of c.accounts) db.setAccount(a.address, a)
  const vm = new Vm({ state: new JournaledState(db), table, host: { blockHash: () => 0n, precompile: (a) => precompiles.get(a) } })
  const start = performance.now()
  const r = vm.call({ caller: c.caller, to: c.to, data: c.data, gasLimit: c.gasLimit })
  const ms = performance.now() - start
  return { ms, gasUsed: r.gasUsed + r.gasRefunded, status: r.status }
}

/** One @ethereumjs/evm run: fresh EVM and state, then the timed runCall. */
export async function runEthereumjs(c: BenchCase): Promise<Timed> {
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) })
  for (const a of c.accounts) {
    const address = createAddressFromString(a.address)
    await evm.stateManager.putAccount(address, createAccount({ nonce: a.nonce, balance: a.balance }))
    if (a.code.length) await evm.stateManager.putCode(address, a.code)
    for (const [k, v] of a.storage) await evm.stateManager.putStorage(address, bigintToBytes(k, 32), bigintToBytes(v, 32))
  }
  const start = performance.now()
  const r = await evm.runCall({ caller: createAddressFromString(c.caller), to: createAddressFromString(c.to), data: c.data, gasLimit: BigInt(c.gasLimit) })
  const ms = performance.now() - start
  const e = r.execResult
  return { ms, gasUsed: Number(e.executionGasUsed), status: e.exceptionError === undefined ? 'success' : e.exceptionError.error === 'revert' ? 'revert' : 'error' }
}
