// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// The NFT part of Hedera's IHederaTokenService these tests use (signatures as spec §2).
interface IHtsNft {
    struct KeyValue { bool inheritAccountKey; address contractId; bytes ed25519; bytes ECDSA_secp256k1; address delegatableContractId; }
    struct TokenKey { uint256 keyType; KeyValue key; }
    struct Expiry { int64 second; address autoRenewAccount; int64 autoRenewPeriod; }
    struct HederaToken {
        string name; string symbol; address treasury; string memo; bool tokenSupplyType; int64 maxSupply; bool freezeDefault;
        TokenKey[] tokenKeys; Expiry expiry;
    }
    function createNonFungibleToken(HederaToken memory token) external payable returns (int64, address);
    function mintToken(address token, int64 amount, bytes[] memory metadata) external returns (int64, int64, int64[] memory);
}

/// The standard ERC-721 interface (with the metadata extension's name, symbol and tokenURI).
interface IERC721 {
    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function totalSupply() external view returns (uint256);
    function balanceOf(address owner) external view returns (uint256);
    function ownerOf(uint256 tokenId) external view returns (address);
    function tokenURI(uint256 tokenId) external view returns (string memory);
    function getApproved(uint256 tokenId) external view returns (address);
    function isApprovedForAll(address owner, address operator) external view returns (bool);
    function approve(address to, uint256 tokenId) external;
    function setApprovalForAll(address operator, bool approved) external;
    function transferFrom(address from, address to, uint256 tokenId) external;
}

/// Creates an NFT collection through 0x167 (treasury and supply key: this contract) and mints with metadata.
contract NftCollection {
    IHtsNft constant HTS = IHtsNft(address(0x167));
    address public token;

    function create(string memory name, string memory symbol) external payable returns (int64 rc, address created) {
        IHtsNft.TokenKey[] memory keys = new IHtsNft.TokenKey[](1);
        keys[0] = IHtsNft.TokenKey(16, IHtsNft.KeyValue(false, address(this), "", "", address(0))); // bit 4: supply
        IHtsNft.HederaToken memory t = IHtsNft.HederaToken(name, symbol, address(this), "", false, 0, false, keys, IHtsNft.Expiry(0, address(0), 0));
        (rc, created) = HTS.createNonFungibleToken{value: msg.value}(t);
        if (rc == 22) token = created;
    }

    function mint(bytes[] memory metadata) external returns (int64 rc, int64 supply, int64[] memory serials) {
        return HTS.mintToken(token, 0, metadata);
    }

    /// A low-level call that bubbles up a revert.
    function send(address to, uint256 tokenId) external {
        (bool ok, bytes memory data) = token.call(abi.encodeCall(IERC721.transferFrom, (address(this), to, tokenId)));
        if (!ok) assembly { revert(add(data, 32), mload(data)) }
    }

    /// ERC-721 transferFrom returns nothing, so Solidity checks EXTCODESIZE first: the token's proxy code passes it.
    function sendHighLevel(address to, uint256 tokenId) external {
        IERC721(token).transferFrom(address(this), to, tokenId);
    }
}

/// Reads a collection through the IERC721 interface from another contract.
contract NftReader {
    function read(address token, uint256 tokenId) external view returns (address owner, string memory uri, string memory name, uint256 supply) {
        IERC721 nft = IERC721(token);
        return (nft.ownerOf(tokenId), nft.tokenURI(tokenId), nft.name(), nft.totalSupply());
    }

    function balanceOf(address token, address who) external view returns (uint256) { return IERC721(token).balanceOf(who); }

    /// ownerOf, or the revert reason of a failing one.
    function ownerOrReason(address token, uint256 tokenId) external view returns (address owner, string memory reason) {
        try IERC721(token).ownerOf(tokenId) returns (address o) { owner = o; } catch Error(string memory r) { reason = r; }
    }
}
