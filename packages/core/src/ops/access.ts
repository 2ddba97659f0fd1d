/** Shared helpers: reading addresses off the stack and EIP-2929 account access charges. */
import { bigintToAddress, word as w, type Address } from '@zvm/primitives'
import type { Frame } from '../frame.ts'
import { Halt } from '../halt.ts'

/** The address in the low 160 bits of the word at limb offset `o`. */
export function addressAt(f: Frame, o: number): Address {
  return bigintToAddress(w.toBigInt(f.stack, o))
}

/** Writes an address as a word at limb offset `o`. */
export function writeAddress(f: Frame, o: number, address: Address): void {
  w.fromBigInt(f.stack, o, BigInt(address))
}

/** Warms `address`, charging the cold surcharge if it was cold. False after OutOfGas. */
export function accessAccount(f: Frame, address: Address, surcharge = f.ctx.table.schedule.coldAccountSurcharge): boolean {
  if (!f.ctx.state.warmAddress(address)) return true
  if (surcharge > f.gasLeft) { f.halt = Halt.OutOfGas; return false }
  f.gasLeft -= surcharge
  return true
}
