// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.27;

/// The part of Hedera's IHederaTokenService (system contract 0x167) this contract uses.
interface IHederaTokenService {
    struct KeyValue { bool inheritAccountKey; address contractId; bytes ed25519; bytes ECDSA_secp256k1; address delegatableContractId; }
    struct TokenKey { uint256 keyType; KeyValue key; }
    struct Expiry { int64 second; address autoRenewAccount; int64 autoRenewPeriod; }
    struct HederaToken {
        string name; string symbol; address treasury; string memo; bool tokenSupplyType; int64 maxSupply; bool freezeDefault;
        TokenKey[] tokenKeys; Expiry expiry;
    }
    function createFungibleToken(HederaToken memory token, int64 initialTotalSupply, int32 decimals)
        external payable returns (int64 responseCode, address tokenAddress);
    function mintToken(address token, int64 amount, bytes[] memory metadata)
        external returns (int64 responseCode, int64 newTotalSupply, int64[] memory serialNumbers);
    function transferToken(address token, address sender, address recipient, int64 amount) external returns (int64 responseCode);
}

/// A reward program: creates its own HTS token (itself the treasury and supply key), mints rewards and pays them out.
contract Rewards {
    IHederaTokenService internal constant HTS = IHederaTokenService(address(0x167));
    address public token;
    int64 public totalPaid;

    event TokenCreated(address token);
    event Rewarded(address indexed to, int64 amount);

    /// msg.value (tinybar) pays the token-create fee; the change stays with the contract.
    function createToken() external payable {
        require(token == address(0), "token exists");
        IHederaTokenService.TokenKey[] memory keys = new IHederaTokenService.TokenKey[](1);
        keys[0] = IHederaTokenService.TokenKey(16, IHederaTokenService.KeyValue(false, address(this), "", "", address(0)));
        IHederaTokenService.HederaToken memory t = IHederaTokenService.HederaToken(
            "Reward Points", "RWD", address(this), "", false, 0, false, keys, IHederaTokenService.Expiry(0, address(this), 7_776_000));
        (int64 rc, address created) = HTS.createFungibleToken{value: msg.value}(t, 0, 0);
        require(rc == 22, "create failed");
        token = created;
        emit TokenCreated(created);
    }

    /// Mints `amount` and sends it to `to` (who must have associated the token).
    function reward(address to, int64 amount) external {
        (int64 rc,,) = HTS.mintToken(token, amount, new bytes[](0));
        require(rc == 22, "mint failed");
        rc = HTS.transferToken(token, address(this), to, amount);
        require(rc == 22, "transfer failed");
        totalPaid += amount;
        emit Rewarded(to, amount);
    }
}
