/**
 * CALL, CALLCODE, DELEGATECALL, STATICCALL: charge memory, account access and
 * value costs, apply the 63/64 rule (EIP-150), then suspend with a CallAction
 * for the executor. Depth and balance failures are handled by the executor
 * (the call pushes 0 and the gas comes back).
 */
import { word as w } from '@zvm/primitives'
import { CallScheme, type Frame } from '../frame.ts'
import { Halt } from '../halt.ts'
import type { Operation } from '../table.ts'
import { delegationTarget } from '../delegation.ts'
import { accessAccount, addressAt } from './access.ts'
import { expandMemory } from './memory.ts'
import { declareTraits, SUSPENDS } from '../traits.ts'

const EMPTY = new Uint8Array(0)

function makeCall(scheme: CallScheme): Operation {
  const hasValue = scheme === CallScheme.Call || scheme === CallScheme.CallCode
  return (f, pc) => {
    const s = f.stack
    const a = (f.sp - 1) << 3
    const requestedGas = w.toSaturatedNumber(s, a)
    const target = addressAt(f, a - 8)
    const value = hasValue ? w.toBigInt(s, a - 16) : 0n
    const base = hasValue ? a - 24 : a - 16
    // (argsOffset, argsLength, retOffset, retLength) follow, top first.
    const inSize = w.toSmall(s, base - 8)
    const inOffset = inSize === 0 ? 0 : w.toSmall(s, base)
    const outSize = w.toSmall(s, base - 24)
    const outOffset = outSize === 0 ? 0 : w.toSmall(s, base - 16)
    f.sp -= hasValue ? 7 : 6
    if (scheme === CallScheme.Call && f.isStatic && value !== 0n) { f.halt = Halt.StaticStateChange; return -1 }
    if (!expandMemory(f, inOffset, inSize) || !expandMemory(f, outOffset, outSize)) return -1
    if (!accessAccount(f, target)) return -1
    // EIP-7702: calling a delegated account runs the delegate's code; reading it costs an access.
    let codeAddress = target
    let delegated = false
    const schedule = f.ctx.table.schedule
    if (f.ctx.table.delegation) {
      const delegate = delegationTarget(f.ctx.state.getCode(target))
      if (delegate !== undefined) {
        const cost = f.ctx.state.warmAddress(delegate) ? schedule.coldAccountSurcharge + schedule.warmAccess : schedule.warmAccess
        if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
        f.gasLeft -= cost
        codeAddress = delegate
        delegated = true
      }
    }

    let extra = 0
    if (value !== 0n) {
      extra += schedule.callValue
      // EIP-161: only CALL can create an account, and only when it sends value.
      if (scheme === CallScheme.Call && (!f.ctx.state.exists(target) || f.ctx.state.isEmpty(target))) extra += schedule.callNewAccount
    }
    if (extra > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
    f.gasLeft -= extra

    // EIP-150: the callee gets at most all but one 64th of what is left.
    const available = f.gasLeft - Math.floor(f.gasLeft / 64)
    const callGas = Math.min(requestedGas, available)
    f.gasLeft -= callGas
    const stipend = value !== 0n ? schedule.callStipend : 0

    const input = inSize === 0 ? EMPTY : f.memory.read(inOffset, inSize)
    f.action = {
      kind: 'call',
      scheme,
      address: scheme === CallScheme.Call || scheme === CallScheme.StaticCall ? target : f.address,
      codeAddress,
      delegated,
      caller: scheme === CallScheme.DelegateCall ? f.caller : f.address,
      value: scheme === CallScheme.DelegateCall ? f.value : value,
      transfersValue: hasValue,
      input,
      gasLimit: callGas + stipend,
      isStatic: f.isStatic || scheme === CallScheme.StaticCall,
      returnOffset: outOffset,
      returnSize: outSize,
    }
    f.pc = pc + 1
    f.halt = Halt.Suspended
    return -1
  }
}

export const call = makeCall(CallScheme.Call)
export const callcode = makeCall(CallScheme.CallCode)
export const delegatecall = makeCall(CallScheme.DelegateCall)
export const staticcall = makeCall(CallScheme.StaticCall)

for (const op of [call, callcode, delegatecall, staticcall]) declareTraits(op, SUSPENDS)
