// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IHederaTokenService {
    function isToken(address token) external returns (int64 responseCode, bool isToken);
}

/// A value with an event, and a question to HTS (0x167): what the node's tests deploy.
contract Store {
    event Stored(address indexed who, uint256 value);

    uint256 public value;

    constructor(uint256 initial) {
        value = initial;
    }

    function set(uint256 v) external {
        value = v;
        emit Stored(msg.sender, v);
    }

    function isHtsToken(address token) external returns (bool) {
        (int64 rc, bool yes) = IHederaTokenService(address(0x167)).isToken(token);
        return rc == 22 && yes;
    }

    function fail() external pure {
        revert("nope");
    }
}
