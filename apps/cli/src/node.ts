/**
 * `zvm node`: starts @zvm/node's local Hedera network, prints where it
 * listens and the prefunded accounts, and runs until SIGINT or SIGTERM, then
 * closes the listeners and the database. A port in use is one line, exit 1.
 * Options are checked before @zvm/node (and its chain) is imported.
 */
import { statSync } from 'node:fs'
import { CliError, type CliIo } from './io.ts'
import { numberOption, type ParsedOptions } from './options.ts'

const PORT_MAX = 65_535

/** `--data` names a directory (LMDB keeps its files there): an existing file is refused, a missing path is created. */
function checkDataDirectory(path: string): void {
  let isDirectory: boolean
  try {
    isDirectory = statSync(path).isDirectory()
  } catch {
    return // created by the node
  }
  if (!isDirectory) throw new CliError(`--data ${path} is not a directory (the node keeps its database files in one)`)
}

export async function nodeCommand(io: CliIo, options: ParsedOptions): Promise<number> {
  const v = options.values
  if (options.positionals.length > 0) throw new CliError(`'node' takes no arguments, got '${options.positionals[0]}' (see 'zvm node --help')`, 2)
  const nodeOptions = {
    port: numberOption('port', v.port, PORT_MAX), mirrorPort: numberOption('mirror-port', v['mirror-port'], PORT_MAX),
    web3Port: numberOption('web3-port', v['web3-port'], PORT_MAX), relayPort: numberOption('relay-port', v['relay-port'], PORT_MAX),
    accounts: numberOption('accounts', v.accounts, 100), ...(typeof v.data === 'string' ? { data: v.data } : {}),
    rateLimit: numberOption('rate-limit', v['rate-limit'], 1_000_000_000),
  }
  if (typeof v.data === 'string') checkDataDirectory(v.data)
  const started = performance.now()
  const { PortInUseError, startNode } = await import('@zvm/node')
  let node
  try {
    node = await startNode(nodeOptions)
  } catch (e) {
    if (e instanceof PortInUseError) throw new CliError(e.message, 1)
    throw e
  }
  const ms = Math.round(performance.now() - started)
  const lines = [
    `zvm node: a local Hedera network, started in ${ms} ms${node.restored > 0 ? ` (${node.restored} transactions restored from ${String(v.data)})` : ''}`,
    `  consensus (gRPC)  127.0.0.1:${node.ports.grpc}  node account 0.0.3`,
    `  mirror REST       http://127.0.0.1:${node.ports.mirror}/api/v1  (contract calls also on :${node.ports.web3})`,
    `  JSON-RPC relay    http://127.0.0.1:${node.ports.relay}  chain id 298`,
    `  state             ${typeof v.data === 'string' ? v.data : 'in memory'}`,
    '',
    `operator  ${node.operator.accountId}  ED25519 private key ${node.operator.privateKey}`,
    ...(node.accounts.length > 0 ? ['', 'prefunded ECDSA accounts (10,000 HBAR each):'] : []),
    ...node.accounts.map((a) => `  ${a.accountId.padEnd(8)} ${a.evmAddress}  private key 0x${a.privateKey}`),
    '',
  ]
  io.out(`${lines.join('\n')}\n`)
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
  io.err(`zvm node: ${signal}, stopping\n`)
  await node.close()
  io.err('zvm node: stopped\n')
  return 0
}
