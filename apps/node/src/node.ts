/**
 * `startNode`: the network with its three front doors — the gRPC consensus
 * API, the mirror REST subset and the JSON-RPC relay — on loopback, and
 * the persistence log when a data directory is given.
 */
import type { Server as GrpcServer } from '@grpc/grpc-js'
import type { Server as HttpServer } from 'node:http'
import { createGenesis, type GenesisAccount } from './genesis.ts'
import { startGrpc } from './grpc-server.ts'
import { startMirror } from './mirror/server.ts'
import { LocalNetwork } from './network.ts'
import { openLog, type OpenedLog } from './persistence.ts'
import { EthereumExecutor } from './relay/ethereum.ts'
import { startRelay } from './relay/server.ts'
import { DEFAULT_REQUESTS_PER_SECOND, RateLimiter } from './rate-limit.ts'

export interface NodeOptions {
  /** gRPC consensus port (default 50211; 0 picks a free one). */
  port?: number
  /** Mirror REST port (default 5551, where the SDK looks for a 127.0.0.1 mirror). */
  mirrorPort?: number
  /** The mirror's contract-call port (default 8545: the SDK sends a 127.0.0.1 mirror's MirrorNodeContractCallQuery there). */
  web3Port?: number
  /** JSON-RPC relay port (default 7546). */
  relayPort?: number
  /** Prefunded ECDSA accounts (default 10). */
  accounts?: number
  /** Keep state in this directory (an LMDB environment); default: memory only. */
  data?: string
  /** Requests per second each service (gRPC, mirror, web3, relay) accepts (default 5,000; 0: no limit). */
  rateLimit?: number
}

export interface RunningNode {
  readonly network: LocalNetwork
  readonly ports: { readonly grpc: number; readonly mirror: number; readonly web3: number; readonly relay: number }
  readonly operator: GenesisAccount
  readonly accounts: readonly GenesisAccount[]
  /** Transactions replayed from the data directory. */
  readonly restored: number
  close(): Promise<void>
}

/** Thrown when a port is taken: one line that names it. */
export class PortInUseError extends Error {
  override name = 'PortInUseError'
  readonly port: number
  readonly service: string
  constructor(port: number, service: string, options?: ErrorOptions) {
    super(`port ${port} (${service}) is already in use; choose another with --${service === 'gRPC' ? 'port' : `${service}-port`}`, options)
    this.port = port
    this.service = service
  }
}

function inUse(e: unknown): boolean {
  const err = e as { code?: string; message?: string }
  return err?.code === 'EADDRINUSE' || /EADDRINUSE|address already in use|No address added/i.test(err?.message ?? '')
}

/**
 * Starts a local Hedera network in this process.
 *
 * @example
 * ```ts
 * const node = await startNode({ port: 0, mirrorPort: 0, web3Port: 0, relayPort: 0 })
 * console.log(node.ports.grpc, node.operator.accountId) // e.g. 50211 0.0.2
 * await node.close()
 * ```
 */
export async function startNode(options: NodeOptions = {}): Promise<RunningNode> {
  const network = new LocalNetwork()
  const genesis = createGenesis(network, options.accounts ?? 10)
  network.ethereum = new EthereumExecutor(network)
  let log: OpenedLog | undefined
  let restored = 0
  if (options.data !== undefined) {
    log = await openLog(options.data)
    restored = log.replay((bytes, nanos, kind) => network.replayEntry(kind, bytes, nanos))
    network.log = log
  }
  let grpc: { server: GrpcServer; port: number } | undefined
  let mirror: { server: HttpServer; port: number } | undefined
  let web3: { server: HttpServer; port: number } | undefined
  let relay: { server: HttpServer; port: number } | undefined
  const closeAll = async (): Promise<void> => {
    await Promise.all([
      // Every call is answered synchronously, so nothing is in flight: close the sessions at once (a client that
      // keeps its HTTP/2 session open would otherwise hold the process for its idle timeout).
      grpc ? new Promise<void>((r) => { grpc!.server.forceShutdown(); r() }) : undefined,
      ...[mirror, web3, relay].map((h) => (h ? new Promise<void>((r) => { h.server.closeAllConnections(); h.server.close(() => r()) }) : undefined)),
    ])
    await log?.close()
  }
  try {
    const rate = (): RateLimiter => new RateLimiter(options.rateLimit ?? DEFAULT_REQUESTS_PER_SECOND)
    try { grpc = await startGrpc(network, options.port ?? 50211, rate()) } catch (e) { throw inUse(e) ? new PortInUseError(options.port ?? 50211, 'gRPC', { cause: e }) : e }
    try { mirror = await startMirror(network, options.mirrorPort ?? 5551, rate()) } catch (e) { throw inUse(e) ? new PortInUseError(options.mirrorPort ?? 5551, 'mirror', { cause: e }) : e }
    try { web3 = await startMirror(network, options.web3Port ?? 8545, rate()) } catch (e) { throw inUse(e) ? new PortInUseError(options.web3Port ?? 8545, 'web3', { cause: e }) : e }
    try { relay = await startRelay(network, options.relayPort ?? 7546, rate()) } catch (e) { throw inUse(e) ? new PortInUseError(options.relayPort ?? 7546, 'relay', { cause: e }) : e }
  } catch (e) {
    await closeAll()
    throw e
  }
  return {
    network, restored, operator: genesis.operator, accounts: genesis.accounts,
    ports: { grpc: grpc!.port, mirror: mirror!.port, web3: web3!.port, relay: relay!.port },
    close: closeAll,
  }
}
