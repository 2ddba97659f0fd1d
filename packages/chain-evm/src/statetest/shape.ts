/**
 * Shape checks for GeneralStateTests fixtures: every field the runner reads
 * has the JSON type it expects, and every post entry's indexes point into
 * the transaction matrix. Values are not checked here (a bad hex number
 * fails its own case). Unknown fields (`_info`, `txbytes`, `secretKey`, …)
 * are ignored.
 */
type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const describe = (v: unknown): string => v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 30)}`

// Thrown by the checker and caught in shapeProblem: a deep walk stops at the first problem.
class ShapeProblem extends Error {}

/** Throws a ShapeProblem naming the test and the field at fault. */
class Checker {
  readonly test: string
  constructor(test: string) {
    this.test = test
  }

  fail(path: string, problem: string): never {
    throw new ShapeProblem(`test ${this.test}: ${path} ${problem}`)
  }

  object(v: unknown, path: string): Json {
    if (!isObject(v)) this.fail(path, `must be an object, got ${v === undefined ? 'nothing' : describe(v)}`)
    return v
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, `must be a string, got ${v === undefined ? 'nothing' : describe(v)}`)
    return v
  }

  optionalString(v: unknown, path: string): void {
    if (v !== undefined) this.string(v, path)
  }

  strings(v: unknown, path: string, nonEmpty: boolean): string[] {
    if (!Array.isArray(v)) this.fail(path, `must be a list, got ${v === undefined ? 'nothing' : describe(v)}`)
    if (nonEmpty && v.length === 0) this.fail(path, 'must not be empty')
    v.forEach((e, i) => this.string(e, `${path}[${i}]`))
    return v as string[]
  }

  stringMap(v: unknown, path: string): void {
    for (const [k, e] of Object.entries(this.object(v, path))) this.string(e, `${path}.${k}`)
  }

  index(v: unknown, path: string, length: number, of: string): void {
    if (!Number.isInteger(v) || (v as number) < 0) this.fail(path, `must be a non-negative integer, got ${v === undefined ? 'nothing' : describe(v)}`)
    if ((v as number) >= length) this.fail(path, `is ${v as number} but ${of} has ${length} entries`)
  }
}

function checkTest(c: Checker, test: Json): void {
  c.stringMap(test.env, 'env')
  for (const [address, a] of Object.entries(c.object(test.pre, 'pre'))) {
    const account = c.object(a, `pre.${address}`)
    for (const f of ['balance', 'nonce', 'code']) c.string(account[f], `pre.${address}.${f}`)
    if (account.storage !== undefined) c.stringMap(account.storage, `pre.${address}.storage`)
  }
  const tx = c.object(test.transaction, 'transaction')
  const data = c.strings(tx.data, 'transaction.data', true)
  const gasLimit = c.strings(tx.gasLimit, 'transaction.gasLimit', true)
  const value = c.strings(tx.value, 'transaction.value', true)
  c.string(tx.nonce, 'transaction.nonce')
  c.string(tx.to, 'transaction.to')
  for (const f of ['sender', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'maxFeePerBlobGas']) c.optionalString(tx[f], `transaction.${f}`)
  if (tx.blobVersionedHashes !== undefined) c.strings(tx.blobVersionedHashes, 'transaction.blobVersionedHashes', false)
  if (tx.accessLists !== undefined) {
    if (!Array.isArray(tx.accessLists)) c.fail('transaction.accessLists', `must be a list, got ${describe(tx.accessLists)}`)
    tx.accessLists.forEach((list: unknown, i) => {
      if (list === null) return
      if (!Array.isArray(list)) c.fail(`transaction.accessLists[${i}]`, `must be a list or null, got ${describe(list)}`)
      list.forEach((e: unknown, j) => {
        const entry = c.object(e, `transaction.accessLists[${i}][${j}]`)
        c.string(entry.address, `transaction.accessLists[${i}][${j}].address`)
        c.strings(entry.storageKeys, `transaction.accessLists[${i}][${j}].storageKeys`, false)
      })
    })
  }
  for (const [fork, entries] of Object.entries(c.object(test.post, 'post'))) {
    if (!Array.isArray(entries)) c.fail(`post.${fork}`, `must be a list, got ${describe(entries)}`)
    entries.forEach((e: unknown, i) => {
      const at = `post.${fork}[${i}]`
      const post = c.object(e, at)
      c.string(post.hash, `${at}.hash`)
      c.string(post.logs, `${at}.logs`)
      c.optionalString(post.expectException, `${at}.expectException`)
      const indexes = c.object(post.indexes, `${at}.indexes`)
      c.index(indexes.data, `${at}.indexes.data`, data.length, 'transaction.data')
      c.index(indexes.gas, `${at}.indexes.gas`, gasLimit.length, 'transaction.gasLimit')
      c.index(indexes.value, `${at}.indexes.value`, value.length, 'transaction.value')
    })
  }
}

/**
 * Why `json` (a parsed fixture file) is not an object of state tests: the
 * test and the first field of the wrong shape; undefined when it is one.
 *
 * @example
 * ```ts
 * import { parseStateTestFile } from '@zvm/chain-evm/statetest'
 * try { parseStateTestFile('[]', 'x.json') } catch (e) { console.log((e as Error).message) } // x.json: expected an object of named tests, got a list
 * ```
 */
export function shapeProblem(json: unknown): string | undefined {
  if (!isObject(json)) return `expected an object of named tests, got ${describe(json)}`
  const names = Object.keys(json)
  if (names.length === 0) return 'no tests in the file'
  for (const name of names) {
    if (!isObject(json[name])) return `${name} is not a state test (expected an object with pre, env, transaction, post; got ${describe(json[name])})`
    try {
      checkTest(new Checker(name), json[name])
    } catch (e) {
      if (e instanceof ShapeProblem) return e.message
      throw e
    }
  }
  return undefined
}
