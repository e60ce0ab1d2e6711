using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Ethereum.Abi;

namespace Hemi.Protocol.Hvm;

/// <summary>
/// The call data of the Bitcoin attributes deposited transaction (type 0x7C): <c>updateHvmState(bytes32,bytes[])</c>
/// with the canonical Bitcoin tip (internal byte order) and the new raw 80-byte headers, oldest first.
/// </summary>
public sealed record BitcoinAttributesCall
{
    /// <summary>Validation allows at most this many headers per transaction (<c>MaximumBtcHeadersInTx</c>).</summary>
    public const int MaxHeaders = 6;

    /// <summary><c>updateHvmState(bytes32,bytes[])</c>, selector 0xc94f1cca.</summary>
    public static AbiFunction Function { get; } = AbiFunction.Parse("updateHvmState(bytes32,bytes[])");

    public BitcoinAttributesCall(Hash256 canonicalTip, IReadOnlyList<byte[]> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count > MaxHeaders)
        {
            throw new ArgumentException($"At most {MaxHeaders} headers fit in one attributes transaction, got {headers.Count}.", nameof(headers));
        }

        foreach (var header in headers)
        {
            if (header is null || header.Length != BlockHeader.Size)
            {
                throw new ArgumentException($"Each header must be {BlockHeader.Size} raw bytes.", nameof(headers));
            }
        }

        CanonicalTip = canonicalTip;
        Headers = headers;
    }

    /// <summary>The canonical Bitcoin tip the block commits to.</summary>
    public Hash256 CanonicalTip { get; }

    /// <summary>Raw 80-byte headers the hVM's light view did not have, oldest first.</summary>
    public IReadOnlyList<byte[]> Headers { get; }

    /// <summary>Builds the call from parsed headers.</summary>
    public static BitcoinAttributesCall FromHeaders(Hash256 canonicalTip, IEnumerable<BlockHeader> headers) =>
        new(canonicalTip, headers.Select(h => h.ToBytes()).ToArray());

    /// <summary>The ABI call data.</summary>
    public byte[] Encode() => Function.EncodeCall(CanonicalTip.ToInternalBytes(), Headers.Cast<object?>().ToArray());

    /// <summary>Decodes and validates call data (selector, at most six headers, each 80 bytes).</summary>
    /// <exception cref="AbiException">Malformed ABI data.</exception>
    /// <exception cref="ArgumentException">Well-formed ABI that breaks the attributes rules.</exception>
    public static BitcoinAttributesCall Decode(ReadOnlySpan<byte> callData)
    {
        var values = Function.DecodeCall(callData);
        var tip = (byte[])values[0]!;
        var headers = ((IEnumerable<object?>)values[1]!).Select(h => (byte[])h!).ToArray();
        return new BitcoinAttributesCall(Hash256.FromInternal(tip), headers);
    }
}
