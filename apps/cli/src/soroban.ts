/**
 * `zvm soroban invoke <file.wasm> --fn <name> [--arg-json '<JSON list>'] [--storage <file.json>] [--json]`
 * `zvm soroban validate <file.wasm>`
 *
 * The contract is deployed (once per storage file) at the address derived
 * from a fixed deployer and the wasm hash; arguments go through the
 * contract's `contractspecv0` spec; state persists to `--storage`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { sha256 } from '@noble/hashes/sha2.js'
import {
  argsFromJson, DEFAULT_DEPLOYER, InvalidContractModuleError, readContractSpec, resultToJson, SorobanHost, SorobanLedger,
  toJson, type InvokeResult, type LedgerFile,
} from '@zvm/chain-soroban'
import { ZvmError } from '@zvm/primitives'
import { scValToNative } from '@stellar/stellar-sdk'
import { CliError, type CliIo } from './io.ts'

type Parse = (args: string[], options: Record<string, { type: 'string' | 'boolean' }>) => { values: Record<string, string | boolean | undefined>, positionals: string[] }

function readWasm(io: CliIo, path: string | undefined): Uint8Array {
  if (path === undefined) throw new CliError('soroban needs a contract file: zvm soroban invoke <file.wasm> --fn <name>', 2)
  try {
    return io.readFile(path)
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`)
  }
}

function positiveInteger(name: string, text: string | boolean | undefined): number | undefined {
  if (text === undefined) return undefined
  if (typeof text !== 'string' || !/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new CliError(`--${name} must be a non-negative integer, got '${String(text)}'`, 2)
  return Number(text)
}

function loadLedger(path: string | undefined): { ledger: SorobanLedger, file: Partial<LedgerFile> } {
  if (path === undefined || !existsSync(path)) return { ledger: new SorobanLedger(), file: {} }
  let file: LedgerFile
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as LedgerFile
  } catch (e) {
    throw new CliError(`--storage ${path} is not JSON: ${(e as Error).message}`)
  }
  try {
    return { ledger: SorobanLedger.fromJSON(file), file }
  } catch (e) {
    throw new CliError(`--storage ${path}: ${e instanceof ZvmError ? e.details ?? e.shortMessage : (e as Error).message}`)
  }
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

function invoke(io: CliIo, args: string[], parse: Parse): number {
  const { values, positionals } = parse(args, {
    fn: { type: 'string' }, 'arg-json': { type: 'string' }, storage: { type: 'string' }, json: { type: 'boolean' },
    'cpu-limit': { type: 'string' }, 'mem-limit': { type: 'string' }, 'ledger-sequence': { type: 'string' }, 'ledger-timestamp': { type: 'string' },
  })
  if (positionals.length > 1) throw new CliError(`unexpected argument '${positionals[1]}'`, 2)
  const path = positionals[0]
  const wasm = readWasm(io, path)
  const fn = values.fn
  if (typeof fn !== 'string' || fn === '') throw new CliError('invoke needs --fn <name>', 2)
  let jsonArgs: unknown[] = []
  if (values['arg-json'] !== undefined) {
    try {
      jsonArgs = JSON.parse(values['arg-json'] as string) as unknown[]
    } catch (e) {
      throw new CliError(`--arg-json is not JSON: ${(e as Error).message}`, 2)
    }
    if (!Array.isArray(jsonArgs)) throw new CliError('--arg-json must be a JSON list of arguments, e.g. \'[1, "abc"]\'', 2)
  }
  const storagePath = values.storage as string | undefined
  const { ledger, file } = loadLedger(storagePath)
  const sequence = positiveInteger('ledger-sequence', values['ledger-sequence']) ?? file.sequence ?? 1
  const timestamp = BigInt(positiveInteger('ledger-timestamp', values['ledger-timestamp']) ?? file.timestamp ?? 0)
  const host = new SorobanHost({
    ledger, info: { sequence, timestamp },
    cpuLimit: positiveInteger('cpu-limit', values['cpu-limit']), memLimit: positiveInteger('mem-limit', values['mem-limit']),
  })
  const spec = readContractSpec(wasm)
  let scArgs
  try {
    if (jsonArgs.length > 0 && spec === undefined) throw new CliError(`${path} has no contractspecv0 section, so --arg-json cannot be converted`)
    scArgs = spec === undefined ? [] : argsFromJson(spec, fn, jsonArgs)
  } catch (e) {
    if (e instanceof ZvmError) throw new CliError(e.details === undefined ? e.shortMessage : `${e.shortMessage} (${e.details})`, 2)
    throw e
  }
  const salt = sha256(sha256(wasm))
  let contract: string
  try {
    contract = host.contractAddress(DEFAULT_DEPLOYER, salt)
    if (!host.ledger.contracts.has(contract)) {
      const deployed = host.deploy(wasm, { salt })
      if (deployed.status !== 'success') throw new CliError(`deploying ${path} failed: ${deployed.error?.message ?? 'unknown error'}`)
    }
  } catch (e) {
    if (e instanceof InvalidContractModuleError) throw new CliError(`${path}: ${e.shortMessage}`)
    throw e
  }
  const result = host.invoke(contract, fn, scArgs)
  if (storagePath !== undefined) {
    const out: LedgerFile = { sequence, timestamp: String(timestamp), ...host.ledger.toJSON() }
    try {
      writeFileSync(storagePath, JSON.stringify(out, null, 2) + '\n')
    } catch (e) {
      throw new CliError(`cannot write --storage ${storagePath}: ${(e as Error).message}`)
    }
  }
  const json = invokeJson(fn, result, contract, spec)
  if (values.json === true) io.out(JSON.stringify(json) + '\n')
  else {
    io.out(`${json.status === 'success' ? `result: ${JSON.stringify(json.result)}` : `error: ${json.error?.message}`}\n`)
    for (const e of json.events) io.out(`event ${e.contractId}: topics ${JSON.stringify(e.topics)} data ${JSON.stringify(e.data)}\n`)
    // The failure itself is already the first line; show the contract's own log lines.
    for (const d of json.diagnostics) if (d.message !== json.error?.message) io.out(`log: ${d.message}${d.args.length > 0 ? ` ${JSON.stringify(d.args)}` : ''}\n`)
    io.out(`cpu: ${json.cpuInsns} instructions, memory: ${json.memBytes} bytes\n`)
  }
  return result.status === 'success' ? 0 : 1
}

function validate(io: CliIo, args: string[], parse: Parse): number {
  const { positionals } = parse(args, {})
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

export function sorobanCommand(io: CliIo, args: string[], parse: Parse): number {
  const [sub, ...rest] = args
  switch (sub) {
    case 'invoke': return invoke(io, rest, parse)
    case 'validate': return validate(io, rest, parse)
    default: throw new CliError(`unknown soroban command '${sub ?? ''}' (invoke, validate)`, 2)
  }
}
