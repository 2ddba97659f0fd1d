/**
 * `zvm run --target hedera`: runs EVM bytecode with Hedera's system
 * contracts, through @zvm/chain-hedera (imported only for this target):
 * the Cancun instruction table, the Hedera precompile set (Cancun's plus
 * 0x167 HTS, 0x168 exchange rate, 0x169 PRNG and the HIP-218 facade at
 * token addresses) over a HederaLedger, and a caller that is a funded
 * Hedera account (alias 0x1000…0001, 10,000 HBAR on a new state). The
 * program is installed as a contract at 0x2000…0002 and called, so it is
 * a Hedera account when it reaches 0x167 (it can be a token's treasury);
 * its storage persists with `--state`. Gas defaults to Hedera's 15,000,000
 * per transaction, which is also the most `--gas` takes; `--value` is in
 * tinybar. The result carries Hedera's response code (22 SUCCESS, 33
 * CONTRACT_REVERT_EXECUTED, 30 INSUFFICIENT_GAS, 34 …).
 */
import {
  createHederaPrecompiles, HEDERA_MAX_GAS_PER_TRANSACTION, HEDERA_SYSTEM_ADDRESSES, haltResponseCode, responseCodeName,
} from '@zvm/chain-hedera'
import { evmTable, Fork } from '@zvm/chain-evm'
import { Vm, type ExecutionResult } from '@zvm/core'
import type { Address } from '@zvm/primitives'
import { withFileLock } from './file-lock.ts'
import { toHuman, toRunJson } from './format.ts'
import { readHederaState, writeHederaState, type HederaWorld } from './hedera-state.ts'
import { CliError, type CliIo } from './io.ts'

/** The caller: a Hedera account with this EVM alias. */
export const HEDERA_CALLER: Address = '0x1000000000000000000000000000000000000001'
/** Where the program is installed and run. */
export const HEDERA_PROGRAM_ADDRESS: Address = '0x2000000000000000000000000000000000000002'
/** The caller's HBAR on a new state, in tinybar (10,000 HBAR). */
export const HEDERA_CALLER_BALANCE = 10_000n * 100_000_000n

export interface HederaRunOptions {
  code: Uint8Array
  data: Uint8Array
  gasLimit: number | undefined
  value: bigint
  statePath: string | undefined
  json: boolean
}

export async function runHedera(io: CliIo, o: HederaRunOptions): Promise<number> {
  const gasLimit = o.gasLimit ?? Number(HEDERA_MAX_GAS_PER_TRANSACTION)
  if (gasLimit > Number(HEDERA_MAX_GAS_PER_TRANSACTION)) throw new CliError(`--gas ${gasLimit} is above Hedera's ${HEDERA_MAX_GAS_PER_TRANSACTION} per transaction`, 2)
  const run = async (assertHeld?: () => void): Promise<number> => {
    const world = readHederaState(o.statePath)
    const result = execute(world, o, gasLimit)
    if (o.statePath !== undefined) {
      assertHeld?.()
      await writeHederaState(o.statePath, world)
    }
    const responseCode = haltResponseCode(result.halt)
    const name = responseCodeName(responseCode)
    io.out(o.json
      ? JSON.stringify({ ...toRunJson(result), responseCode, responseCodeName: name }) + '\n'
      : toHuman(result) + `response:   ${responseCode} ${name}\n`)
    return result.status === 'success' ? 0 : 1
  }
  return o.statePath === undefined ? run() : withFileLock(o.statePath, '--state', run)
}

function execute(world: HederaWorld, o: HederaRunOptions, gasLimit: number): ExecutionResult {
  const { ledger } = world
  const state = ledger.state
  if (ledger.getAccount(HEDERA_CALLER) === undefined) {
    const r = ledger.createAccount({ alias: HEDERA_CALLER, initialBalance: HEDERA_CALLER_BALANCE })
    if (r.code !== 22) throw new CliError(`cannot create the caller account: ${responseCodeName(r.code)}`)
  }
  const balance = state.getBalance(HEDERA_CALLER)
  if (o.value > balance) throw new CliError(`--value ${o.value} is more than the caller's ${balance} tinybar`)
  // As executeHederaTransaction: the system addresses exist with empty code (EXTCODEHASH = keccak("")).
  for (const address of HEDERA_SYSTEM_ADDRESSES) if (state.getNonce(address) === 0n) state.setNonce(address, 1n)
  state.setCode(HEDERA_PROGRAM_ADDRESS, o.code)
  if (state.getNonce(HEDERA_PROGRAM_ADDRESS) === 0n) state.setNonce(HEDERA_PROGRAM_ADDRESS, 1n)
  const vm = new Vm({
    table: evmTable(Fork.Cancun), state, precompiles: createHederaPrecompiles(ledger),
    host: { blockHash: () => 0n }, block: { chainId: 298n, gasLimit: HEDERA_MAX_GAS_PER_TRANSACTION },
  })
  return vm.call({ to: HEDERA_PROGRAM_ADDRESS, caller: HEDERA_CALLER, data: o.data, gasLimit, value: o.value })
}
