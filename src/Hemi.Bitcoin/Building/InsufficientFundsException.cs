namespace Hemi.Bitcoin.Building;

/// <summary>The coins do not cover the outputs plus the fee.</summary>
public sealed class InsufficientFundsException : InvalidOperationException
{
    /// <summary>Creates the exception with the amounts involved.</summary>
    public InsufficientFundsException(long available, long required)
        : base($"Insufficient funds: {available} sat available, {required} sat required (outputs + fee).")
    {
        Available = available;
        Required = required;
    }

    /// <summary>Sum of the inputs, in satoshis.</summary>
    public long Available { get; }

    /// <summary>Outputs plus fee, in satoshis.</summary>
    public long Required { get; }
}
