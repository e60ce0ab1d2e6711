using Hemi.Ethereum;
using Hemi.Grains.Runtime;

namespace Hemi.Grains.L2;

/// <summary>
/// Entry point of raw transactions (<c>eth_sendRawTransaction</c>), a stateless worker (key 0) so signature recovery
/// runs in parallel: decodes a user transaction, recovers its sender once and hands it to that sender's
/// <see cref="IAccountGrain"/>.
/// </summary>
public interface ITransactionIngressGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the transaction hash. Throws <see cref="TransactionRejectedException"/> for malformed, system-typed, badly signed or otherwise rejected input.</summary>
    Task<Hash32> SendRawTransactionAsync(byte[] rawTransaction);
}
