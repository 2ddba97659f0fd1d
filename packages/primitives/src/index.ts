export { ZvmError, InvalidHexError, type ZvmErrorOptions } from './errors.ts'
export { lazyModule, type LazyModule } from './lazy-module.ts'
export { hexToBytes, bytesToHex, bigintToBytes, bytesToBigint, bigintToHex, type Hex } from './hex.ts'
export {
  toAddress, bigintToAddress, addressToBigint, addressToBytes, bytesToAddress, ZERO_ADDRESS, type Address,
} from './address.ts'
export * as word from './word.ts'
export { keepHiddenClass } from './keep-alive.ts'
export { keccakKernel, keccak256Kernel, useKeccakKernel, type KeccakKernel } from './keccak-kernel.ts'
