namespace Hemi.Ethereum.Abi;

/// <summary>How a function treats chain state, as in the JSON ABI's <c>stateMutability</c>.</summary>
public enum StateMutability
{
    NonPayable,
    Payable,
    View,
    Pure,
}
