// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Child {
    uint256 public value;
    constructor(uint256 v) { value = v; }
    function boom() external pure { revert("boom"); }
}

/// CREATE2 deployments and try/catch over reverts.
contract Factory {
    event Deployed(address child, bytes32 salt);
    Child public last;

    function deploy(bytes32 salt, uint256 v) external returns (address) {
        last = new Child{salt: salt}(v);
        emit Deployed(address(last), salt);
        return address(last);
    }

    function predict(bytes32 salt, uint256 v) external view returns (address) {
        bytes32 h = keccak256(abi.encodePacked(bytes1(0xff), address(this), salt,
            keccak256(abi.encodePacked(type(Child).creationCode, abi.encode(v)))));
        return address(uint160(uint256(h)));
    }

    function tryBoom() external returns (string memory) {
        try last.boom() { return "no"; } catch Error(string memory reason) { return reason; }
    }

    function tryDeployTwice(bytes32 salt) external returns (bool) {
        try new Child{salt: salt}(1) returns (Child) { return true; } catch { return false; }
    }
}

contract Implementation {
    uint256 public counter;
    address public owner;
    function increment(uint256 by) external returns (uint256) { counter += by; owner = msg.sender; return counter; }
    function fail() external pure { require(false, "impl failed"); }
}

/// A delegatecall proxy: storage lives here, code in the implementation.
contract Proxy {
    uint256 public counter;
    address public owner;
    address public implementation;
    constructor(address impl) { implementation = impl; }
    fallback() external payable {
        address impl = implementation;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok case 0 { revert(0, returndatasize()) } default { return(0, returndatasize()) }
        }
    }
}
