/**
 * `zvm kalix deploy <file.zvmc> [--args '<JSON>'] [--state <file.json>] [--json]`
 * `zvm kalix call <file.zvmc|address> --fn <name|signature> [--args '<JSON>'] [--state <file.json>] [--json]`
 *
 * KALIX contracts through @zvm/runtime-kalix, over a Hedera ledger so that
 * HTS/HCS syscalls work (@zvm/chain-hedera's syscall host). The state file
 * is `zvm run --target hedera`'s (hedera-state.ts: ledger snapshot and
 * accounts), locked while in use. The sender is the funded Hedera account
 * 0x1000…0001; a contract is deployed at the CREATE address of the sender
 * and its nonce, made a Hedera account first (so HTS can associate it and
 * pay it). `call` with a container calls the contract of the state that
 * holds exactly that container, deploying it first (with `--ctor-args`)
 * when there is none. This module is imported only for these commands.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { createHederaSyscalls, responseCodeName } from '@zvm/chain-hedera'
import { bytesToHex, ZvmError, type Address } from '@zvm/primitives'
import {
  fromJsonValues, KalixRevertError, KalixRuntime, loadKalixContract, toJsonValue, type KalixContract, type KalixEvent, type KalixValue,
} from '@zvm/runtime-kalix'
import { createAddress } from '@zvm/state'
import { withFileLock } from './file-lock.ts'
import { HEDERA_CALLER, HEDERA_CALLER_BALANCE } from './hedera.ts'
import { readHederaState, writeHederaState, type HederaWorld } from './hedera-state.ts'
import { CliError, type CliIo } from './io.ts'
import { readFile } from './load.ts'
import { integerOption, jsonListOption, numberOption, type ParsedOptions } from './options.ts'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/


interface Message { gasLimit: number | undefined; value: bigint; json: boolean }

function messageOptions(values: ParsedOptions['values']): Message {
  return {
    gasLimit: numberOption('gas', values.gas, Number.MAX_SAFE_INTEGER),
    value: integerOption('value', values.value, (1n << 256n) - 1n) ?? 0n,
    json: values.json === true,
  }
}

function loadContract(io: CliIo, path: string): KalixContract {
  const bytes = readFile(io, path)
  try {
    return loadKalixContract(bytes)
  } catch (e) {
    if (e instanceof ZvmError) throw new CliError(`${path}: ${e.shortMessage}`)
    throw e
  }
}

function runtimeFor(world: HederaWorld): KalixRuntime {
  const { ledger } = world
  if (ledger.getAccount(HEDERA_CALLER) === undefined) {
    const r = ledger.createAccount({ alias: HEDERA_CALLER, initialBalance: HEDERA_CALLER_BALANCE })
    if (r.code !== 22) throw new CliError(`cannot create the caller account: ${responseCodeName(r.code)}`)
  }
  return new KalixRuntime({ state: ledger.state, host: { blockHash: () => 0n, syscall: createHederaSyscalls(ledger) }, block: { chainId: 298n } })
}

/** Deploys at the sender's next CREATE address, made a Hedera account first. */
function deploy(world: HederaWorld, rt: KalixRuntime, contract: KalixContract, args: readonly unknown[], m: Message) {
  const state = world.ledger.state
  const nonce = state.getNonce(HEDERA_CALLER)
  const address = createAddress(HEDERA_CALLER, nonce)
  const account = world.ledger.createAccount({ alias: address })
  if (account.code !== 22) throw new CliError(`cannot make ${address} a Hedera account: ${responseCodeName(account.code)}`)
  const typed = contract.constructorFunction === undefined ? args : fromJsonValues(contract.constructorFunction.inputs.map((p) => p.kalixType), args, contract.constructorFunction.inputs.map((p) => p.name))
  const result = rt.deploy(contract, typed, { caller: HEDERA_CALLER, address, gasLimit: m.gasLimit, value: m.value })
  state.beginTransaction()
  state.setNonce(HEDERA_CALLER, nonce + 1n)
  state.finalizeTransaction()
  return result
}

const eventJson = (e: KalixEvent) => ({ name: e.name, signature: e.signature, address: e.address, args: Object.fromEntries(Object.entries(e.args).map(([k, v]) => [k, toJsonValue(v)])) })
const eventLine = (e: KalixEvent) => `event:      ${e.name}(${Object.entries(e.args).map(([k, v]) => `${k}=${toJsonValue(v)}`).join(', ')})`
const valueText = (v: KalixValue) => String(toJsonValue(v))

/** Runs `work` over the world of `--state` (read, run, write on success, under its lock) or a fresh one. */
async function withWorld(statePath: string | undefined, work: (world: HederaWorld) => number): Promise<number> {
  if (statePath === undefined) return work(readHederaState(undefined))
  return withFileLock(statePath, '--state', async (assertHeld) => {
    const world = readHederaState(statePath)
    const code = work(world)
    // A failed deployment or call leaves the file as it was (a failed deployment made the contract's account already).
    if (code !== 0) return code
    assertHeld()
    await writeHederaState(statePath, world)
    return code
  })
}

/** Prints a failed deployment or call; other runtime errors become one-line CLI errors. */
function report(io: CliIo, json: boolean, e: unknown): number {
  if (e instanceof KalixRevertError) {
    io.out(json
      ? JSON.stringify({ status: e.status, function: e.function, error: e.status === 'error' ? e.code : null, reason: e.reason ?? null, data: bytesToHex(e.data), gasUsed: e.gasUsed }) + '\n'
      : `status:     ${e.status}\n${e.shortMessage.replace(/^/, 'error:      ')}\n`)
    return 1
  }
  if (e instanceof ZvmError) throw new CliError(e.shortMessage)
  throw e
}

/** `zvm kalix deploy <file.zvmc>`. */
export async function deployCommand(io: CliIo, { values, positionals }: ParsedOptions): Promise<number> {
  if (positionals.length !== 1) throw new CliError(positionals.length === 0 ? 'deploy needs a container: zvm kalix deploy <file.zvmc>' : `unexpected argument '${positionals[1]}'`, 2)
  const contract = loadContract(io, positionals[0])
  const args = jsonListOption('args', values.args)
  const m = messageOptions(values)
  return withWorld(values.state as string | undefined, (world) => {
    try {
      const r = deploy(world, runtimeFor(world), contract, args, m)
      io.out(m.json
        ? JSON.stringify({ status: 'success', contract: r.address, name: contract.abi.contract, gasUsed: r.gasUsed, events: r.events.map(eventJson) }) + '\n'
        : [`deployed:   ${r.address} (${contract.abi.contract})`, `gas used:   ${r.gasUsed}`, ...r.events.map(eventLine)].join('\n') + '\n')
      return 0
    } catch (e) {
      return report(io, m.json, e)
    }
  })
}

/** `zvm kalix call <file.zvmc|address> --fn <name>`. */
export async function callCommand(io: CliIo, { values, positionals }: ParsedOptions): Promise<number> {
  if (positionals.length !== 1) throw new CliError(positionals.length === 0 ? 'call needs a contract: zvm kalix call <file.zvmc|address> --fn <name>' : `unexpected argument '${positionals[1]}'`, 2)
  const fn = values.fn
  if (typeof fn !== 'string' || fn === '') throw new CliError('call needs --fn <name or signature>, e.g. --fn \'deposit(u64)\'', 2)
  const target = positionals[0]
  const container = ADDRESS.test(target) ? undefined : loadContract(io, target)
  const args = jsonListOption('args', values.args)
  const ctorArgs = jsonListOption('ctor-args', values['ctor-args'])
  const m = messageOptions(values)
  return withWorld(values.state as string | undefined, (world) => {
    try {
      const rt = runtimeFor(world)
      let address: Address
      if (container === undefined) address = target.toLowerCase() as Address
      else {
        const hash = bytesToHex(keccak_256(container.bytes))
        const existing = [...world.db.accounts()].find((a) => a.info.codeHash === hash)
        address = existing?.address ?? deploy(world, rt, container, ctorArgs, { ...m, value: 0n }).address
      }
      const contract = rt.contractAt(address)
      const f = contract.fn(fn)
      const r = rt.call(address, fn, fromJsonValues(f.inputs.map((p) => p.kalixType), args, f.inputs.map((p) => p.name)), { caller: HEDERA_CALLER, gasLimit: m.gasLimit, value: m.value })
      io.out(m.json
        ? JSON.stringify({ status: 'success', contract: address, function: r.function, outputs: r.outputs.map(toJsonValue), events: r.events.map(eventJson), gasUsed: r.gasUsed }) + '\n'
        : [`contract:   ${address} (${contract.abi.contract})`, `function:   ${r.function}`, `result:     ${r.outputs.length === 0 ? '(none)' : r.outputs.map(valueText).join(', ')}`,
            `gas used:   ${r.gasUsed}`, ...r.events.map(eventLine)].join('\n') + '\n')
      return 0
    } catch (e) {
      return report(io, m.json, e)
    }
  })
}
