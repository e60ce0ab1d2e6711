namespace Hemi.Protocol.L2.State;

/// <summary>Why a native call did not succeed. Every one of these gives a reverted receipt (status 0) in a transaction, never an invalid block.</summary>
public enum NativeCallFailure
{
    /// <summary>The contract ran and reverted (ERC-20 balance or allowance too low, zero address, value sent to a non-payable function).</summary>
    Reverted,

    /// <summary>The native contract has no such function, or the arguments are malformed.</summary>
    UnknownFunction,

    /// <summary>The target has code the native engine does not implement (any deployed bytecode, or a system contract users may not call).</summary>
    UnsupportedContract,

    /// <summary>The fixed cost of the call exceeds the gas left.</summary>
    OutOfGas,

    /// <summary>The caller cannot pay the call value (<c>eth_call</c> only: transactions check this before execution).</summary>
    InsufficientBalance,

    /// <summary>An hVM precompile was called but the engine has no Bitcoin view that can answer it.</summary>
    BitcoinViewUnavailable,
}
