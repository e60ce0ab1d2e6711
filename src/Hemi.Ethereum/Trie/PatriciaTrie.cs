using Hemi.Crypto;

namespace Hemi.Ethereum.Trie;

/// <summary>
/// The Ethereum hexary Merkle-Patricia trie (yellow paper, appendix D). Updates mutate an in-memory node
/// graph and only invalidate the cached hashes on the changed path; <see cref="RootHash"/> re-hashes just
/// those nodes. Nodes below a root opened from an <see cref="ITrieNodeStore"/> are loaded lazily.
/// Not thread-safe.
/// </summary>
public sealed class PatriciaTrie
{
    /// <summary>keccak(rlp("")): the root of the empty trie.</summary>
    public static readonly Hash32 EmptyRootHash =
        Hash32.Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    private readonly TrieNodeEncoder _encoder = new();
    // Keys up to this length keep their nibble path on the stack.
    private const int MaxStackKeyLength = 128;

    private TrieNode? _root;
    private bool _removed;

    /// <summary>Creates an empty trie over a fresh <see cref="InMemoryTrieNodeStore"/>.</summary>
    public PatriciaTrie()
        : this(new InMemoryTrieNodeStore())
    {
    }

    /// <summary>Creates an empty trie that commits into <paramref name="store"/>.</summary>
    public PatriciaTrie(ITrieNodeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
    }

    /// <summary>Opens the trie with root <paramref name="rootHash"/>; nodes are read from <paramref name="store"/> when first needed.</summary>
    public PatriciaTrie(ITrieNodeStore store, Hash32 rootHash)
        : this(store)
    {
        if (rootHash != EmptyRootHash)
        {
            _root = new HashNode(rootHash.AsSpan());
        }
    }

    /// <summary>Where <see cref="Commit"/> writes nodes and lazy loads read them.</summary>
    public ITrieNodeStore Store { get; }

    /// <summary>Whether the trie holds no keys.</summary>
    public bool IsEmpty => _root is null;

    /// <summary>The root hash; re-hashes only the nodes changed since the last call.</summary>
    public Hash32 RootHash
    {
        get
        {
            switch (_root)
            {
                case null:
                    return EmptyRootHash;
                case HashNode hashNode:
                    return hashNode.Hash;
            }

            var reference = _encoder.GetReference(_root);
            // The root is always identified by its hash, even when it is short enough to be embedded.
            return _root.IsHashReferenced
                ? Hash32.FromOwned(reference[1..])
                : Hash32.FromOwned(Keccak256.Hash(reference));
        }
    }

    /// <summary>The value stored under <paramref name="key"/>, or <see langword="null"/> when absent.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var path = key.Length <= MaxStackKeyLength ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        Nibbles.FromKey(key, path);
        var node = _root = _root is HashNode rootHash ? Resolve(rootHash, isRoot: true) : _root;
        var at = 0;
        while (node is not null)
        {
            switch (node)
            {
                case LeafNode leaf:
                    return path[at..].SequenceEqual(leaf.Path) ? (byte[])leaf.Value.Clone() : null;

                case ExtensionNode extension:
                    if (!path[at..].StartsWith(extension.Path))
                    {
                        return null;
                    }

                    at += extension.Path.Length;
                    if (extension.Child is HashNode extensionChild)
                    {
                        extension.Child = Resolve(extensionChild, isRoot: false);
                    }

                    node = extension.Child;
                    break;

                case BranchNode branch:
                    if (at == path.Length)
                    {
                        return (byte[]?)branch.Value?.Clone();
                    }

                    var index = path[at++];
                    if (branch.Children[index] is HashNode branchChild)
                    {
                        branch.Children[index] = Resolve(branchChild, isRoot: false);
                    }

                    node = branch.Children[index];
                    break;

                default:
                    throw new InvalidOperationException("Unexpected trie node type.");
            }
        }

        return null;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>; an empty value deletes the key.</summary>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            Delete(key);
            return;
        }

        var path = key.Length <= MaxStackKeyLength ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        Nibbles.FromKey(key, path);
        _root = Insert(_root, path, value.ToArray(), isRoot: true);
    }

    /// <summary>Removes <paramref name="key"/>; returns whether it was present.</summary>
    public bool Delete(ReadOnlySpan<byte> key)
    {
        _removed = false;
        var path = key.Length <= MaxStackKeyLength ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        Nibbles.FromKey(key, path);
        _root = Remove(_root, path, isRoot: true);
        return _removed;
    }

    /// <summary>
    /// Writes every node changed since the last commit into <see cref="Store"/> in one batch and returns the root hash.
    /// Embedded nodes (under 32 bytes) travel inside their parents; the root is always stored by its hash.
    /// </summary>
    public Hash32 Commit()
    {
        var rootHash = RootHash;
        if (_root is null or HashNode)
        {
            return rootHash;
        }

        var batch = new List<KeyValuePair<Hash32, byte[]>>();
        Collect(_root, batch);
        if (!_root.IsHashReferenced)
        {
            // Too short to be referenced by hash from a parent, but a root is still looked up by its hash.
            batch.Add(new(rootHash, _root.Reference!));
        }

        if (batch.Count > 0)
        {
            Store.PutBatch(batch);
        }

        return rootHash;
    }

    /// <summary>Walks towards <paramref name="key"/> and returns the nodes met on the way, resolving them as needed.</summary>
    internal void CollectProofNodes(ReadOnlySpan<byte> key, List<byte[]> proof)
    {
        _ = RootHash; // hashes every dirty node, so each node on the path knows whether it is embedded
        if (_root is null)
        {
            return;
        }

        var path = Nibbles.FromKey(key);
        var node = _root = _root is HashNode rootHash ? Resolve(rootHash, isRoot: true) : _root;
        proof.Add(_encoder.Encode(node));
        var at = 0;
        while (true)
        {
            TrieNode? next;
            switch (node)
            {
                case ExtensionNode extension when path[at..].StartsWith(extension.Path):
                    at += extension.Path.Length;
                    if (extension.Child is HashNode extensionChild)
                    {
                        extension.Child = Resolve(extensionChild, isRoot: false);
                    }

                    next = extension.Child;
                    break;

                case BranchNode branch when at < path.Length:
                    var index = path[at++];
                    if (branch.Children[index] is HashNode branchChild)
                    {
                        branch.Children[index] = Resolve(branchChild, isRoot: false);
                    }

                    next = branch.Children[index];
                    break;

                default:
                    next = null;
                    break;
            }

            if (next is null)
            {
                return;
            }

            // Embedded nodes are already inside their parent's RLP.
            if (next.IsHashReferenced)
            {
                proof.Add(_encoder.Encode(next));
            }

            node = next;
        }
    }

    private void Collect(TrieNode node, List<KeyValuePair<Hash32, byte[]>> batch)
    {
        if (node.Persisted)
        {
            return;
        }

        switch (node)
        {
            case ExtensionNode extension:
                Collect(extension.Child, batch);
                break;
            case BranchNode branch:
                foreach (var child in branch.Children)
                {
                    if (child is not null)
                    {
                        Collect(child, batch);
                    }
                }

                break;
        }

        if (node.IsHashReferenced)
        {
            batch.Add(new(Hash32.FromOwned(node.Reference.AsSpan(1).ToArray()), _encoder.Encode(node)));
        }

        node.Persisted = true;
    }

    private TrieNode Resolve(HashNode hashNode, bool isRoot)
    {
        if (!Store.TryGet(hashNode.Hash, out var encoded))
        {
            throw new MissingTrieNodeException(hashNode.Hash);
        }

        var node = TrieNodeDecoder.Decode(encoded, isRoot);
        var actualHash = encoded.Length >= 32 ? node.Reference.AsSpan(1) : Keccak256.Hash(encoded);
        if (!actualHash.SequenceEqual(hashNode.Hash.AsSpan()))
        {
            throw new TrieException($"The node store returned a node for {hashNode.Hash} that hashes to something else.");
        }

        return node;
    }

    private TrieNode ResolveChild(TrieNode node) => node is HashNode hashNode ? Resolve(hashNode, isRoot: false) : node;

    /// <summary>Inserts below <paramref name="node"/>; returns the node that replaces it (possibly itself).</summary>
    private TrieNode Insert(TrieNode? node, ReadOnlySpan<byte> rest, byte[] value, bool isRoot)
    {
        if (node is null)
        {
            return new LeafNode(rest.ToArray(), value);
        }

        if (node is HashNode hashNode)
        {
            node = Resolve(hashNode, isRoot);
        }

        switch (node)
        {
            case LeafNode leaf:
            {
                var common = rest.CommonPrefixLength(leaf.Path);
                if (common == leaf.Path.Length && common == rest.Length)
                {
                    if (!leaf.Value.AsSpan().SequenceEqual(value))
                    {
                        leaf.Value = value;
                        leaf.MarkDirty();
                    }

                    return leaf;
                }

                var branch = new BranchNode();
                if (common == leaf.Path.Length)
                {
                    branch.Value = leaf.Value;
                }
                else
                {
                    var index = leaf.Path[common];
                    leaf.Path = leaf.Path[(common + 1)..];
                    leaf.MarkDirty();
                    branch.Children[index] = leaf;
                }

                PlaceNewValue(branch, rest, common, value);
                return common == 0 ? branch : new ExtensionNode(rest[..common].ToArray(), branch);
            }

            case ExtensionNode extension:
            {
                var common = rest.CommonPrefixLength(extension.Path);
                if (common == extension.Path.Length)
                {
                    var child = extension.Child = ResolveChild(extension.Child);
                    var updated = Insert(child, rest[common..], value, isRoot: false);
                    if (!ReferenceEquals(updated, child) || !updated.IsClean)
                    {
                        extension.Child = updated;
                        extension.MarkDirty();
                    }

                    return extension;
                }

                var branch = new BranchNode();
                var extensionIndex = extension.Path[common];
                var extensionRest = extension.Path[(common + 1)..];
                if (extensionRest.Length == 0)
                {
                    branch.Children[extensionIndex] = extension.Child;
                }
                else
                {
                    extension.Path = extensionRest;
                    extension.MarkDirty();
                    branch.Children[extensionIndex] = extension;
                }

                PlaceNewValue(branch, rest, common, value);
                return common == 0 ? branch : new ExtensionNode(rest[..common].ToArray(), branch);
            }

            case BranchNode branch:
            {
                if (rest.IsEmpty)
                {
                    if (branch.Value is null || !branch.Value.AsSpan().SequenceEqual(value))
                    {
                        branch.Value = value;
                        branch.MarkDirty();
                    }

                    return branch;
                }

                var index = rest[0];
                var child = branch.Children[index];
                if (child is HashNode)
                {
                    child = branch.Children[index] = ResolveChild(child);
                }

                var updated = Insert(child, rest[1..], value, isRoot: false);
                if (!ReferenceEquals(updated, child) || !updated.IsClean)
                {
                    branch.Children[index] = updated;
                    branch.MarkDirty();
                }

                return branch;
            }

            default:
                throw new InvalidOperationException("Unexpected trie node type.");
        }
    }

    private static void PlaceNewValue(BranchNode branch, ReadOnlySpan<byte> rest, int common, byte[] value)
    {
        if (common == rest.Length)
        {
            branch.Value = value;
        }
        else
        {
            branch.Children[rest[common]] = new LeafNode(rest[(common + 1)..].ToArray(), value);
        }
    }

    /// <summary>Removes the key below <paramref name="node"/>; returns the replacement (null when the subtree empties).</summary>
    private TrieNode? Remove(TrieNode? node, ReadOnlySpan<byte> rest, bool isRoot)
    {
        if (node is null)
        {
            return null;
        }

        if (node is HashNode hashNode)
        {
            node = Resolve(hashNode, isRoot);
        }

        switch (node)
        {
            case LeafNode leaf:
                if (!rest.SequenceEqual(leaf.Path))
                {
                    return leaf;
                }

                _removed = true;
                return null;

            case ExtensionNode extension:
            {
                if (!rest.StartsWith(extension.Path))
                {
                    return extension;
                }

                var child = extension.Child = ResolveChild(extension.Child);
                var updated = Remove(child, rest[extension.Path.Length..], isRoot: false);
                if (ReferenceEquals(updated, child) && updated.IsClean)
                {
                    return extension;
                }

                switch (updated)
                {
                    case null:
                        return null;
                    case LeafNode leaf:
                        leaf.Path = Nibbles.Concat(extension.Path, leaf.Path);
                        leaf.MarkDirty();
                        return leaf;
                    case ExtensionNode lower:
                        lower.Path = Nibbles.Concat(extension.Path, lower.Path);
                        lower.MarkDirty();
                        return lower;
                    default:
                        extension.Child = updated;
                        extension.MarkDirty();
                        return extension;
                }
            }

            case BranchNode branch:
            {
                if (rest.IsEmpty)
                {
                    if (branch.Value is null)
                    {
                        return branch;
                    }

                    branch.Value = null;
                    _removed = true;
                }
                else
                {
                    var index = rest[0];
                    var child = branch.Children[index];
                    if (child is null)
                    {
                        return branch;
                    }

                    child = branch.Children[index] = ResolveChild(child);
                    var updated = Remove(child, rest[1..], isRoot: false);
                    if (ReferenceEquals(updated, child) && updated.IsClean)
                    {
                        return branch;
                    }

                    branch.Children[index] = updated;
                }

                branch.MarkDirty();
                return Collapse(branch);
            }

            default:
                throw new InvalidOperationException("Unexpected trie node type.");
        }
    }

    /// <summary>A branch left with a single entry is folded into a leaf or extension, keeping the trie canonical.</summary>
    private TrieNode? Collapse(BranchNode branch)
    {
        var only = -1;
        for (var i = 0; i < 16; i++)
        {
            if (branch.Children[i] is null)
            {
                continue;
            }

            if (only >= 0 || branch.Value is not null)
            {
                return branch;
            }

            only = i;
        }

        if (only < 0)
        {
            return branch.Value is null ? null : new LeafNode([], branch.Value);
        }

        var child = branch.Children[only] = ResolveChild(branch.Children[only]!);
        switch (child)
        {
            case LeafNode leaf:
                leaf.Path = Nibbles.Concat((byte)only, leaf.Path);
                leaf.MarkDirty();
                return leaf;
            case ExtensionNode extension:
                extension.Path = Nibbles.Concat((byte)only, extension.Path);
                extension.MarkDirty();
                return extension;
            default:
                return new ExtensionNode([(byte)only], child);
        }
    }
}
