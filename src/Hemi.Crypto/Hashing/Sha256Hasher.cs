using System.Security.Cryptography;

namespace Hemi.Crypto;

/// <summary>Incremental SHA-256 (a thin wrapper over <see cref="IncrementalHash"/>).</summary>
public sealed class Sha256Hasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public byte[] GetHashAndReset() => _hash.GetHashAndReset();

    public void GetHashAndReset(Span<byte> destination)
    {
        Sha256.CheckDestination(destination);
        _hash.GetHashAndReset(destination);
    }

    public void Dispose() => _hash.Dispose();
}
