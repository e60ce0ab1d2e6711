using System.Buffers.Binary;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Trie;

namespace Hemi.Grains.L2.Storage;

/// <summary>
/// A world-state snapshot: every trie node reachable from a state root (the account trie and each account's storage
/// trie), stored as <c>0x01 ‖ root(32) ‖ count(u32) ‖ (length(u32) ‖ node)*</c>, big-endian. Loading checks that each
/// node hashes to its key, so a damaged snapshot cannot yield a state that merely claims the right root.
/// </summary>
public static class StateSnapshotCodec
{
    public const byte Version = 1;

    /// <summary>A trie node is at most a 17-item branch of 33-byte references plus a value; 64 KiB bounds any sane node.</summary>
    public const int MaxNodeLength = 64 * 1024;

    /// <summary>Collects the nodes reachable from <paramref name="stateRoot"/> in <paramref name="store"/>.</summary>
    /// <exception cref="MissingTrieNodeException">A referenced node is not in the store.</exception>
    public static List<KeyValuePair<Hash32, byte[]>> CollectNodes(ITrieNodeStore store, Hash32 stateRoot)
    {
        ArgumentNullException.ThrowIfNull(store);
        var nodes = new List<KeyValuePair<Hash32, byte[]>>();
        if (stateRoot == PatriciaTrie.EmptyRootHash)
        {
            return nodes;
        }

        var seen = new HashSet<Hash32>();
        var pending = new Stack<(Hash32 Hash, bool IsAccountTrie)>();
        pending.Push((stateRoot, true));
        while (pending.Count > 0)
        {
            var (hash, isAccountTrie) = pending.Pop();
            if (!seen.Add(hash))
            {
                continue;
            }

            if (!store.TryGet(hash, out var encoded))
            {
                throw new L2StorageFormatException($"Trie node {hash} of state {stateRoot} is not held.");
            }

            nodes.Add(new(hash, encoded));
            VisitNode(encoded, isAccountTrie, pending);
        }

        return nodes;
    }

    public static byte[] Encode(Hash32 stateRoot, IReadOnlyList<KeyValuePair<Hash32, byte[]>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var size = 1 + Hash32.Length + 4 + nodes.Sum(n => 4L + n.Value.Length);
        var buffer = new byte[checked((int)size)];
        buffer[0] = Version;
        stateRoot.AsSpan().CopyTo(buffer.AsSpan(1));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(33), (uint)nodes.Count);
        var offset = 37;
        foreach (var (_, node) in nodes)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), (uint)node.Length);
            node.CopyTo(buffer.AsSpan(offset + 4));
            offset += 4 + node.Length;
        }

        return buffer;
    }

    /// <summary>Decodes a snapshot, checking every node's hash; returns the root and the nodes.</summary>
    /// <exception cref="L2StorageFormatException">Truncated, oversized, trailing bytes or a node that does not match its hash.</exception>
    public static (Hash32 StateRoot, List<KeyValuePair<Hash32, byte[]>> Nodes) Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < 37 || encoded[0] != Version)
        {
            throw new L2StorageFormatException(encoded.Length < 37 ? "Truncated state snapshot." : $"Unknown state snapshot version {encoded[0]}.");
        }

        var root = new Hash32(encoded.Slice(1, Hash32.Length));
        var count = BinaryPrimitives.ReadUInt32BigEndian(encoded[33..]);
        var rest = encoded[37..];
        // Each node takes at least 5 bytes, which bounds the count before anything is allocated.
        if (count > (uint)(rest.Length / 5))
        {
            throw new L2StorageFormatException($"State snapshot claims {count} nodes in {rest.Length} bytes.");
        }

        var nodes = new List<KeyValuePair<Hash32, byte[]>>((int)count);
        for (var i = 0u; i < count; i++)
        {
            if (rest.Length < 4)
            {
                throw new L2StorageFormatException("Truncated state snapshot node length.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(rest);
            if (length == 0 || length > MaxNodeLength || length > (uint)(rest.Length - 4))
            {
                throw new L2StorageFormatException($"State snapshot node {i} has an invalid length {length}.");
            }

            var node = rest.Slice(4, (int)length).ToArray();
            nodes.Add(new(new Hash32(Keccak256.Hash(node)), node));
            rest = rest[(4 + (int)length)..];
        }

        if (!rest.IsEmpty)
        {
            throw new L2StorageFormatException($"{rest.Length} trailing bytes after the state snapshot.");
        }

        return (root, nodes);
    }

    private static void VisitNode(ReadOnlySpan<byte> encoded, bool isAccountTrie, Stack<(Hash32, bool)> pending)
    {
        try
        {
            var reader = new RlpReader(encoded);
            var items = reader.EnterList();
            var first = items.ReadRaw();
            if (!items.HasMore)
            {
                throw new L2StorageFormatException("A trie node has one item.");
            }

            var second = items.ReadRaw();
            if (!items.HasMore)
            {
                // Leaf or extension: the hex-prefix flag says which.
                var path = new RlpReader(first).ReadString();
                var isLeaf = !path.IsEmpty && (path[0] >> 4) >= 2;
                if (isLeaf)
                {
                    VisitLeafValue(new RlpReader(second).ReadString(), isAccountTrie, pending);
                }
                else
                {
                    VisitReference(second, isAccountTrie, pending);
                }

                return;
            }

            // Branch: 16 children then a value.
            VisitReference(first, isAccountTrie, pending);
            VisitReference(second, isAccountTrie, pending);
            for (var i = 2; i < 16; i++)
            {
                VisitReference(items.ReadRaw(), isAccountTrie, pending);
            }

            var value = new RlpReader(items.ReadRaw()).ReadString();
            items.EnsureEnd();
            if (!value.IsEmpty)
            {
                VisitLeafValue(value, isAccountTrie, pending);
            }
        }
        catch (EthereumFormatException e)
        {
            throw new L2StorageFormatException("Malformed trie node: " + e.Message, e);
        }
    }

    private static void VisitReference(ReadOnlySpan<byte> item, bool isAccountTrie, Stack<(Hash32, bool)> pending)
    {
        var reader = new RlpReader(item);
        if (reader.IsList)
        {
            // An embedded node (< 32 bytes encoded) lives inside its parent.
            VisitNode(item, isAccountTrie, pending);
            return;
        }

        var reference = reader.ReadString();
        if (reference.Length == Hash32.Length)
        {
            pending.Push((new Hash32(reference), isAccountTrie));
        }
        else if (!reference.IsEmpty)
        {
            throw new L2StorageFormatException($"A trie reference is {reference.Length} bytes.");
        }
    }

    private static void VisitLeafValue(ReadOnlySpan<byte> value, bool isAccountTrie, Stack<(Hash32, bool)> pending)
    {
        if (!isAccountTrie)
        {
            return;
        }

        var account = AccountState.Decode(value);
        if (account.StorageRoot != PatriciaTrie.EmptyRootHash)
        {
            pending.Push((account.StorageRoot, false));
        }
    }
}
