// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.27;

/// The response codes this contract checks (Hedera's HederaResponseCodes.sol, same values).
library HederaResponseCodes {
    int32 internal constant SUCCESS = 22;
    int32 internal constant INVALID_SIGNATURE = 7;
    int32 internal constant TOKEN_NOT_ASSOCIATED_TO_ACCOUNT = 184;
}

/// The part of Hedera's IHederaTokenService (system contract 0x167) this contract uses.
interface IHederaTokenService {
    struct KeyValue {
        bool inheritAccountKey;
        address contractId;
        bytes ed25519;
        bytes ECDSA_secp256k1;
        address delegatableContractId;
    }
    /// keyType is a bit mask: 1 admin, 2 kyc, 4 freeze, 8 wipe, 16 supply, 32 fee schedule, 64 pause.
    struct TokenKey {
        uint256 keyType;
        KeyValue key;
    }
    struct Expiry {
        int64 second;
        address autoRenewAccount;
        int64 autoRenewPeriod;
    }
    struct HederaToken {
        string name;
        string symbol;
        address treasury;
        string memo;
        bool tokenSupplyType;
        int64 maxSupply;
        bool freezeDefault;
        TokenKey[] tokenKeys;
        Expiry expiry;
    }

    function createFungibleToken(HederaToken memory token, int64 initialTotalSupply, int32 decimals)
        external payable returns (int64 responseCode, address tokenAddress);
    function mintToken(address token, int64 amount, bytes[] memory metadata)
        external returns (int64 responseCode, int64 newTotalSupply, int64[] memory serialNumbers);
    function associateToken(address account, address token) external returns (int64 responseCode);
    function transferToken(address token, address sender, address recipient, int64 amount) external returns (int64 responseCode);
}

/// What every HTS fungible token answers at its own address (HIP-218).
interface IERC20 {
    event Transfer(address indexed from, address indexed to, uint256 value);
    function totalSupply() external view returns (uint256);
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// Creates a fungible HTS token with itself as treasury and supply key, mints it,
/// and pays it out through HTS (transferToken) or through the token's ERC-20 facade.
contract TokenTreasury {
    IHederaTokenService internal constant HTS = IHederaTokenService(address(0x167));
    uint256 internal constant SUPPLY_KEY = 16;
    int64 internal constant AUTO_RENEW_PERIOD = 7_776_000; // 90 days, as Hedera's samples use
    int64 public constant INITIAL_SUPPLY = 1_000_000; // 10,000.00 units
    int32 public constant DECIMALS = 2;

    address public immutable owner;
    address public token;

    /// An HTS call answered something else than SUCCESS (22).
    error HtsCallFailed(int64 responseCode);

    event TokenCreated(address token);
    event Minted(int64 amount, int64 newTotalSupply);
    event SentViaHts(address indexed to, int64 amount);

    modifier onlyOwner() {
        require(msg.sender == owner, "not the owner");
        _;
    }

    constructor() {
        owner = msg.sender;
    }

    /// Creates the token. msg.value (tinybar) pays the network's create fee; the change goes back to the caller.
    function createToken() external payable onlyOwner returns (address) {
        require(token == address(0), "token already created");
        IHederaTokenService.TokenKey[] memory keys = new IHederaTokenService.TokenKey[](1);
        keys[0] = IHederaTokenService.TokenKey(SUPPLY_KEY, IHederaTokenService.KeyValue(false, address(this), "", "", address(0)));
        IHederaTokenService.HederaToken memory t = IHederaTokenService.HederaToken({
            name: "Treasury Gold",
            symbol: "TGLD",
            treasury: address(this),
            memo: "created by TokenTreasury",
            tokenSupplyType: false, // infinite supply
            maxSupply: 0,
            freezeDefault: false,
            tokenKeys: keys,
            expiry: IHederaTokenService.Expiry(0, address(this), AUTO_RENEW_PERIOD)
        });
        (int64 rc, address created) = HTS.createFungibleToken{value: msg.value}(t, INITIAL_SUPPLY, DECIMALS);
        require(rc == HederaResponseCodes.SUCCESS, HtsCallFailed(rc));
        token = created;
        emit TokenCreated(created);
        uint256 change = address(this).balance;
        if (change > 0) {
            (bool ok,) = payable(msg.sender).call{value: change}("");
            require(ok, "change not returned");
        }
        return created;
    }

    /// Mints to the treasury (this contract); only the supply key (this contract) can.
    function mint(int64 amount) external onlyOwner returns (int64 newTotalSupply) {
        int64 rc;
        (rc, newTotalSupply,) = HTS.mintToken(token, amount, new bytes[](0));
        require(rc == HederaResponseCodes.SUCCESS, HtsCallFailed(rc));
        emit Minted(amount, newTotalSupply);
    }

    /// Associates `user` with the token. On Hedera the account being associated must sign: a contract
    /// cannot do it for someone else (INVALID_SIGNATURE, 7). Users associate themselves instead, by
    /// calling associateToken(self, token) on 0x167 from their own account.
    function associate(address user) external {
        int64 rc = HTS.associateToken(user, token);
        require(rc == HederaResponseCodes.SUCCESS, HtsCallFailed(rc));
    }

    /// Pays `amount` out of the treasury with HTS's transferToken.
    function sendViaHts(address to, int64 amount) external onlyOwner {
        int64 rc = HTS.transferToken(token, address(this), to, amount);
        require(rc == HederaResponseCodes.SUCCESS, HtsCallFailed(rc));
        emit SentViaHts(to, amount);
    }

    /// Pays `amount` out of the treasury through the token's ERC-20 facade (a failure reverts inside it).
    function sendViaErc20(address to, uint256 amount) external onlyOwner {
        require(IERC20(token).transfer(to, amount), "transfer returned false");
    }
}
