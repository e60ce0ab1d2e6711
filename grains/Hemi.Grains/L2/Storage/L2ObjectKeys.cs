namespace Hemi.Grains.L2.Storage;

/// <summary>
/// The object-store layout of one L2 chain, everything under <c>l2/{chainId}/</c>. Every object is immutable and
/// written create-only; numbers are zero-padded to 20 digits so an ordinal listing is numeric order.
/// <list type="bullet">
/// <item><c>blocks/{number}</c>: the sealed block record (header, transactions, execution results). Writing it is
/// the sequencer's fence: only one activation can create block N.</item>
/// <item><c>hash-index/{first}-{last}</c>: the block hash and transaction hashes of blocks first..last
/// (<see cref="HashIndexSegmentCodec"/>), written with each snapshot for the blocks since the previous segment. It is
/// derived data: a missing or damaged segment is rebuilt from the block records.</item>
/// <item><c>snapshots/{number}</c>: every trie node of the world state after that block (its root is checked against the header).</item>
/// </list>
/// </summary>
public static class L2ObjectKeys
{
    public static string ChainPrefix(ulong chainId) => $"l2/{chainId}/";

    public static string BlocksPrefix(ulong chainId) => $"l2/{chainId}/blocks/";

    public static string Block(ulong chainId, ulong number) => $"l2/{chainId}/blocks/{number:D20}";

    public static string HashIndexPrefix(ulong chainId) => $"l2/{chainId}/hash-index/";

    public static string HashIndexSegment(ulong chainId, ulong first, ulong last) => $"l2/{chainId}/hash-index/{first:D20}-{last:D20}";

    /// <summary>The block range of a hash index segment key, or null when the key is not one.</summary>
    public static (ulong First, ulong Last)? HashIndexRange(ulong chainId, string key)
    {
        var prefix = HashIndexPrefix(chainId);
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var tail = key.AsSpan(prefix.Length);
        return tail.Length == 41 && tail[20] == '-' && ParseNumber(tail[..20]) is { } first && ParseNumber(tail[21..]) is { } last && first <= last
            ? (first, last)
            : null;
    }

    public static string SnapshotsPrefix(ulong chainId) => $"l2/{chainId}/snapshots/";

    public static string Snapshot(ulong chainId, ulong number) => $"l2/{chainId}/snapshots/{number:D20}";

    /// <summary>The block number of a snapshot key, or null when the key is not one.</summary>
    public static ulong? SnapshotNumber(ulong chainId, string key)
    {
        var prefix = SnapshotsPrefix(chainId);
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var tail = key.AsSpan(prefix.Length);
        return tail.Length == 20 ? ParseNumber(tail) : null;
    }

    private static ulong? ParseNumber(ReadOnlySpan<char> digits) =>
        digits.Length == 20 && ulong.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
