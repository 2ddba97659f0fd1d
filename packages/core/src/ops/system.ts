/** SELFDESTRUCT (beneficiary), EIP-6780: moves the balance; deletes only accounts created in this transaction. */
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'
import { accessAccount, addressAt } from './access.ts'
import { declareTraits, TERMINATES } from '../traits.ts'

export function selfdestruct(f: Frame): number {
  if (f.isStatic) { f.halt = Halt.StaticStateChange; return -1 }
  const beneficiary = addressAt(f, (f.sp - 1) << 3)
  f.sp--
  const schedule = f.ctx.table.schedule
  // EIP-2929: a cold beneficiary costs the full cold account access (2600): SELFDESTRUCT's static gas has no warm access in it.
  if (!accessAccount(f, beneficiary, schedule.coldAccountSurcharge + schedule.warmAccess)) return -1
  const state = f.ctx.state
  if (state.getBalance(f.address) !== 0n && (!state.exists(beneficiary) || state.isEmpty(beneficiary))) {
    if (schedule.selfDestructNewAccount > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
    f.gasLeft -= schedule.selfDestructNewAccount
  }
  f.ctx.inspector?.selfdestruct?.(f.address, beneficiary, state.getBalance(f.address))
  state.selfDestruct(f.address, beneficiary)
  f.halt = Halt.SelfDestruct
  return -1
}

for (const op of [selfdestruct]) declareTraits(op, TERMINATES)
