// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Looks at token addresses from the EVM side and moves HBAR the ways Solidity can.
contract Probe {
    function codeOf(address a) external view returns (uint256 size, bytes32 hash, bytes memory code) {
        size = a.code.length;
        hash = a.codehash;
        code = a.code;
    }

    function forward(address target, bytes calldata data) external returns (bool ok, bytes memory out) {
        (ok, out) = target.call(data);
    }

    function delegate(address target, bytes calldata data) external returns (bool ok, bytes memory out) {
        (ok, out) = target.delegatecall(data);
    }

    function pay(address to, uint256 amount, bool revertAfter) external payable {
        (bool ok, ) = payable(to).call{value: amount}("");
        require(ok, "transfer failed");
        if (revertAfter) revert("undone");
    }

    /// Pays from a child frame that reverts: the transfer is undone.
    function payInRevertedChild(address to, uint256 amount) external returns (bool ok) {
        (ok, ) = address(this).call(abi.encodeCall(this.pay, (to, amount, true)));
    }

    function destroy(address payable to) external {
        selfdestruct(to);
    }

    receive() external payable {}
}
