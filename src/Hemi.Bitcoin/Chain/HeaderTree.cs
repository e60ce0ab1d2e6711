using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Chain;

/// <summary>
/// Every validated header of one network, by hash, with height and cumulative work; tracks the most-work tip
/// (the first header seen wins a tie) and reports tip changes as <see cref="HeaderTreeUpdate"/>s.
/// </summary>
/// <remarks>
/// Headers live in one array of compact structs (about 128 bytes each: the prev hash is replaced by a parent index)
/// with an open-addressing index of ints, so 900k mainnet headers take roughly 130 MB and no per-header objects.
/// The best chain is an array from height to entry, which makes ancestor lookups on it O(1).
/// Not thread-safe: callers serialize access (a grain does this naturally).
/// </remarks>
public sealed class HeaderTree
{
    private readonly HeaderChainValidator _validator;
    private readonly Ancestry _ancestry;
    private readonly ulong _hashSeed;

    private Node[] _nodes;
    private int _count;
    private int[] _index; // slot -> node index + 1; 0 = empty
    private int[] _bestChain; // height -> node index
    private int _tip;

    // Consecutive headers almost always share bits, so the last work value is reused.
    private uint _workBits;
    private UInt256 _work;

    public HeaderTree(Network network, TimeProvider? timeProvider = null, int initialCapacity = 1024)
        : this(new HeaderChainValidator(network, timeProvider), initialCapacity)
    {
    }

    public HeaderTree(HeaderChainValidator validator, int initialCapacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(validator);
        _validator = validator;
        _ancestry = new Ancestry(this);
        _hashSeed = (ulong)Random.Shared.NextInt64() | 1;
        initialCapacity = Math.Max(16, initialCapacity);
        _nodes = new Node[initialCapacity];
        _bestChain = new int[initialCapacity];
        _index = new int[RoundUpToPowerOfTwo(initialCapacity * 2)];

        var genesis = validator.Network.GenesisHeader;
        _workBits = genesis.Bits;
        _work = Target.GetWork(genesis.Bits);
        AppendNode(new Node
        {
            Hash = genesis.GetHash(),
            MerkleRoot = genesis.MerkleRoot,
            ChainWork = _work,
            Version = genesis.Version,
            Time = genesis.Time,
            Bits = genesis.Bits,
            Nonce = genesis.Nonce,
            Parent = -1,
            Height = 0,
            LastRealBits = genesis.Bits,
        });
        _bestChain[0] = 0;
        _tip = 0;
    }

    public Network Network => _validator.Network;

    public HeaderChainValidator Validator => _validator;

    /// <summary>Number of headers stored, genesis included.</summary>
    public int Count => _count;

    /// <summary>The most-work header.</summary>
    public HeaderTreeEntry Tip => EntryOf(_tip);

    /// <summary>Height of the best tip.</summary>
    public int Height => _nodes[_tip].Height;

    public HeaderTreeEntry Genesis => EntryOf(0);

    public bool Contains(in Hash256 hash) => Find(hash) >= 0;

    public bool TryGetEntry(in Hash256 hash, out HeaderTreeEntry entry)
    {
        var i = Find(hash);
        entry = i >= 0 ? EntryOf(i) : default;
        return i >= 0;
    }

    /// <summary>The header with <paramref name="hash"/>, or <see langword="null"/>.</summary>
    public BlockHeader? GetHeader(in Hash256 hash)
    {
        var i = Find(hash);
        return i >= 0 ? HeaderOf(i) : null;
    }

    /// <summary>Whether the header is on the current best chain.</summary>
    public bool IsOnBestChain(in Hash256 hash)
    {
        var i = Find(hash);
        return i >= 0 && IsOnBestChain(i);
    }

    /// <summary>The best-chain entry at <paramref name="height"/>, if the best chain is that long.</summary>
    public bool TryGetBestChainEntry(int height, out HeaderTreeEntry entry)
    {
        if ((uint)height > (uint)Height)
        {
            entry = default;
            return false;
        }

        entry = EntryOf(_bestChain[height]);
        return true;
    }

    /// <summary>The best-chain header at <paramref name="height"/>, or <see langword="null"/>.</summary>
    public BlockHeader? GetBestChainHeader(int height) =>
        (uint)height <= (uint)Height ? HeaderOf(_bestChain[height]) : null;

    /// <summary>The ancestor at <paramref name="height"/> of the header <paramref name="hash"/> (on any branch).</summary>
    public bool TryGetAncestor(in Hash256 hash, int height, out HeaderTreeEntry entry)
    {
        var i = Find(hash);
        if (i < 0 || height < 0 || height > _nodes[i].Height)
        {
            entry = default;
            return false;
        }

        entry = EntryOf(AncestorIndex(i, height));
        return true;
    }

    /// <summary>
    /// A block locator for the best chain (as in <c>getheaders</c>): the tip, then the previous nine headers one by
    /// one, then exponentially sparser ancestors, always ending with the genesis hash.
    /// </summary>
    public IReadOnlyList<Hash256> GetLocator()
    {
        var locator = new List<Hash256>(32);
        var step = 1;
        for (var height = Height; ; height -= step)
        {
            if (height <= 0)
            {
                locator.Add(_nodes[_bestChain[0]].Hash);
                return locator;
            }

            locator.Add(_nodes[_bestChain[height]].Hash);
            if (locator.Count >= 10)
            {
                step *= 2;
            }
        }
    }

    /// <summary>
    /// Validates and stores <paramref name="header"/>. Returns the tip change it caused, or <see langword="null"/> when
    /// the tip did not move (a side branch, or a header already known). Throws <see cref="HeaderValidationException"/>.
    /// </summary>
    public HeaderTreeUpdate? Add(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var error = TryAdd(header, out var update);
        return error == HeaderValidationError.None ? update : throw new HeaderValidationException(error, header.GetHash());
    }

    /// <summary>Non-throwing <see cref="Add(BlockHeader)"/>.</summary>
    public HeaderValidationError TryAdd(BlockHeader header, out HeaderTreeUpdate? update)
    {
        ArgumentNullException.ThrowIfNull(header);
        var oldTip = _tip;
        var error = AddCore(header.Version, header.PrevBlock, header.MerkleRoot, header.Time, header.Bits, header.Nonce, header.GetHash(), Now());
        update = error == HeaderValidationError.None && _tip != oldTip ? BuildUpdate(oldTip, _tip) : null;
        return error;
    }

    /// <summary>
    /// Validates and stores consecutive 80-byte headers (length must be a multiple of 80). Headers before an invalid
    /// one stay stored; the invalid one throws <see cref="HeaderValidationException"/>. Returns the overall tip change.
    /// </summary>
    public HeaderTreeUpdate? AddHeaders(ReadOnlySpan<byte> rawHeaders)
    {
        var error = TryAddHeaders(rawHeaders, out var update, out var accepted);
        if (error != HeaderValidationError.None)
        {
            var failed = Hash256.DoubleSha256(rawHeaders.Slice(accepted * BlockHeader.Size, BlockHeader.Size));
            throw new HeaderValidationException(error, failed);
        }

        return update;
    }

    /// <summary>
    /// Non-throwing <see cref="AddHeaders"/>: <paramref name="accepted"/> headers were processed before the error
    /// (already-known headers count as accepted).
    /// </summary>
    public HeaderValidationError TryAddHeaders(ReadOnlySpan<byte> rawHeaders, out HeaderTreeUpdate? update, out int accepted)
    {
        if (rawHeaders.Length % BlockHeader.Size != 0)
        {
            throw new BitcoinFormatException($"Header data of {rawHeaders.Length} bytes is not a whole number of {BlockHeader.Size}-byte headers.");
        }

        var oldTip = _tip;
        var now = Now();
        var error = HeaderValidationError.None;
        accepted = 0;
        for (var offset = 0; offset < rawHeaders.Length; offset += BlockHeader.Size)
        {
            var raw = rawHeaders.Slice(offset, BlockHeader.Size);
            error = AddCore(
                BinaryPrimitives.ReadInt32LittleEndian(raw),
                Hash256.FromInternal(raw.Slice(4, 32)),
                Hash256.FromInternal(raw.Slice(36, 32)),
                BinaryPrimitives.ReadUInt32LittleEndian(raw[68..]),
                BinaryPrimitives.ReadUInt32LittleEndian(raw[72..]),
                BinaryPrimitives.ReadUInt32LittleEndian(raw[76..]),
                Hash256.DoubleSha256(raw),
                now);
            if (error != HeaderValidationError.None)
            {
                break;
            }

            accepted++;
        }

        update = _tip != oldTip ? BuildUpdate(oldTip, _tip) : null;
        return error;
    }

    private long Now() => _validator.TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    private HeaderValidationError AddCore(int version, in Hash256 prev, in Hash256 merkleRoot, uint time, uint bits, uint nonce, in Hash256 hash, long now)
    {
        if (Find(hash) >= 0)
        {
            return HeaderValidationError.None;
        }

        // Headers nearly always extend the tip, so try that before the index.
        var parent = _nodes[_tip].Hash == prev ? _tip : Find(prev);
        if (parent < 0)
        {
            return HeaderValidationError.BadLink;
        }

        _ancestry.Reset(parent);
        var error = _validator.Check(version, prev, time, bits, hash, _ancestry, now);
        if (error != HeaderValidationError.None)
        {
            return error;
        }

        if (bits != _workBits)
        {
            _workBits = bits;
            _work = Target.GetWork(bits);
        }

        ref readonly var p = ref _nodes[parent];
        var network = _validator.Network;
        var height = p.Height + 1;
        var lastRealBits = height % network.DifficultyAdjustmentInterval != 0 && bits == network.PowLimitBits ? p.LastRealBits : bits;
        var index = AppendNode(new Node
        {
            Hash = hash,
            MerkleRoot = merkleRoot,
            ChainWork = p.ChainWork + _work,
            Version = version,
            Time = time,
            Bits = bits,
            Nonce = nonce,
            Parent = parent,
            Height = height,
            LastRealBits = lastRealBits,
        });

        if (_nodes[index].ChainWork > _nodes[_tip].ChainWork)
        {
            SetTip(index);
        }

        return HeaderValidationError.None;
    }

    private void SetTip(int index)
    {
        var height = _nodes[index].Height;
        if (height >= _bestChain.Length)
        {
            Array.Resize(ref _bestChain, Math.Max(_bestChain.Length * 2, height + 1));
        }

        // Rewrite the best chain from the new tip down to where it meets the old one.
        var i = index;
        while (i >= 0 && !IsOnBestChain(i))
        {
            _bestChain[_nodes[i].Height] = i;
            i = _nodes[i].Parent;
        }

        _tip = index;
    }

    private bool IsOnBestChain(int index)
    {
        var h = _nodes[index].Height;
        return h <= _nodes[_tip].Height && _bestChain[h] == index;
    }

    private HeaderTreeUpdate BuildUpdate(int oldTip, int newTip)
    {
        // Walk both tips back to their common ancestor using parent links, which never change.
        var a = oldTip;
        var b = newTip;
        var disconnected = new List<int>();
        var connected = new List<int>(Math.Max(0, _nodes[newTip].Height - _nodes[oldTip].Height));
        while (_nodes[a].Height > _nodes[b].Height)
        {
            disconnected.Add(a);
            a = _nodes[a].Parent;
        }

        while (_nodes[b].Height > _nodes[a].Height)
        {
            connected.Add(b);
            b = _nodes[b].Parent;
        }

        while (a != b)
        {
            disconnected.Add(a);
            connected.Add(b);
            a = _nodes[a].Parent;
            b = _nodes[b].Parent;
        }

        connected.Reverse();
        return new HeaderTreeUpdate(EntryOf(newTip), EntryOf(oldTip), EntryOf(a), new EntryList(this, [.. disconnected]), new EntryList(this, [.. connected]));
    }

    private int AncestorIndex(int index, int height)
    {
        if (IsOnBestChain(index))
        {
            return _bestChain[height];
        }

        while (_nodes[index].Height > height)
        {
            index = _nodes[index].Parent;
            if (IsOnBestChain(index))
            {
                return _bestChain[height];
            }
        }

        return index;
    }

    private HeaderTreeEntry EntryOf(int index)
    {
        ref readonly var n = ref _nodes[index];
        return new HeaderTreeEntry(n.Hash, n.Height, n.ChainWork);
    }

    private BlockHeader HeaderOf(int index)
    {
        ref readonly var n = ref _nodes[index];
        var prev = n.Parent >= 0 ? _nodes[n.Parent].Hash : Hash256.Zero;
        return new BlockHeader(n.Version, prev, n.MerkleRoot, n.Time, n.Bits, n.Nonce);
    }

    private int AppendNode(in Node node)
    {
        if (_count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        if ((_count + 1) * 2 > _index.Length)
        {
            Rehash(_index.Length * 2);
        }

        var index = _count++;
        _nodes[index] = node;
        InsertIndex(node.Hash, index);
        return index;
    }

    private int Slot(in Hash256 hash, int mask) => (int)((hash.Word(0) * _hashSeed) >> 33) & mask;

    private int Find(in Hash256 hash)
    {
        var mask = _index.Length - 1;
        for (var slot = Slot(hash, mask); ; slot = (slot + 1) & mask)
        {
            var v = _index[slot];
            if (v == 0)
            {
                return -1;
            }

            if (_nodes[v - 1].Hash == hash)
            {
                return v - 1;
            }
        }
    }

    private void InsertIndex(in Hash256 hash, int nodeIndex)
    {
        var mask = _index.Length - 1;
        var slot = Slot(hash, mask);
        while (_index[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _index[slot] = nodeIndex + 1;
    }

    private void Rehash(int size)
    {
        _index = new int[size];
        for (var i = 0; i < _count; i++)
        {
            InsertIndex(_nodes[i].Hash, i);
        }
    }

    private static int RoundUpToPowerOfTwo(int value) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)value);

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public Hash256 Hash;
        public Hash256 MerkleRoot;
        public UInt256 ChainWork;
        public int Version;
        public uint Time;
        public uint Bits;
        public uint Nonce;
        public int Parent;
        public int Height;

        // Result of the testnet min-difficulty walk-back ending at this node.
        public uint LastRealBits;
    }

    /// <summary>
    /// Entries materialized on demand from node indexes: a long catch-up update then costs 4 bytes per header.
    /// Stored nodes never change, so the list stays valid as the tree grows.
    /// </summary>
    private sealed class EntryList(HeaderTree tree, int[] indexes) : IReadOnlyList<HeaderTreeEntry>
    {
        public int Count => indexes.Length;

        public HeaderTreeEntry this[int index] => tree.EntryOf(indexes[index]);

        public IEnumerator<HeaderTreeEntry> GetEnumerator()
        {
            foreach (var i in indexes)
            {
                yield return tree.EntryOf(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The ancestry of one node, reused for every header so validation allocates nothing.</summary>
    private sealed class Ancestry(HeaderTree tree) : IHeaderAncestry
    {
        private int _tipIndex;

        public int TipHeight => tree._nodes[_tipIndex].Height;

        public Hash256 TipHash => tree._nodes[_tipIndex].Hash;

        public void Reset(int tipIndex) => _tipIndex = tipIndex;

        public uint GetTime(int height) => tree._nodes[Resolve(height)].Time;

        public uint GetBits(int height) => tree._nodes[Resolve(height)].Bits;

        public uint GetMedianTimePast()
        {
            Span<uint> times = stackalloc uint[HeaderChainValidator.MedianTimeSpan];
            var nodes = tree._nodes;
            var count = 0;
            for (var i = _tipIndex; i >= 0 && count < times.Length; i = nodes[i].Parent)
            {
                times[count++] = nodes[i].Time;
            }

            return HeaderChainValidator.Median(times[..count]);
        }

        public uint GetLastNonMinDifficultyBits(Network network) => tree._nodes[_tipIndex].LastRealBits;

        private int Resolve(int height)
        {
            if ((uint)height > (uint)tree._nodes[_tipIndex].Height)
            {
                throw new ArgumentOutOfRangeException(nameof(height));
            }

            return tree.AncestorIndex(_tipIndex, height);
        }
    }
}
