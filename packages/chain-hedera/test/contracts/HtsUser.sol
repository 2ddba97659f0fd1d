// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// The subset of Hedera's IHederaTokenService these tests use (signatures as spec §2).
interface IHederaTokenService {
    struct KeyValue { bool inheritAccountKey; address contractId; bytes ed25519; bytes ECDSA_secp256k1; address delegatableContractId; }
    struct TokenKey { uint256 keyType; KeyValue key; }
    struct Expiry { int64 second; address autoRenewAccount; int64 autoRenewPeriod; }
    struct HederaToken {
        string name; string symbol; address treasury; string memo; bool tokenSupplyType; int64 maxSupply; bool freezeDefault;
        TokenKey[] tokenKeys; Expiry expiry;
    }
    function createFungibleToken(HederaToken memory token, int64 initialTotalSupply, int32 decimals) external payable returns (int64, address);
    function associateToken(address account, address token) external returns (int64);
    function transferToken(address token, address sender, address recipient, int64 amount) external returns (int64);
    function transferTokens(address token, address[] memory accountId, int64[] memory amount) external returns (int64);
    function approve(address token, address spender, uint256 amount) external returns (int64);
    function mintToken(address token, int64 amount, bytes[] memory metadata) external returns (int64, int64, int64[] memory);
    function burnToken(address token, int64 amount, int64[] memory serialNumbers) external returns (int64, int64);
    function pauseToken(address token) external returns (int64);
    function unpauseToken(address token) external returns (int64);
    function freezeToken(address token, address account) external returns (int64);
    function unfreezeToken(address token, address account) external returns (int64);
    function grantTokenKyc(address token, address account) external returns (int64);
    function revokeTokenKyc(address token, address account) external returns (int64);
    function wipeTokenAccount(address token, address account, int64 amount) external returns (int64);
    function deleteToken(address token) external returns (int64);
    function getTokenType(address token) external returns (int64, int32);
    function isToken(address token) external returns (int64, bool);
}

interface IERC20Facade {
    function transfer(address to, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
    function decimals() external view returns (uint8);
}

interface IExchangeRate { function tinycentsToTinybars(uint256 tinycents) external returns (uint256); }
interface IPrng { function getPseudorandomSeed() external returns (bytes32); }

/// A contract that is the treasury and every key of the tokens it creates.
contract HtsUser {
    IHederaTokenService constant HTS = IHederaTokenService(address(0x167));
    address public lastToken;

    function create(string memory name, string memory symbol, address treasury, int64 initialSupply, int32 decimals, bool finite, int64 maxSupply, bool withKeys)
        external payable returns (int64 rc, address token)
    {
        IHederaTokenService.TokenKey[] memory keys = new IHederaTokenService.TokenKey[](withKeys ? 1 : 0);
        // keyType 127: admin, kyc, freeze, wipe, supply, feeSchedule and pause, all this contract.
        if (withKeys) keys[0] = IHederaTokenService.TokenKey(127, IHederaTokenService.KeyValue(false, address(this), "", "", address(0)));
        IHederaTokenService.HederaToken memory t = IHederaTokenService.HederaToken(
            name, symbol, treasury == address(0) ? address(this) : treasury, "memo", finite, maxSupply, false, keys,
            IHederaTokenService.Expiry(0, address(0), 0)
        );
        (rc, token) = HTS.createFungibleToken{value: msg.value}(t, initialSupply, decimals);
        if (rc == 22) lastToken = token;
    }

    function transfer(address token, address to, int64 amount) external returns (int64) { return HTS.transferToken(token, address(this), to, amount); }
    function transferTokens(address token, address[] memory accounts, int64[] memory amounts) external returns (int64) { return HTS.transferTokens(token, accounts, amounts); }
    function approve(address token, address spender, uint256 amount) external returns (int64) { return HTS.approve(token, spender, amount); }
    function mint(address token, int64 amount) external returns (int64 rc) { (rc,,) = HTS.mintToken(token, amount, new bytes[](0)); }
    function burn(address token, int64 amount) external returns (int64 rc) { (rc,) = HTS.burnToken(token, amount, new int64[](0)); }
    function pause(address token) external returns (int64) { return HTS.pauseToken(token); }
    function unpause(address token) external returns (int64) { return HTS.unpauseToken(token); }
    function freeze(address token, address account) external returns (int64) { return HTS.freezeToken(token, account); }
    function unfreeze(address token, address account) external returns (int64) { return HTS.unfreezeToken(token, account); }
    function grantKyc(address token, address account) external returns (int64) { return HTS.grantTokenKyc(token, account); }
    function revokeKyc(address token, address account) external returns (int64) { return HTS.revokeTokenKyc(token, account); }
    function wipe(address token, address account, int64 amount) external returns (int64) { return HTS.wipeTokenAccount(token, account, amount); }
    function remove(address token) external returns (int64) { return HTS.deleteToken(token); }
    function tokenType(address token) external returns (int64 rc, int32 kind) { return HTS.getTokenType(token); }

    /// Transfers, then reverts: the ledger must not keep the transfer.
    function transferThenRevert(address token, address to, int64 amount) external {
        HTS.transferToken(token, address(this), to, amount);
        revert("undo");
    }

    /// Does a transfer in a sub-call that reverts, and goes on.
    function transferInRevertedCall(address token, address to, int64 amount) external returns (bool ok) {
        (ok,) = address(this).call(abi.encodeCall(this.transferThenRevert, (token, to, amount)));
    }

    /// An ERC-20 transfer through the token's HIP-218 facade.
    function facadeTransfer(address token, address to, uint256 amount) external returns (bool) { return IERC20Facade(token).transfer(to, amount); }
    function facadeBalance(address token, address account) external view returns (uint256) { return IERC20Facade(token).balanceOf(account); }

    /// DELEGATECALL to 0x167 is refused.
    function delegateToHts(address token) external returns (bool ok) {
        (ok,) = address(0x167).delegatecall(abi.encodeCall(IHederaTokenService.pauseToken, (token)));
    }

    /// A low-level call: its success, return or revert data, and the gas it took (the call's own cost included).
    function probe(address target, bytes calldata data) external returns (bool ok, bytes memory ret, uint256 used) {
        uint256 before = gasleft();
        (ok, ret) = target.call(data);
        used = before - gasleft();
    }

    /// A failed view caught by try/catch: the reason string.
    function tokenTypeReason(address token) external returns (string memory) {
        try HTS.getTokenType(token) returns (int64, int32) { return "ok"; } catch Error(string memory reason) { return reason; }
    }

    function dollarInTinybars() external returns (uint256) { return IExchangeRate(address(0x168)).tinycentsToTinybars(10_000_000_000); }
    function seed() external returns (bytes32) { return IPrng(address(0x169)).getPseudorandomSeed(); }
    function systemCodeHash(address a) external view returns (bytes32 h) { assembly { h := extcodehash(a) } }
    receive() external payable {}
}
