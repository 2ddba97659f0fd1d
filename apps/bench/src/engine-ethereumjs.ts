/** The @ethereumjs/evm side of the benchmark: fresh EVM per run, only runCall is timed. */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { createAccount, createAddressFromString } from '@ethereumjs/util'
import { bigintToBytes } from '@zvm/primitives'
import type { BenchCase } from './cases.ts'
import type { BeforeRun, Timed } from './engine-zvm.ts'

/** One @ethereumjs/evm run: fresh EVM and state, then the timed runCall. */
export async function runEthereumjs(c: BenchCase, beforeRun?: BeforeRun): Promise<Timed> {
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) })
  for (const a of c.accounts) {
    const address = createAddressFromString(a.address)
    await evm.stateManager.putAccount(address, createAccount({ nonce: a.nonce, balance: a.balance }))
    if (a.code.length) await evm.stateManager.putCode(address, a.code)
    for (const [k, v] of a.storage) await evm.stateManager.putStorage(address, bigintToBytes(k, 32), bigintToBytes(v, 32))
  }
  const caller = createAddressFromString(c.caller)
  const to = createAddressFromString(c.to)
  beforeRun?.()
  const start = performance.now()
  const r = await evm.runCall({ caller, to, data: c.data, gasLimit: BigInt(c.gasLimit) })
  const ms = performance.now() - start
  const e = r.execResult
  return { ms, gasUsed: Number(e.executionGasUsed), status: e.exceptionError === undefined ? 'success' : e.exceptionError.error === 'revert' ? 'revert' : 'error' }
}
