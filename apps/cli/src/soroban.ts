/**
 * `zvm soroban invoke <file.wasm> --fn <name> [--arg-json '<JSON list>'] [--storage <file.json>] [--json]`
 * `zvm soroban validate <file.wasm>`
 *
 * The contract is deployed (once per storage file) at the address derived
 * from a fixed deployer and the wasm hash; arguments go through the
 * contract's `contractspecv0` spec; state persists to `--storage` (see
 * storage.ts: locked for the whole call, replaced atomically).
 *
 * This module loads the Soroban stack (@zvm/chain-soroban, @stellar/stellar-base):
 * main.ts imports it only for these commands.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import {
  argsFromJson, DEFAULT_DEPLOYER, InvalidContractModuleError, MAX_PROTOCOL, readContractSpec, resultToJson, SorobanHost, SorobanLedger,
  toJson, type InvokeResult, type LedgerFile,
} from '@zvm/chain-soroban'
import { ZvmError } from '@zvm/primitives'
import { scValToNative } from '@stellar/stellar-base'
import { CliError, type CliIo } from './io.ts'
import { readFile } from './load.ts'
import { integerOption, jsonListOption, numberOption, type ParsedOptions } from './options.ts'
import { readLedgerFile, withStorageLock, writeLedgerFile } from './storage.ts'

const U32_MAX = 0xffff_ffff

const U64_MAX = (1n << 64n) - 1n

function readWasm(io: CliIo, path: string | undefined): Uint8Array {
  if (path === undefined) throw new CliError('soroban needs a contract file: zvm soroban invoke <file.wasm> --fn <name>', 2)
  return readFile(io, path)
}

function invokeJson(fn: string, r: InvokeResult, contract: string, spec: ReturnType<typeof readContractSpec>) {
  return {
    status: r.status,
    contract,
    result: r.status === 'success' ? resultToJson(spec, fn, r.result) : null,
    resultXdr: r.result.toXDR('base64'),
    error: r.error === undefined ? null : { name: r.error.name, type: r.error.type, code: r.error.code, message: r.error.message },
    events: r.events.map((e) => ({ contractId: e.contractId, topics: e.topics.map((t) => toJson(scValToNative(t))), data: toJson(scValToNative(e.data)) })),
    diagnostics: r.diagnostics.map((d) => ({ contractId: d.contractId, message: d.message, args: d.args.map((a) => toJson(scValToNative(a))) })),
    auth: r.auth.map((a) => ({ address: a.address, contract: a.contract, fn: a.fn, args: a.args.map((x) => toJson(scValToNative(x))) })),
    cpuInsns: r.cpuInsns,
    memBytes: r.memBytes,
  }
}

/** `zvm soroban invoke …` with its options parsed; resolves to the exit code. */
export async function invokeCommand(io: CliIo, { values, positionals }: ParsedOptions): Promise<number> {
  if (positionals.length > 1) throw new CliError(`unexpected argument '${positionals[1]}'`, 2)
  const path = positionals[0]
  const wasm = readWasm(io, path)
  const fn = values.fn
  if (typeof fn !== 'string' || fn === '') throw new CliError('invoke needs --fn <name>', 2)
  const jsonArgs = jsonListOption('arg-json', values['arg-json'])
  const ctorArgs = values['ctor-arg-json'] === undefined ? undefined : jsonListOption('ctor-arg-json', values['ctor-arg-json'])
  const options = {
    ctorArgs,
    protocol: numberOption('protocol', values.protocol, MAX_PROTOCOL),
    sequence: numberOption('ledger-sequence', values['ledger-sequence'], U32_MAX),
    timestamp: integerOption('ledger-timestamp', values['ledger-timestamp'], U64_MAX),
    cpuLimit: numberOption('cpu-limit', values['cpu-limit'], Number.MAX_SAFE_INTEGER),
    memLimit: numberOption('mem-limit', values['mem-limit'], Number.MAX_SAFE_INTEGER),
  }
  const storagePath = values.storage as string | undefined
  const call = (stored: LedgerFile | undefined, ledger: SorobanLedger) => execute({ path: path!, wasm, fn, jsonArgs, json: values.json === true, ...options }, stored, ledger)
  // Read, run and write under one lock, so concurrent calls on one file serialize.
  const r = storagePath === undefined
    ? call(undefined, new SorobanLedger())
    : await withStorageLock(storagePath, async (assertHeld) => {
      const { file, ledger } = readLedgerFile(storagePath)
      const done = call(file, ledger)
      assertHeld()
      await writeLedgerFile(storagePath, done.ledger)
      return done
    })
  // Printed once stored, so a result is never shown for a call whose state was lost.
  if (r.note !== '') io.err(r.note)
  io.out(r.output)
  return r.code
}

interface Invocation {
  path: string
  wasm: Uint8Array
  fn: string
  jsonArgs: unknown[]
  json: boolean
  sequence: number | undefined
  timestamp: bigint | undefined
  cpuLimit: number | undefined
  memLimit: number | undefined
  ctorArgs: unknown[] | undefined
  protocol: number | undefined
}

/** Deploys (if needed) and invokes: the exit code, what to print, and the ledger to store. */
function execute(o: Invocation, stored: LedgerFile | undefined, ledger: SorobanLedger): { code: number, output: string, note: string, ledger: LedgerFile } {
  const { path, wasm, fn, jsonArgs } = o
  const sequence = o.sequence ?? stored?.sequence ?? 1
  const timestamp = o.timestamp ?? BigInt(stored?.timestamp ?? 0)
  let host: SorobanHost
  try {
    host = new SorobanHost({ ledger, info: { sequence, timestamp }, cpuLimit: o.cpuLimit, memLimit: o.memLimit, protocol: o.protocol })
  } catch (e) {
    if (e instanceof ZvmError && e.code === 'SOROBAN_PROTOCOL_UNSUPPORTED') throw new CliError(`--protocol: ${e.shortMessage}`, 2)
    throw e
  }
  const spec = readContractSpec(wasm)
  let scArgs
  let ctorArgs
  let note = ''
  try {
    if ((jsonArgs.length > 0 || (o.ctorArgs?.length ?? 0) > 0) && spec === undefined) {
      throw new CliError(`${path} has no contractspecv0 section, so JSON arguments cannot be converted`)
    }
    // A function the spec does not declare, called without arguments, goes to the host, which answers
    // as the network does (Error(WasmVm, MissingValue)); with arguments there is no type to convert them by.
    const declared = spec?.funcs().some((f) => f.name().toString() === fn) ?? false
    if (spec !== undefined && !declared) note = `zvm: note: ${path} declares no function ${fn} (functions: ${spec.funcs().map((f) => f.name().toString()).join(', ')})\n`
    scArgs = spec === undefined || (!declared && jsonArgs.length === 0) ? [] : argsFromJson(spec, fn, jsonArgs)
    ctorArgs = spec === undefined || o.ctorArgs === undefined ? undefined : argsFromJson(spec, '__constructor', o.ctorArgs)
  } catch (e) {
    if (e instanceof ZvmError) throw new CliError(e.details === undefined ? e.shortMessage : `${e.shortMessage} (${e.details})`, 2)
    throw e
  }
  const salt = sha256(sha256(wasm))
  let contract: string
  try {
    contract = host.contractAddress(DEFAULT_DEPLOYER, salt)
    if (!host.ledger.contracts.has(contract)) {
      const deployed = host.deploy(wasm, { salt, args: ctorArgs })
      if (deployed.status !== 'success') throw new CliError(`deploying ${path} failed: ${deployed.error?.message ?? 'unknown error'}`)
    } else if (ctorArgs !== undefined) {
      throw new CliError(`${path} is already deployed in this storage file; --ctor-arg-json applies only when a call deploys it`, 2)
    }
  } catch (e) {
    if (e instanceof InvalidContractModuleError) throw new CliError(`${path}: ${e.shortMessage}`)
    throw e
  }
  const result = host.invoke(contract, fn, scArgs)
  const { format, version, ...entries } = host.ledger.toJSON()
  const out: LedgerFile = { format, version, sequence, timestamp: String(timestamp), ...entries }
  const json = invokeJson(fn, result, contract, spec)
  let output = ''
  if (o.json) output = JSON.stringify(json) + '\n'
  else {
    output += `${json.status === 'success' ? `result: ${JSON.stringify(json.result)}` : `error: ${json.error?.message}`}\n`
    for (const e of json.events) output += `event ${e.contractId}: topics ${JSON.stringify(e.topics)} data ${JSON.stringify(e.data)}\n`
    // The failure itself is already the first line; show the contract's own log lines.
    for (const d of json.diagnostics) if (d.message !== json.error?.message) output += `log: ${d.message}${d.args.length > 0 ? ` ${JSON.stringify(d.args)}` : ''}\n`
    output += `cpu: ${json.cpuInsns} instructions, memory: ${json.memBytes} bytes\n`
  }
  return { code: result.status === 'success' ? 0 : 1, output, note, ledger: out }
}

/** `zvm soroban validate <file.wasm>`; the exit code. */
export function validateCommand(io: CliIo, { positionals }: ParsedOptions): number {
  if (positionals.length > 1) throw new CliError(`unexpected argument '${positionals[1]}'`, 2)
  const wasm = readWasm(io, positionals[0])
  try {
    new SorobanHost().validate(wasm)
  } catch (e) {
    if (e instanceof InvalidContractModuleError) throw new CliError(`${positionals[0]}: ${e.shortMessage} [${e.reason}]`)
    throw e
  }
  const spec = readContractSpec(wasm)
  io.out(`${positionals[0]}: valid Soroban contract (${wasm.length} bytes)${spec === undefined ? '' : `; functions: ${spec.funcs().map((f) => f.name().toString()).join(', ')}`}\n`)
  return 0
}
