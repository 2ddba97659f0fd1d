/**
 * Frame memory: a byte buffer that grows in 32-byte words. Capacity doubles
 * so expansion is amortised; `size` is the EVM-visible size (MSIZE).
 * Gas for expansion is charged by the caller before `grow` (see ops/memory.ts).
 */
export class Memory {
  buffer: Uint8Array
  /** The same bytes as a DataView: MLOAD/MSTORE move a word as eight big-endian u32s (twice as fast as 32 byte moves). */
  data: DataView
  /** Visible size in bytes, always a multiple of 32. */
  size = 0

  constructor(initialCapacity = 4096) {
    this.buffer = new Uint8Array(initialCapacity)
    this.data = new DataView(this.buffer.buffer)
  }

  /** Number of active words. */
  get words(): number {
    return this.size >>> 5
  }

  /** Grows the visible size to cover `end` bytes (rounded up to a word). */
  grow(end: number): void {
    const newSize = Math.ceil(end / 32) * 32
    if (newSize <= this.size) return
    if (newSize > this.buffer.length) {
      let cap = this.buffer.length * 2
      while (cap < newSize) cap *= 2
      const next = new Uint8Array(cap)
      next.set(this.buffer.subarray(0, this.size))
      this.buffer = next
      this.data = new DataView(next.buffer)
    }
    this.size = newSize
  }

  /** A copy of `[offset, offset + length)`; the range must be inside `size`. */
  read(offset: number, length: number): Uint8Array {
    return this.buffer.slice(offset, offset + length)
  }

  /** A view (no copy) of `[offset, offset + length)`, valid until the next grow. */
  view(offset: number, length: number): Uint8Array {
    return this.buffer.subarray(offset, offset + length)
  }

  /** Copies `data[from, from+length)` to `offset`, zero-filling past the end of data. */
  writePadded(offset: number, data: Uint8Array, from: number, length: number): void {
    const available = from < data.length ? Math.min(length, data.length - from) : 0
    if (available > 0) this.buffer.set(data.subarray(from, from + available), offset)
    if (available < length) this.buffer.fill(0, offset + available, offset + length)
  }

  /** Clears for reuse by another frame. */
  reset(): void {
    this.buffer.fill(0, 0, this.size)
    this.size = 0
  }
}
