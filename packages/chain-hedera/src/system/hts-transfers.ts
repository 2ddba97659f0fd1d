/**
 * The HTS calls that move several balances at once — transferTokens and
 * cryptoTransfer — as one all-or-nothing change: each list must sum to
 * zero (HBAR: 48 INVALID_ACCOUNT_AMOUNTS, a token: 173
 * TRANSFERS_NOT_ZERO_SUM_FOR_TOKEN), then debits are paired with credits
 * in list order and each pair is one ledger transfer; the first failing
 * transfer's code is the answer and everything before it is undone (a
 * state checkpoint inside the call's frame).
 */
import type { Address } from '@zvm/primitives'
import type { JournaledState } from '@zvm/state'
import type { HederaLedger } from '../ledger/hedera-ledger.ts'
import { ResponseCode as RC } from '../response-codes.ts'
import { lower } from './common.ts'

/** One signed amount of a transfer list. */
export interface AccountAmount {
  account: Address
  amount: bigint
}

/** Runs `body` in a checkpoint kept only when it answers SUCCESS. */
export function atomically(state: JournaledState, body: () => number): number {
  const cp = state.checkpoint()
  const code = body()
  if (code === RC.SUCCESS) state.commit(cp)
  else state.revert(cp)
  return code
}

/** Pairs debits with credits (list order) and moves each pair with `move`; the first failure wins. */
function settle(list: readonly AccountAmount[], move: (from: Address, to: Address, amount: bigint) => number): number {
  const debits = list.filter((e) => e.amount < 0n).map((e) => ({ account: e.account, left: -e.amount }))
  const credits = list.filter((e) => e.amount > 0n).map((e) => ({ account: e.account, left: e.amount }))
  let d = 0, c = 0
  while (d < debits.length && c < credits.length) {
    const amount = debits[d].left < credits[c].left ? debits[d].left : credits[c].left
    const code = move(debits[d].account, credits[c].account, amount)
    if (code !== RC.SUCCESS) return code
    debits[d].left -= amount
    credits[c].left -= amount
    if (debits[d].left === 0n) d++
    if (credits[c].left === 0n) c++
  }
  return RC.SUCCESS
}

function sum(list: readonly AccountAmount[]): bigint {
  return list.reduce((s, e) => s + e.amount, 0n)
}

/** transferTokens(token, accounts, amounts): lengths must match (48), amounts sum to zero (173). */
export function transferTokens(ledger: HederaLedger, token: Address, accounts: readonly string[], amounts: readonly bigint[], caller: Address): number {
  if (accounts.length !== amounts.length) return RC.INVALID_ACCOUNT_AMOUNTS
  const list = accounts.map((a, i) => ({ account: lower(a), amount: amounts[i] }))
  if (sum(list) !== 0n) return RC.TRANSFERS_NOT_ZERO_SUM_FOR_TOKEN
  return atomically(ledger.state, () => settle(list, (from, to, amount) => ledger.transferToken({ token, from, to, amount, caller })))
}

/** cryptoTransfer's token list as viem decodes it. */
export interface TokenTransferListTuple {
  token: string
  transfers: readonly { accountID: string; amount: bigint; isApproval: boolean }[]
  nftTransfers: readonly { senderAccountID: string; receiverAccountID: string; serialNumber: bigint; isApproval: boolean }[]
}

/**
 * cryptoTransfer(HBAR list, token lists): HBAR first, then each token's
 * fungible list, then its NFT moves, all or nothing. `isApproval` is not
 * needed: the ledger spends an allowance whenever the caller is not the
 * sender.
 */
export function cryptoTransfer(
  ledger: HederaLedger, hbar: readonly { accountID: string; amount: bigint }[], tokens: readonly TokenTransferListTuple[], caller: Address,
): number {
  const hbarList = hbar.map((e) => ({ account: lower(e.accountID), amount: e.amount }))
  if (sum(hbarList) !== 0n) return RC.INVALID_ACCOUNT_AMOUNTS
  for (const t of tokens) {
    if (sum(t.transfers.map((e) => ({ account: lower(e.accountID), amount: e.amount }))) !== 0n) return RC.TRANSFERS_NOT_ZERO_SUM_FOR_TOKEN
  }
  return atomically(ledger.state, () => {
    let code = settle(hbarList, (from, to, amount) => ledger.transferHbar({ from, to, amount, caller }))
    if (code !== RC.SUCCESS) return code
    for (const t of tokens) {
      const token = lower(t.token)
      const list = t.transfers.map((e) => ({ account: lower(e.accountID), amount: e.amount }))
      code = settle(list, (from, to, amount) => ledger.transferToken({ token, from, to, amount, caller }))
      if (code !== RC.SUCCESS) return code
      for (const n of t.nftTransfers) {
        code = ledger.transferNft({ token, from: lower(n.senderAccountID), to: lower(n.receiverAccountID), serial: n.serialNumber, caller })
        if (code !== RC.SUCCESS) return code
      }
    }
    return RC.SUCCESS
  })
}
