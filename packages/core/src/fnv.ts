/**
 * A 32-bit FNV-1a hash of `src[offset, offset + length)`, four bytes per
 * multiply (the multiply chain is the cost), with a final mix so the low bits
 * are usable as a table index. For in-memory cache keys only: every use
 * compares the full input before trusting a match.
 */
export function fnv1a32(src: Uint8Array, offset: number, length: number): number {
  let h = 0x811c9dc5 ^ length
  let i = offset
  const end = offset + length
  for (; i + 4 <= end; i += 4) h = Math.imul(h ^ (src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24)), 0x01000193)
  for (; i < end; i++) h = Math.imul(h ^ src[i], 0x01000193)
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d)
  return (h ^ (h >>> 13)) >>> 0
}
