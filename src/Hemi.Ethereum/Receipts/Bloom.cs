using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Hemi.Crypto;
using Hemi.Ethereum.Serialization;

namespace Hemi.Ethereum.Receipts;

/// <summary>
/// The 2048-bit log bloom of the yellow paper (§4.3.1): each item sets three bits, chosen by the low
/// 11 bits of the first three big-endian byte pairs of keccak256(item). Bit i is bit (i mod 8) of byte 255 − i/8.
/// Mutable: <see cref="Add(ReadOnlySpan{byte})"/> and <see cref="Or"/> change this instance.
/// </summary>
[JsonConverter(typeof(BloomJsonConverter))]
public sealed class Bloom : IEquatable<Bloom>
{
    /// <summary>Size in bytes.</summary>
    public const int Length = 256;

    private readonly byte[] _bits = new byte[Length];

    public Bloom()
    {
    }

    public Bloom(ReadOnlySpan<byte> bytes256)
    {
        if (bytes256.Length != Length)
        {
            throw new ArgumentException($"A bloom is exactly {Length} bytes; got {bytes256.Length}.", nameof(bytes256));
        }

        bytes256.CopyTo(_bits);
    }

    /// <summary>The bloom of a set of logs: each log's address and every topic.</summary>
    public static Bloom FromLogs(IEnumerable<Log> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var bloom = new Bloom();
        foreach (var log in logs)
        {
            bloom.Add(log);
        }

        return bloom;
    }

    public void Add(ReadOnlySpan<byte> item)
    {
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(item, hash);
        for (var i = 0; i < 6; i += 2)
        {
            var bit = ((hash[i] << 8) | hash[i + 1]) & 2047;
            _bits[Length - 1 - (bit >> 3)] |= (byte)(1 << (bit & 7));
        }
    }

    public void Add(Address address) => Add(address.AsSpan());

    public void Add(Hash32 topic) => Add(topic.AsSpan());

    /// <summary>Adds a log's address and topics (its data is not indexed).</summary>
    public void Add(Log log)
    {
        ArgumentNullException.ThrowIfNull(log);
        Add(log.Address);
        foreach (var topic in log.Topics)
        {
            Add(topic);
        }
    }

    /// <summary>Whether the item may have been added (false positives possible, no false negatives).</summary>
    public bool Contains(ReadOnlySpan<byte> item)
    {
        var probe = new Bloom();
        probe.Add(item);
        return Contains(probe);
    }

    public bool Contains(Address address) => Contains(address.AsSpan());

    public bool Contains(Hash32 topic) => Contains(topic.AsSpan());

    /// <summary>Whether every bit of <paramref name="other"/> is set here.</summary>
    public bool Contains(Bloom other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = MemoryMarshal.Cast<byte, ulong>(_bits);
        var theirs = MemoryMarshal.Cast<byte, ulong>(other._bits);
        for (var i = 0; i < mine.Length; i++)
        {
            if ((mine[i] & theirs[i]) != theirs[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Merges <paramref name="other"/> into this bloom (bitwise OR), as when combining receipt blooms into a block bloom.</summary>
    public void Or(Bloom other)
    {
        ArgumentNullException.ThrowIfNull(other);
        // A word at a time: a block bloom ORs in one receipt bloom per transaction.
        var mine = MemoryMarshal.Cast<byte, ulong>(_bits.AsSpan());
        var theirs = MemoryMarshal.Cast<byte, ulong>(other._bits);
        for (var i = 0; i < mine.Length; i++)
        {
            mine[i] |= theirs[i];
        }
    }

    public ReadOnlySpan<byte> AsSpan() => _bits;

    public byte[] ToBytes() => (byte[])_bits.Clone();

    public bool IsEmpty => _bits.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    public bool Equals(Bloom? other) => other is not null && _bits.AsSpan().SequenceEqual(other._bits);

    public override bool Equals(object? obj) => obj is Bloom other && Equals(other);

    // Mutable, so the hash is content-based at call time; do not mutate while used as a key.
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bits);
        return hash.ToHashCode();
    }

    public override string ToString() => "0x" + Convert.ToHexStringLower(_bits);
}
