using System.Numerics;
using Hemi.Ethereum.Rlp;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// The storage-trie value format: rlp(big-endian value without leading zeros). Zero is never stored;
/// writing zero deletes the slot.
/// </summary>
public static class StorageValue
{
    private static readonly BigInteger s_maxValue = (BigInteger.One << 256) - 1;

    /// <summary>The trie value for <paramref name="value"/>; empty (meaning delete) for zero.</summary>
    public static byte[] Encode(BigInteger value)
    {
        if (value.Sign < 0 || value > s_maxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A storage value is an unsigned 256-bit integer.");
        }

        return value.IsZero ? [] : Hemi.Ethereum.Rlp.Rlp.EncodeBigInteger(value);
    }

    /// <summary>Decodes a stored slot value.</summary>
    /// <exception cref="TrieException">Not a canonical non-zero integer of at most 32 bytes.</exception>
    public static BigInteger Decode(ReadOnlySpan<byte> encoded) =>
        Decode(encoded, error => new TrieException("A storage value is malformed: " + error));

    internal static BigInteger Decode(ReadOnlySpan<byte> encoded, Func<string, TrieException> fail)
    {
        BigInteger value;
        try
        {
            var reader = new RlpReader(encoded);
            value = reader.ReadBigInteger(32);
            reader.EnsureEnd();
        }
        catch (RlpException e)
        {
            throw fail(e.Message);
        }

        if (value.IsZero)
        {
            throw fail("zero is never stored");
        }

        return value;
    }
}
