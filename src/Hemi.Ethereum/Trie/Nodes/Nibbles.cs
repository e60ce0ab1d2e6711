namespace Hemi.Ethereum.Trie;

/// <summary>
/// Nibble paths (one 4-bit value per byte) and the yellow paper's hex-prefix ("compact") encoding
/// used for leaf and extension paths.
/// </summary>
internal static class Nibbles
{
    private const int LeafFlag = 2;
    private const int OddFlag = 1;

    public static byte[] FromKey(ReadOnlySpan<byte> key)
    {
        var nibbles = new byte[key.Length * 2];
        FromKey(key, nibbles);
        return nibbles;
    }

    /// <summary>Writes the nibbles of <paramref name="key"/> into <paramref name="destination"/> (twice the key's length).</summary>
    public static void FromKey(ReadOnlySpan<byte> key, Span<byte> destination)
    {
        for (var i = 0; i < key.Length; i++)
        {
            destination[2 * i] = (byte)(key[i] >> 4);
            destination[(2 * i) + 1] = (byte)(key[i] & 0x0F);
        }
    }

    public static int CommonPrefixLength(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.CommonPrefixLength(b);

    public static byte[] Concat(byte first, ReadOnlySpan<byte> rest)
    {
        var result = new byte[rest.Length + 1];
        result[0] = first;
        rest.CopyTo(result.AsSpan(1));
        return result;
    }

    public static byte[] Concat(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        var result = new byte[head.Length + tail.Length];
        head.CopyTo(result);
        tail.CopyTo(result.AsSpan(head.Length));
        return result;
    }

    /// <summary>Hex-prefix encodes a nibble path; the first nibble carries the leaf and odd-length flags.</summary>
    public static byte[] EncodeHexPrefix(ReadOnlySpan<byte> path, bool isLeaf)
    {
        var result = new byte[(path.Length / 2) + 1];
        EncodeHexPrefix(path, isLeaf, result);
        return result;
    }

    /// <summary>Writes the hex-prefix encoding into exactly <c>path.Length / 2 + 1</c> bytes.</summary>
    public static void EncodeHexPrefix(ReadOnlySpan<byte> path, bool isLeaf, Span<byte> destination)
    {
        var flag = isLeaf ? LeafFlag : 0;
        int next;
        if ((path.Length & 1) == 1)
        {
            destination[0] = (byte)(((flag | OddFlag) << 4) | path[0]);
            next = 1;
        }
        else
        {
            destination[0] = (byte)(flag << 4);
            next = 0;
        }

        for (var i = 1; i < destination.Length; i++, next += 2)
        {
            destination[i] = (byte)((path[next] << 4) | path[next + 1]);
        }
    }

    /// <summary>Decodes a hex-prefix path, rejecting unknown flags and a non-zero padding nibble.</summary>
    public static byte[] DecodeHexPrefix(ReadOnlySpan<byte> encoded, out bool isLeaf)
    {
        if (encoded.IsEmpty)
        {
            throw new TrieException("A hex-prefix path cannot be empty.");
        }

        var flags = encoded[0] >> 4;
        if (flags > (LeafFlag | OddFlag))
        {
            throw new TrieException($"Unknown hex-prefix flag nibble {flags}.");
        }

        isLeaf = (flags & LeafFlag) != 0;
        var odd = (flags & OddFlag) != 0;
        if (!odd && (encoded[0] & 0x0F) != 0)
        {
            throw new TrieException("An even-length hex-prefix path must pad its first byte with a zero nibble.");
        }

        var length = ((encoded.Length - 1) * 2) + (odd ? 1 : 0);
        var path = new byte[length];
        var at = 0;
        if (odd)
        {
            path[at++] = (byte)(encoded[0] & 0x0F);
        }

        for (var i = 1; i < encoded.Length; i++)
        {
            path[at++] = (byte)(encoded[i] >> 4);
            path[at++] = (byte)(encoded[i] & 0x0F);
        }

        return path;
    }
}
