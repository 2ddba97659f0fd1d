/**
 * The code at a token's long-zero address (HIP-719, spec §3): Hedera's
 * redirect proxy, compiled Solidity that DELEGATECALLs 0x167 with the
 * packed input `618dc65e ‖ token (20 bytes) ‖ calldata` and returns or
 * reverts with whatever comes back. It reverts when sent value. The
 * network puts these bytes, with the token's address in place of the
 * `fefe…fe` pattern, at every token address, so EXTCODESIZE, EXTCODEHASH
 * and EXTCODECOPY see them and Solidity's "call to a non-contract" check
 * passes for functions that return nothing (ERC-721 transferFrom).
 */
import type { Address } from '@zvm/primitives'

const PROXY_PREFIX = '6080604052348015600f57600080fd5b506000610167905077618dc65e'
const PROXY_SUFFIX = '600052366000602037600080366018016008845af43d806000803e8160008114605857816000f35b816000fdfea2646970667358221220d8378feed472ba49a0005514ef7087017f707b45fb9bf56bb81bb93ff19a238b64736f6c634300080b0033'

/** The redirect selector `redirectForToken(address,bytes)`, which the proxy sends packed. */
export const REDIRECT_FOR_TOKEN_SELECTOR = 0x618dc65e

/** The proxy bytecode for `token` (a 0x-prefixed 20-byte address). */
export function tokenProxyCode(token: Address): Uint8Array {
  const hex = PROXY_PREFIX + token.slice(2).toLowerCase() + PROXY_SUFFIX
  const code = new Uint8Array(hex.length / 2)
  for (let i = 0; i < code.length; i++) code[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return code
}
