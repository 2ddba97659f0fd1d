/**
 * The ABI of the HTS system contract at 0x167 (spec §2), written as the
 * Solidity signatures Hedera's IHederaTokenService declares, so viem
 * computes every selector from them (a test checks each against the spec's
 * table). Tuples: KV, TK, EX, HT, TI, FTI, FF, FR, RF as in spec §2.
 */
import { parseAbi } from 'viem'

export const HTS_ABI = parseAbi([
  'struct KeyValue { bool inheritAccountKey; address contractId; bytes ed25519; bytes ECDSA_secp256k1; address delegatableContractId; }',
  'struct TokenKey { uint256 keyType; KeyValue key; }',
  'struct Expiry { int64 second; address autoRenewAccount; int64 autoRenewPeriod; }',
  'struct HederaToken { string name; string symbol; address treasury; string memo; bool tokenSupplyType; int64 maxSupply; bool freezeDefault; TokenKey[] tokenKeys; Expiry expiry; }',
  'struct FixedFee { int64 amount; address tokenId; bool useHbarsForPayment; bool useCurrentTokenForPayment; address feeCollector; }',
  'struct FractionalFee { int64 numerator; int64 denominator; int64 minimumAmount; int64 maximumAmount; bool netOfTransfers; address feeCollector; }',
  'struct RoyaltyFee { int64 numerator; int64 denominator; int64 amount; address tokenId; bool useHbarsForPayment; address feeCollector; }',
  'struct TokenInfo { HederaToken token; int64 totalSupply; bool deleted; bool defaultKycStatus; bool pauseStatus; FixedFee[] fixedFees; FractionalFee[] fractionalFees; RoyaltyFee[] royaltyFees; string ledgerId; }',
  'struct FungibleTokenInfo { TokenInfo tokenInfo; int32 decimals; }',
  'struct AccountAmount { address accountID; int64 amount; bool isApproval; }',
  'struct NftTransfer { address senderAccountID; address receiverAccountID; int64 serialNumber; bool isApproval; }',
  'struct TransferList { AccountAmount[] transfers; }',
  'struct TokenTransferList { address token; AccountAmount[] transfers; NftTransfer[] nftTransfers; }',
  'function transferToken(address token, address sender, address recipient, int64 amount) returns (int64 responseCode)',
  'function transferTokens(address token, address[] accountId, int64[] amount) returns (int64 responseCode)',
  'function transferFrom(address token, address from, address to, uint256 amount) returns (int64 responseCode)',
  'function cryptoTransfer(TransferList transferList, TokenTransferList[] tokenTransfers) returns (int64 responseCode)',
  'function mintToken(address token, int64 amount, bytes[] metadata) returns (int64 responseCode, int64 newTotalSupply, int64[] serialNumbers)',
  'function burnToken(address token, int64 amount, int64[] serialNumbers) returns (int64 responseCode, int64 newTotalSupply)',
  'function associateToken(address account, address token) returns (int64 responseCode)',
  'function associateTokens(address account, address[] tokens) returns (int64 responseCode)',
  'function dissociateToken(address account, address token) returns (int64 responseCode)',
  'function dissociateTokens(address account, address[] tokens) returns (int64 responseCode)',
  'function createFungibleToken(HederaToken token, int64 initialTotalSupply, int32 decimals) payable returns (int64 responseCode, address tokenAddress)',
  'function createNonFungibleToken(HederaToken token) payable returns (int64 responseCode, address tokenAddress)',
  'function approve(address token, address spender, uint256 amount) returns (int64 responseCode)',
  'function allowance(address token, address owner, address spender) returns (int64 responseCode, uint256 allowance)',
  'function isToken(address token) returns (int64 responseCode, bool isToken)',
  'function getTokenInfo(address token) returns (int64 responseCode, TokenInfo tokenInfo)',
  'function getFungibleTokenInfo(address token) returns (int64 responseCode, FungibleTokenInfo fungibleTokenInfo)',
  'function getTokenType(address token) returns (int64 responseCode, int32 tokenType)',
  'function pauseToken(address token) returns (int64 responseCode)',
  'function unpauseToken(address token) returns (int64 responseCode)',
  'function deleteToken(address token) returns (int64 responseCode)',
  'function freezeToken(address token, address account) returns (int64 responseCode)',
  'function unfreezeToken(address token, address account) returns (int64 responseCode)',
  'function grantTokenKyc(address token, address account) returns (int64 responseCode)',
  'function revokeTokenKyc(address token, address account) returns (int64 responseCode)',
  'function wipeTokenAccount(address token, address account, int64 amount) returns (int64 responseCode)',
  'function redirectForToken(address token, bytes encodedFunctionSelector) returns (int64 responseCode, bytes response)',
])

/** The ERC-20 part of the HIP-218 facade (spec §3). */
export const ERC20_ABI = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address account) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
])

/** The HIP-218 facade's ERC-721 part for NFT tokens (spec §3), with the standard events. */
export const ERC721_ABI = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address owner) view returns (uint256)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function tokenURI(uint256 tokenId) view returns (string)',
  'function getApproved(uint256 tokenId) view returns (address)',
  'function isApprovedForAll(address owner, address operator) view returns (bool)',
  'function approve(address to, uint256 tokenId)',
  'function setApprovalForAll(address operator, bool approved)',
  'function transferFrom(address from, address to, uint256 tokenId)',
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  'event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId)',
  'event ApprovalForAll(address indexed owner, address indexed operator, bool approved)',
])

/** 0x168 (spec §2). */
export const EXCHANGE_RATE_ABI = parseAbi([
  'function tinycentsToTinybars(uint256 tinycents) returns (uint256)',
  'function tinybarsToTinycents(uint256 tinybars) returns (uint256)',
])

/** 0x169 (spec §2). */
export const PRNG_ABI = parseAbi(['function getPseudorandomSeed() returns (bytes32)'])
