/** A Soroban integer of each 64-bit-or-wider kind as its ScVal (pieces for 128 and 256 bits); `v` must be in range. */
import { xdr } from '@stellar/stellar-base'

export type IntKind = 'u64' | 'i64' | 'timepoint' | 'duration' | 'u128' | 'i128' | 'u256' | 'i256'

const M64 = (1n << 64n) - 1n
export function intScVal(kind: IntKind, v: bigint): xdr.ScVal {
  const u = (x: bigint): xdr.Uint64 => new xdr.Uint64(x & M64)
  const i = (x: bigint): xdr.Int64 => new xdr.Int64(BigInt.asIntN(64, x))
  switch (kind) {
    case 'u64': return xdr.ScVal.scvU64(u(v))
    case 'i64': return xdr.ScVal.scvI64(i(v))
    case 'timepoint': return xdr.ScVal.scvTimepoint(u(v))
    case 'duration': return xdr.ScVal.scvDuration(u(v))
    case 'u128': return xdr.ScVal.scvU128(new xdr.UInt128Parts({ hi: u(v >> 64n), lo: u(v) }))
    case 'i128': return xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: i(v >> 64n), lo: u(v) }))
    case 'u256': return xdr.ScVal.scvU256(new xdr.UInt256Parts({ hiHi: u(v >> 192n), hiLo: u(v >> 128n), loHi: u(v >> 64n), loLo: u(v) }))
    case 'i256': return xdr.ScVal.scvI256(new xdr.Int256Parts({ hiHi: i(v >> 192n), hiLo: u(v >> 128n), loHi: u(v >> 64n), loLo: u(v) }))
  }
}
