/** TokenService transactions over the ledger's HTS operations. */
import { proto } from '@hashgraph/proto'
import type { TokenKeys } from '@zvm/chain-hedera'
import { resolveAlias } from './crypto.ts'
import type { Handler, Outcome, TxContext } from '../context.ts'
import { accountIdOf, entityIdOf, long, num, toTokenID } from '../ids.ts'
import { keyFromProto } from '../keys.ts'

const RC = proto.ResponseCodeEnum

const tokenOf = (id: proto.ITokenID | null | undefined): string | undefined => entityIdOf(id as Record<string, unknown>, 'tokenNum')
const accountOf = (ctx: TxContext, id: proto.IAccountID | null | undefined): string | undefined => accountIdOf(id, (a) => resolveAlias(ctx.ledger, a))

function keysOf(b: { adminKey?: proto.IKey | null; kycKey?: proto.IKey | null; freezeKey?: proto.IKey | null; wipeKey?: proto.IKey | null; supplyKey?: proto.IKey | null; feeScheduleKey?: proto.IKey | null; pauseKey?: proto.IKey | null }): TokenKeys | number {
  const out: Record<string, unknown> = {}
  const pairs: Array<[string, proto.IKey | null | undefined]> = [
    ['admin', b.adminKey], ['kyc', b.kycKey], ['freeze', b.freezeKey], ['wipe', b.wipeKey], ['supply', b.supplyKey], ['feeSchedule', b.feeScheduleKey], ['pause', b.pauseKey],
  ]
  for (const [name, key] of pairs) {
    if (key == null) continue
    const k = keyFromProto(key)
    if (!k) return RC.INVALID_ADMIN_KEY
    out[name] = k
  }
  return out as TokenKeys
}

const createToken: Handler = (ctx) => {
  const b = ctx.body.tokenCreation!
  const treasury = accountOf(ctx, b.treasury)
  if (treasury === undefined) return { status: RC.INVALID_TREASURY_ACCOUNT_FOR_TOKEN }
  const keys = keysOf(b)
  if (typeof keys === 'number') return { status: keys }
  const nft = b.tokenType === proto.TokenType.NON_FUNGIBLE_UNIQUE
  const r = ctx.ledger.createToken({
    type: nft ? 'nonFungible' : 'fungible', name: b.name ?? '', symbol: b.symbol ?? '', treasury, memo: b.memo ?? '',
    decimals: b.decimals ?? 0, initialSupply: num(b.initialSupply),
    supplyType: b.supplyType === proto.TokenSupplyType.FINITE ? 'finite' : 'infinite', maxSupply: num(b.maxSupply),
    freezeDefault: b.freezeDefault ?? false, keys,
    ...(b.autoRenewAccount ? { autoRenewAccount: accountOf(ctx, b.autoRenewAccount) } : {}),
    ...(b.autoRenewPeriod?.seconds ? { autoRenewPeriod: num(b.autoRenewPeriod.seconds) } : {}),
    caller: ctx.payerAddress,
  })
  if (r.code !== RC.SUCCESS) return { status: r.code }
  if (num(b.initialSupply) > 0n && !nft) ctx.creditToken(r.tokenId!, treasury, num(b.initialSupply))
  return { status: RC.SUCCESS, receipt: { tokenID: toTokenID(r.tokenId!) } }
}

function withToken(ctx: TxContext, id: proto.ITokenID | null | undefined, f: (token: string) => Outcome): Outcome {
  const token = tokenOf(id)
  if (token === undefined || !ctx.ledger.getToken(token)) return { status: RC.INVALID_TOKEN_ID }
  return f(token)
}

const mint: Handler = (ctx) => {
  const b = ctx.body.tokenMint!
  return withToken(ctx, b.token, (token) => {
    const metadata = (b.metadata ?? []).map((m) => Uint8Array.from(m))
    const r = ctx.ledger.mint({ token, ...(metadata.length > 0 ? { metadata } : { amount: num(b.amount) }), caller: ctx.payerAddress })
    if (r.code !== RC.SUCCESS) return { status: r.code }
    const treasury = ctx.ledger.getToken(token)!.treasury
    if (metadata.length === 0) ctx.creditToken(token, treasury, num(b.amount))
    else for (const s of r.serials ?? []) ctx.creditToken(token, '0.0.0', 0n, s, treasury)
    return { status: RC.SUCCESS, receipt: { newTotalSupply: long(r.totalSupply ?? 0n), serialNumbers: (r.serials ?? []).map((s) => long(s)) } }
  })
}

const burn: Handler = (ctx) => {
  const b = ctx.body.tokenBurn!
  return withToken(ctx, b.token, (token) => {
    const serials = (b.serialNumbers ?? []).map((s) => num(s))
    const r = ctx.ledger.burn({ token, ...(serials.length > 0 ? { serials } : { amount: num(b.amount) }), caller: ctx.payerAddress })
    if (r.code === RC.SUCCESS && serials.length === 0) ctx.creditToken(token, ctx.ledger.getToken(token)!.treasury, -num(b.amount))
    return r.code === RC.SUCCESS ? { status: r.code, receipt: { newTotalSupply: long(r.totalSupply ?? 0n) } } : { status: r.code }
  })
}

function associations(kind: 'associate' | 'dissociate'): Handler {
  return (ctx) => {
    const b = kind === 'associate' ? ctx.body.tokenAssociate! : ctx.body.tokenDissociate!
    const account = accountOf(ctx, b.account)
    if (account === undefined) return { status: RC.INVALID_ACCOUNT_ID }
    for (const t of b.tokens ?? []) {
      const token = tokenOf(t)
      if (token === undefined) return { status: RC.INVALID_TOKEN_ID }
      const code = ctx.ledger[kind]({ account, token, caller: ctx.payerAddress })
      if (code !== RC.SUCCESS) return { status: code }
    }
    return { status: RC.SUCCESS }
  }
}

type AccountOp = 'freeze' | 'unfreeze' | 'grantKyc' | 'revokeKyc'
function accountOp(field: 'tokenFreeze' | 'tokenUnfreeze' | 'tokenGrantKyc' | 'tokenRevokeKyc', op: AccountOp): Handler {
  return (ctx) => {
    const b = ctx.body[field]!
    const account = accountOf(ctx, b.account)
    if (account === undefined) return { status: RC.INVALID_ACCOUNT_ID }
    return withToken(ctx, b.token, (token) => ({ status: ctx.ledger[op]({ token, account, caller: ctx.payerAddress }) }))
  }
}

function tokenOp(field: 'tokenPause' | 'tokenUnpause' | 'tokenDeletion', op: 'pauseToken' | 'unpauseToken' | 'deleteToken'): Handler {
  return (ctx) => withToken(ctx, ctx.body[field]!.token, (token) => ({ status: ctx.ledger[op]({ token, caller: ctx.payerAddress }) }))
}

const wipe: Handler = (ctx) => {
  const b = ctx.body.tokenWipe!
  const account = accountOf(ctx, b.account)
  if (account === undefined) return { status: RC.INVALID_ACCOUNT_ID }
  return withToken(ctx, b.token, (token) => {
    const serials = (b.serialNumbers ?? []).map((s) => num(s))
    const code = ctx.ledger.wipe({ token, account, ...(serials.length > 0 ? { serials } : { amount: num(b.amount) }), caller: ctx.payerAddress })
    if (code === RC.SUCCESS && serials.length === 0) ctx.creditToken(token, account, -num(b.amount))
    return { status: code }
  })
}

const update: Handler = (ctx) => {
  const b = ctx.body.tokenUpdate!
  const keys = keysOf(b)
  if (typeof keys === 'number') return { status: keys }
  return withToken(ctx, b.token, (token) => ({
    status: ctx.ledger.updateToken({
      token, caller: ctx.payerAddress, ...(b.name ? { name: b.name } : {}), ...(b.symbol ? { symbol: b.symbol } : {}),
      ...(b.memo ? { memo: b.memo.value ?? '' } : {}), ...(b.treasury ? { treasury: accountOf(ctx, b.treasury) } : {}),
      ...(Object.keys(keys).length > 0 ? { keys } : {}), ...(b.expiry?.seconds ? { expiry: num(b.expiry.seconds) } : {}),
    }),
  }))
}

export const TOKEN_HANDLERS: Record<string, Handler> = {
  tokenCreation: createToken, tokenMint: mint, tokenBurn: burn, tokenAssociate: associations('associate'), tokenDissociate: associations('dissociate'),
  tokenFreeze: accountOp('tokenFreeze', 'freeze'), tokenUnfreeze: accountOp('tokenUnfreeze', 'unfreeze'),
  tokenGrantKyc: accountOp('tokenGrantKyc', 'grantKyc'), tokenRevokeKyc: accountOp('tokenRevokeKyc', 'revokeKyc'),
  tokenPause: tokenOp('tokenPause', 'pauseToken'), tokenUnpause: tokenOp('tokenUnpause', 'unpauseToken'), tokenDeletion: tokenOp('tokenDeletion', 'deleteToken'),
  tokenWipe: wipe, tokenUpdate: update,
}
