/**
 * The HIP-218 facade's ERC-721 part from Solidity (NftUser.sol compiled
 * with npm solc): a contract creates an NFT collection through 0x167 and
 * mints serials with metadata; another contract reads them through the
 * standard IERC721 interface; EOAs approve and transfer at the token address.
 */
import { decodeFunctionResult, encodeErrorResult, encodeEventTopics, encodeFunctionData, hexToBigInt, parseAbi, toHex, type Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { ERC721_ABI, ResponseCode as RC } from '../src/index.ts'
import { HBAR, hederaWorld, OTHER, OWNER, USER } from './evm-world.ts'
import { compileContracts } from './solc.ts'

const HTS = '0x0000000000000000000000000000000000000167'
const ASSOCIATE = parseAbi(['function associateToken(address account, address token) returns (int64)'])
const ERROR_ABI = parseAbi(['error Error(string message)'])
const reason = (name: string) => encodeErrorResult({ abi: ERROR_ABI, errorName: 'Error', args: [name] })
const bytes = (hex: Hex) => Uint8Array.from(Buffer.from(hex.slice(2), 'hex'))

function nftWorld() {
  const w = hederaWorld()
  const { NftCollection, NftReader } = compileContracts()
  const deploy = (code: Uint8Array) => {
    const r = w.run(OWNER, null, code)
    if (!r.valid || r.status !== 'success') throw new Error('deploy failed')
    return r.createdAddress!
  }
  const collection = deploy(NftCollection.bytecode)
  const reader = deploy(NftReader.bytecode)
  const created = w.call('create', ['Apes', 'APE'], { to: collection, abi: NftCollection.abi, value: 10n * HBAR })
  const [code, tokenAddress] = created.value as [bigint, Hex]
  expect(Number(code)).toBe(RC.SUCCESS)
  const token = tokenAddress.toLowerCase() as Hex
  const minted = w.call('mint', [[toHex('ipfs://ape/1'), toHex('ipfs://ape/2')]], { to: collection, abi: NftCollection.abi })
  expect(minted.value).toEqual([22n, 2n, [1n, 2n]])
  /** A transaction from an EOA straight to the token address. */
  const erc721 = (from: Hex, functionName: string, args: readonly unknown[]) => {
    const data = encodeFunctionData({ abi: ERC721_ABI, functionName, args } as Parameters<typeof encodeFunctionData>[0])
    const r = w.run(from as `0x${string}`, token as `0x${string}`, bytes(data))
    if (!r.valid) throw new Error(r.message)
    const decoded = r.status === 'success' && r.output.length > 0
      ? decodeFunctionResult({ abi: ERC721_ABI, functionName, data: toHex(r.output) } as Parameters<typeof decodeFunctionResult>[0])
      : undefined
    // Addresses as the ledger and these tests write them: lowercase.
    const value = typeof decoded === 'string' && decoded.length === 42 && decoded.startsWith('0x') ? decoded.toLowerCase() : decoded
    return { r, value }
  }
  return { ...w, collection, reader, token, collectionAbi: NftCollection.abi, readerAbi: NftReader.abi, erc721 }
}

describe('HIP-218 ERC-721 facade', () => {
  it('a collection created and minted through 0x167 is read through IERC721 from another contract', () => {
    const w = nftWorld()
    const read = w.call('read', [w.token, 2n], { to: w.reader, abi: w.readerAbi })
    expect(read.value).toEqual([expect.stringMatching(new RegExp(w.collection.slice(2), 'i')), 'ipfs://ape/2', 'Apes', 2n])
    expect(w.call('balanceOf', [w.token, w.collection], { to: w.reader, abi: w.readerAbi }).value).toBe(2n)
    expect(w.erc721(USER, 'symbol', []).value).toBe('APE')
    // An unknown serial reverts with Error("INVALID_NFT_ID"), caught by the reader.
    expect(w.call('ownerOrReason', [w.token, 99n], { to: w.reader, abi: w.readerAbi }).value).toEqual(['0x0000000000000000000000000000000000000000', 'INVALID_NFT_ID'])
    const direct = w.erc721(USER, 'tokenURI', [1n << 64n])
    expect([direct.r.status, toHex(direct.r.valid ? direct.r.output : new Uint8Array())]).toEqual(['revert', reason('INVALID_NFT_ID')])
    // ERC-20-only functions are not supported on an NFT.
    const decimals = w.run(USER, w.token as `0x${string}`, bytes('0x313ce567'))
    expect(decimals.valid && toHex(decimals.output)).toBe(reason('NOT_SUPPORTED'))
  })

  it('transferFrom moves a serial and emits Transfer(from, to, tokenId); failures revert with the code', () => {
    const w = nftWorld()
    // USER is not associated yet: the transfer reverts with TOKEN_NOT_ASSOCIATED_TO_ACCOUNT.
    const refused = w.call('send', [USER, 1n], { to: w.collection, abi: w.collectionAbi })
    expect([refused.r.status, toHex(refused.r.output)]).toEqual(['revert', reason('TOKEN_NOT_ASSOCIATED_TO_ACCOUNT')])
    expect(w.rc('associateToken', [USER, w.token], { from: USER, to: HTS, abi: ASSOCIATE })).toBe(RC.SUCCESS)
    const sent = w.call('send', [USER, 1n], { to: w.collection, abi: w.collectionAbi })
    expect(sent.r.status).toBe('success')
    expect(w.erc721(OTHER, 'ownerOf', [1n]).value).toBe(USER)
    const topics = (encodeEventTopics({ abi: ERC721_ABI, eventName: 'Transfer', args: { from: w.collection, to: USER, tokenId: 1n } }) as Hex[]).map((t) => hexToBigInt(t))
    const log = sent.r.logs.find((l) => l.address === w.token)!
    expect([log.topics, log.data.length]).toEqual([topics, 0])
    // A stranger cannot move USER's serial.
    const stolen = w.erc721(OTHER, 'transferFrom', [USER, OTHER, 1n])
    expect([stolen.r.status, toHex(stolen.r.valid ? stolen.r.output : new Uint8Array())]).toEqual(['revert', reason('SPENDER_DOES_NOT_HAVE_ALLOWANCE')])
  })

  it('approve / getApproved and setApprovalForAll / isApprovedForAll let an operator transfer', () => {
    const w = nftWorld()
    for (const who of [USER, OTHER]) expect(w.rc('associateToken', [who, w.token], { from: who, to: HTS, abi: ASSOCIATE })).toBe(RC.SUCCESS)
    expect(w.call('send', [USER, 1n], { to: w.collection, abi: w.collectionAbi }).r.status).toBe('success')
    expect(w.call('send', [USER, 2n], { to: w.collection, abi: w.collectionAbi }).r.status).toBe('success')

    expect(w.erc721(USER, 'approve', [OTHER, 1n]).r.status).toBe('success')
    expect(w.erc721(USER, 'getApproved', [1n]).value).toBe(OTHER)
    expect(w.erc721(OTHER, 'transferFrom', [USER, OTHER, 1n]).r.status).toBe('success')
    expect(w.erc721(USER, 'ownerOf', [1n]).value).toBe(OTHER)
    expect(w.erc721(USER, 'getApproved', [1n]).value).toBe('0x0000000000000000000000000000000000000000')

    expect(w.erc721(USER, 'isApprovedForAll', [USER, OTHER]).value).toBe(false)
    const all = w.erc721(USER, 'setApprovalForAll', [OTHER, true])
    expect(all.r.status).toBe('success')
    expect(all.r.logs[0].topics[0]).toBe(hexToBigInt((encodeEventTopics({ abi: ERC721_ABI, eventName: 'ApprovalForAll' }) as Hex[])[0]))
    expect(w.erc721(USER, 'isApprovedForAll', [USER, OTHER]).value).toBe(true)
    expect(w.erc721(OTHER, 'transferFrom', [USER, OTHER, 2n]).r.status).toBe('success')
    expect(w.ledger.balanceOf(w.token, OTHER)).toBe(2n)
    expect(w.ledger.balanceOf(w.token, USER)).toBe(0n)
  })
})
