/**
 * Which addresses kept HBAR received during a transaction: CALL value,
 * SELFDESTRUCT beneficiaries and the transaction's own value, dropped with
 * any frame that failed (its transfers were undone). Hedera turns such an
 * address, when it has no account, into a hollow account (spec §6).
 * Observes through the Inspector's frame hooks, forwarding every hook to
 * the user's inspector, and adds no step hooks (the fast loop stays).
 */
import { CallScheme, Halt, type CallAction, type CreateAction, type FrameResult, type Inspector } from '@zvm/core'
import type { Address } from '@zvm/primitives'

export class ValueRecipients {
  /** Recipients of transfers that survived the transaction, in order (may repeat). */
  readonly kept: Address[] = []
  readonly inspector: Inspector
  // Recipients per open frame, innermost last.
  readonly #frames: Address[][] = []

  constructor(user?: Inspector) {
    const open = (recipient: Address | undefined) => this.#frames.push(recipient === undefined ? [] : [recipient])
    const close = (result: FrameResult) => {
      const mine = this.#frames.pop()!
      if (result.halt >= Halt.Revert) return
      const parent = this.#frames.length === 0 ? this.kept : this.#frames[this.#frames.length - 1]
      for (const a of mine) parent.push(a)
    }
    const hooks: Inspector = {
      call: (action: CallAction, depth: number) => {
        open(action.scheme === CallScheme.Call && action.value > 0n ? action.address : undefined)
        user?.call?.(action, depth)
      },
      callEnd: (action: CallAction, result: FrameResult, depth: number) => {
        close(result)
        user?.callEnd?.(action, result, depth)
      },
      create: (action: CreateAction, depth: number) => {
        open(undefined)
        user?.create?.(action, depth)
      },
      createEnd: (action: CreateAction, result: FrameResult, depth: number) => {
        close(result)
        user?.createEnd?.(action, result, depth)
      },
      selfdestruct: (address: Address, beneficiary: Address, value: bigint) => {
        if (value > 0n && this.#frames.length > 0) this.#frames[this.#frames.length - 1].push(beneficiary)
        user?.selfdestruct?.(address, beneficiary, value)
      },
    }
    if (user?.step !== undefined) hooks.step = user.step.bind(user)
    if (user?.stepEnd !== undefined) hooks.stepEnd = user.stepEnd.bind(user)
    if (user?.log !== undefined) hooks.log = user.log.bind(user)
    this.inspector = hooks
  }
}
