namespace Hemi.Grains.Hvm;

/// <summary>A scriptPubKey as a dictionary key: compared by content, hashed once.</summary>
/// <remarks>
/// <see cref="HashCode"/> is seeded per process, so scripts chosen by an adversary cannot be crafted to collide.
/// </remarks>
internal readonly struct ScriptKey : IEquatable<ScriptKey>
{
    private readonly int _hash;

    public ScriptKey(byte[] script)
    {
        Bytes = script ?? throw new ArgumentNullException(nameof(script));
        var hash = new HashCode();
        hash.AddBytes(script);
        _hash = hash.ToHashCode();
    }

    public byte[] Bytes { get; }

    public bool Equals(ScriptKey other) => _hash == other._hash && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is ScriptKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
