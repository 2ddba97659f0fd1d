// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Child {
    uint256 public immutable id;
    constructor(uint256 i) { id = i; }
}

/// Benchmark workloads: an ERC-20 exercised in loops, hashing, and CREATE2 deployments.
contract Workloads {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function mint(address to, uint256 amount) public {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function transfer(address to, uint256 amount) public returns (bool) {
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) public returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public returns (bool) {
        allowance[from][msg.sender] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }

    function mintLoop(uint256 n) external {
        for (uint256 i = 0; i < n; i++) mint(address(uint160(i % 64 + 1)), 10);
    }

    function transferLoop(uint256 n) external {
        mint(msg.sender, n);
        for (uint256 i = 0; i < n; i++) transfer(address(uint160(i % 64 + 1)), 1);
    }

    /// approve then transferFrom through external calls, as a spender contract would.
    function approveTransferFromLoop(uint256 n) external {
        mint(address(this), n);
        for (uint256 i = 0; i < n; i++) {
            this.approve(address(this), 1);
            this.transferFrom(address(this), address(uint160(i % 64 + 1)), 1);
        }
    }

    function keccakLoop(uint256 n) external pure returns (bytes32 h) {
        for (uint256 i = 0; i < n; i++) h = keccak256(abi.encodePacked(h, i));
    }

    function deployLoop(uint256 n) external returns (address last) {
        for (uint256 i = 0; i < n; i++) last = address(new Child{salt: bytes32(i)}(i));
    }
}
