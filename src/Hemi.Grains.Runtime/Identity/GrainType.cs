namespace Hemi.Grains.Runtime;

/// <summary>
/// The name of a grain class as used in identities and storage keys (Orleans: <c>GrainType</c>), e.g. "sequencer".
/// Defaults to the lower-cased class name minus a trailing "Grain"; overridden by <see cref="GrainTypeAttribute"/>.
/// </summary>
public readonly struct GrainType : IEquatable<GrainType>, IComparable<GrainType>
{
    private readonly string? _value;
    private readonly int _hash;

    /// <summary>Creates a grain type; the value must be non-empty and must not contain '/'.</summary>
    public GrainType(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Contains('/'))
        {
            throw new ArgumentException("A grain type must not contain '/'.", nameof(value));
        }

        _value = value;
        _hash = StringComparer.Ordinal.GetHashCode(value);
    }

    /// <summary>The type name.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for <c>default(GrainType)</c>.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Creates a grain type from its name.</summary>
    public static GrainType Create(string value) => new(value);

    /// <inheritdoc/>
    public bool Equals(GrainType other) => _hash == other._hash && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public int CompareTo(GrainType other) => string.CompareOrdinal(_value, other._value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    public static bool operator ==(GrainType left, GrainType right) => left.Equals(right);

    public static bool operator !=(GrainType left, GrainType right) => !left.Equals(right);
}
