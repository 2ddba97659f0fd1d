/** Byte helpers shared by the servers. */

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** `0x`-prefixed or bare hex to bytes; undefined when it is not hex. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) return undefined
  return Uint8Array.from(Buffer.from(body, 'hex'))
}

export function toHex0x(bytes: Uint8Array): `0x${string}` {
  return `0x${bytesToHex(bytes)}`
}
