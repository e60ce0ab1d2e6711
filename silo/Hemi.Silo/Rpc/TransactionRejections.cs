using Hemi.Grains.L2;

namespace Hemi.Silo.Rpc;

/// <summary>
/// The error messages wallets recognise for a refused transaction: geth's wording first (ethers and MetaMask match on
/// it, e.g. "nonce too low"), then the sequencer's own detail.
/// </summary>
public static class TransactionRejections
{
    public static string Message(TransactionRejectedException rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var prefix = rejection.Reason switch
        {
            TransactionRejectionReason.Malformed => "invalid transaction",
            TransactionRejectionReason.SystemTransaction => "transaction type not supported",
            TransactionRejectionReason.InvalidSignature => "invalid sender",
            TransactionRejectionReason.WrongChainId => "invalid chain id",
            TransactionRejectionReason.NonceTooLow => "nonce too low",
            TransactionRejectionReason.NonceTooHigh => "nonce too high",
            TransactionRejectionReason.InsufficientFunds => "insufficient funds for gas * price + value",
            TransactionRejectionReason.FeeTooLow => "max fee per gas less than block base fee",
            TransactionRejectionReason.IntrinsicGasTooLow => "intrinsic gas too low",
            TransactionRejectionReason.GasLimitExceeded => "exceeds block gas limit",
            TransactionRejectionReason.Unsupported => "transaction not supported",
            TransactionRejectionReason.AlreadyKnown => "already known",
            TransactionRejectionReason.PoolFull => "txpool is full",
            _ => "transaction rejected",
        };
        var detail = rejection.Message;
        if (string.IsNullOrWhiteSpace(detail) || detail.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(detail) ? prefix : detail;
        }

        return $"{prefix}: {detail}";
    }
}
