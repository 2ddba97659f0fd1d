/** CryptoService transactions: account create, HBAR and token transfers. */
import { proto } from '@hashgraph/proto'
import { ecdsaKeyToAlias, type HederaLedger } from '@zvm/chain-hedera'
import { toHex0x } from '../bytes.ts'
import type { Handler } from '../context.ts'
import { accountIdOf, entityIdOf, num, toAccountID } from '../ids.ts'
import { keyFromProto } from '../keys.ts'

const RC = proto.ResponseCodeEnum

/** Resolves an AccountID alias (20-byte EVM address or a protobuf ECDSA key) to an account id or a hollow-account candidate address. */
export function resolveAlias(ledger: HederaLedger, alias: Uint8Array): string | undefined {
  if (alias.length === 20) return ledger.resolveId(toHex0x(alias)) ?? toHex0x(alias)
  try {
    const key = keyFromProto(proto.Key.decode(alias))
    const address = key?.kind === 'ecdsa' ? ecdsaKeyToAlias(key.bytes) : undefined
    if (address !== undefined) return ledger.resolveId(address) ?? address
  } catch { /* not a key */ }
  return undefined
}

const createAccount: Handler = (ctx) => {
  const b = ctx.body.cryptoCreateAccount!
  const key = keyFromProto(b.key)
  if (!key && (!b.alias || b.alias.length === 0)) return { status: RC.KEY_REQUIRED }
  const balance = num(b.initialBalance)
  if (ctx.ledger.hbarBalance(ctx.payer) < balance) return { status: RC.INSUFFICIENT_PAYER_BALANCE }
  const alias = b.alias && b.alias.length === 20 ? toHex0x(b.alias) : undefined
  const created = ctx.ledger.createAccount({
    ...(key?.kind === 'ecdsa' && alias !== undefined ? { ecdsaPublicKey: key.bytes } : { key }),
    ...(alias !== undefined && key?.kind !== 'ecdsa' ? { alias } : {}),
    maxAutoAssociations: b.maxAutomaticTokenAssociations ?? 0, memo: b.memo ?? '',
  })
  if (created.code !== RC.SUCCESS) return { status: created.code }
  if (balance > 0n) {
    const code = ctx.ledger.transferHbar({ from: ctx.payer, to: created.accountId!, amount: balance, caller: ctx.payerAddress })
    if (code !== RC.SUCCESS) return { status: code }
    ctx.credit(ctx.payer, -balance)
    ctx.credit(created.accountId!, balance)
  }
  const receipt: proto.ITransactionReceipt = { accountID: toAccountID(created.accountId!) }
  return { status: RC.SUCCESS, receipt }
}

/** Splits balanced signed amounts into (from, to, amount) legs. */
function legs(amounts: Array<{ account: string; amount: bigint }>): Array<{ from: string; to: string; amount: bigint }> | undefined {
  const debits = amounts.filter((a) => a.amount < 0n).map((a) => ({ ...a, amount: -a.amount }))
  const credits = amounts.filter((a) => a.amount > 0n).map((a) => ({ ...a }))
  if (debits.reduce((s, a) => s + a.amount, 0n) !== credits.reduce((s, a) => s + a.amount, 0n)) return undefined
  const out: Array<{ from: string; to: string; amount: bigint }> = []
  let i = 0
  for (const c of credits) {
    while (c.amount > 0n) {
      const d = debits[i]
      const amount = d.amount < c.amount ? d.amount : c.amount
      out.push({ from: d.account, to: c.account, amount })
      d.amount -= amount
      c.amount -= amount
      if (d.amount === 0n) i++
    }
  }
  return out
}

const cryptoTransfer: Handler = (ctx) => {
  const b = ctx.body.cryptoTransfer!
  const resolve = (id: proto.IAccountID | null | undefined): string | undefined => accountIdOf(id, (alias) => resolveAlias(ctx.ledger, alias))
  const hbar: Array<{ account: string; amount: bigint }> = []
  for (const aa of b.transfers?.accountAmounts ?? []) {
    const account = resolve(aa.accountID)
    if (account === undefined) return { status: RC.INVALID_ACCOUNT_ID }
    hbar.push({ account, amount: num(aa.amount) })
  }
  const hbarLegs = legs(hbar)
  if (!hbarLegs) return { status: RC.INVALID_ACCOUNT_AMOUNTS }
  for (const leg of hbarLegs) {
    const code = ctx.ledger.transferHbar({ ...leg, caller: ctx.payerAddress })
    if (code !== RC.SUCCESS) return { status: code }
  }
  for (const a of hbar) ctx.credit(ctx.ledger.resolveId(a.account) ?? a.account, a.amount)
  for (const list of b.tokenTransfers ?? []) {
    const token = entityIdOf(list.token as Record<string, unknown>, 'tokenNum')
    if (token === undefined || !ctx.ledger.getToken(token)) return { status: RC.INVALID_TOKEN_ID }
    const fungible: Array<{ account: string; amount: bigint }> = []
    for (const aa of list.transfers ?? []) {
      const account = resolve(aa.accountID)
      if (account === undefined) return { status: RC.INVALID_ACCOUNT_ID }
      fungible.push({ account, amount: num(aa.amount) })
    }
    const tokenLegs = legs(fungible)
    if (!tokenLegs) return { status: RC.TRANSFERS_NOT_ZERO_SUM_FOR_TOKEN }
    for (const leg of tokenLegs) {
      const code = ctx.ledger.transferToken({ token, ...leg, caller: ctx.payerAddress })
      if (code !== RC.SUCCESS) return { status: code }
    }
    for (const a of fungible) ctx.creditToken(token, ctx.ledger.resolveId(a.account) ?? a.account, a.amount)
    for (const nft of list.nftTransfers ?? []) {
      const from = resolve(nft.senderAccountID), to = resolve(nft.receiverAccountID)
      if (from === undefined || to === undefined) return { status: RC.INVALID_ACCOUNT_ID }
      const serial = num(nft.serialNumber)
      const code = ctx.ledger.transferNft({ token, from, to, serial, caller: ctx.payerAddress })
      if (code !== RC.SUCCESS) return { status: code }
      ctx.creditToken(token, from, 0n, serial, ctx.ledger.resolveId(to) ?? to)
    }
  }
  return { status: RC.SUCCESS }
}

export const CRYPTO_HANDLERS: Record<string, Handler> = { cryptoCreateAccount: createAccount, cryptoTransfer }

