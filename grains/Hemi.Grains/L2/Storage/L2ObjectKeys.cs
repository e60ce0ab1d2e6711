using Hemi.Ethereum;

namespace Hemi.Grains.L2.Storage;

/// <summary>
/// The object-store layout of one L2 chain, everything under <c>l2/{chainId}/</c>. Every object is immutable and
/// written create-only; numbers are zero-padded to 20 digits so an ordinal listing is numeric order.
/// <list type="bullet">
/// <item><c>blocks/{number}</c>: the sealed block record (header, transactions, execution results). Writing it is
/// the sequencer's fence: only one activation can create block N.</item>
/// <item><c>block-hashes/{hash}</c>: the number of the block with that hash (8 bytes, big-endian).</item>
/// <item><c>transactions/{hash}</c>: block number (8 bytes) and index (4 bytes) of a sealed transaction.</item>
/// <item><c>snapshots/{number}</c>: every trie node of the world state after that block (its root is checked against the header).</item>
/// </list>
/// </summary>
public static class L2ObjectKeys
{
    public static string ChainPrefix(ulong chainId) => $"l2/{chainId}/";

    public static string BlocksPrefix(ulong chainId) => $"l2/{chainId}/blocks/";

    public static string Block(ulong chainId, ulong number) => $"l2/{chainId}/blocks/{number:D20}";

    public static string BlockHash(ulong chainId, Hash32 hash) => $"l2/{chainId}/block-hashes/{hash}";

    public static string Transaction(ulong chainId, Hash32 hash) => $"l2/{chainId}/transactions/{hash}";

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
        return tail.Length == 20 && ulong.TryParse(tail, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }
}
