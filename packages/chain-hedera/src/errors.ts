/** Errors for misuse of the Hedera ledger API (never for a transaction's outcome, which is a response code). */
import { ZvmError } from '@zvm/primitives'

/**
 * A `shard.realm.num` string or an address that names no Hedera entity form.
 *
 * @example
 * ```ts
 * import { parseEntityId, InvalidEntityIdError } from '@zvm/chain-hedera'
 * try { parseEntityId('0.0.x') } catch (e) { console.log(e instanceof InvalidEntityIdError) } // true
 * ```
 */
export class InvalidEntityIdError extends ZvmError {
  override name = 'InvalidEntityIdError'
  constructor(message: string) {
    super('HEDERA_ENTITY_ID_INVALID', message)
  }
}

/**
 * A ledger snapshot that cannot be restored: wrong format or version, or a
 * field of the wrong type. `path` names the field (`tokens[2].decimals`).
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { HederaLedger, LedgerSnapshotError } from '@zvm/chain-hedera'
 * try { HederaLedger.fromSnapshot({ format: 'other' }, new JournaledState()) }
 * catch (e) { console.log(e instanceof LedgerSnapshotError) } // true
 * ```
 */
export class LedgerSnapshotError extends ZvmError {
  override name = 'LedgerSnapshotError'
  readonly path: string
  constructor(path: string, problem: string) {
    super('HEDERA_SNAPSHOT_INVALID', `bad ledger snapshot: ${path} ${problem}`)
    this.path = path
  }
}
