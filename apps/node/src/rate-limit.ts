/**
 * Request rates of the local network's services: a token bucket per service
 * (gRPC, mirror REST, JSON-RPC relay) that holds one second's worth of
 * requests and refills continuously. A request that finds it empty is refused
 * at once (gRPC RESOURCE_EXHAUSTED, which @hashgraph/sdk retries with
 * backoff; HTTP 429), so a runaway client cannot queue unbounded work. The
 * clock is only read here, never by execution.
 */

/** Requests per second each service accepts by default: far above what one local client sends (the node bench: ~100 transactions/s). */
export const DEFAULT_REQUESTS_PER_SECOND = 5_000

export class RateLimiter {
  readonly #perSecond: number
  readonly #now: () => number
  #tokens: number
  #last: number

  /** `perSecond` = 0 turns limiting off. `now` (ms) is injectable for tests. */
  constructor(perSecond: number, now: () => number = () => performance.now()) {
    if (!Number.isInteger(perSecond) || perSecond < 0) throw new RangeError(`requests per second must be a non-negative integer, got ${perSecond}`)
    this.#perSecond = perSecond
    this.#now = now
    this.#tokens = perSecond
    this.#last = now()
  }

  /** The configured rate (0: unlimited). */
  get perSecond(): number {
    return this.#perSecond
  }

  /** Takes one request's token; false when the service is over its rate. */
  take(): boolean {
    if (this.#perSecond === 0) return true
    const now = this.#now()
    this.#tokens = Math.min(this.#perSecond, this.#tokens + ((now - this.#last) * this.#perSecond) / 1000)
    this.#last = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}
