using Hemi.Bitcoin;

namespace Hemi.Protocol.Finality;

/// <summary>The first Bitcoin block that contains a keystone (only the first publication counts).</summary>
/// <param name="BlockHash">The Bitcoin block (internal byte order).</param>
/// <param name="BlockHeight">Its height.</param>
public sealed record KeystonePublication(Hash256 BlockHash, uint BlockHeight);
