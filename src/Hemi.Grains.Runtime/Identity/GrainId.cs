using System.Diagnostics.CodeAnalysis;
using System.Text;
using Hemi.Grains.Runtime.Hashing;

namespace Hemi.Grains.Runtime;

/// <summary>
/// The identity of a grain: its <see cref="GrainType"/> plus a string key (Orleans: <c>GrainId</c>).
/// The text form is "type/key"; the key may itself contain '/', only the first separator counts.
/// Guid keys are formatted "N", integer keys in invariant decimal, compound keys as "primary+extension".
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>, IComparable<GrainId>, ISpanFormattable
{
    private readonly string? _key;

    /// <summary>Creates a grain id from a type and a key.</summary>
    public GrainId(GrainType type, string key)
    {
        if (type.IsDefault)
        {
            throw new ArgumentException("The grain type must be set.", nameof(type));
        }

        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        _key = key;
    }

    /// <summary>The grain type.</summary>
    public GrainType Type { get; }

    /// <summary>The key, unique within the type.</summary>
    public string Key => _key ?? string.Empty;

    /// <summary>True for <c>default(GrainId)</c>.</summary>
    public bool IsDefault => Type.IsDefault;

    /// <summary>Creates a grain id from a type name and a key.</summary>
    public static GrainId Create(string type, string key) => new(new GrainType(type), key);

    /// <summary>Creates a grain id from a type and a key.</summary>
    public static GrainId Create(GrainType type, string key) => new(type, key);

    /// <summary>Parses the "type/key" text form.</summary>
    /// <exception cref="FormatException">The text has no '/' or an empty type.</exception>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryParse(value, out var id))
        {
            throw new FormatException($"'{Truncate(value)}' is not a grain id of the form \"type/key\".");
        }

        return id;
    }

    /// <summary>Parses the "type/key" text form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out GrainId result)
    {
        result = default;
        if (value is null)
        {
            return false;
        }

        int slash = value.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        result = new GrainId(new GrainType(value[..slash]), value[(slash + 1)..]);
        return true;
    }

    /// <summary>
    /// A hash that is the same in every process and on every platform (XXH32 of the UTF-8 "type/key"),
    /// used for placement and reminder range partitioning.
    /// </summary>
    public uint GetUniformHashCode()
    {
        string type = Type.Value;
        string key = Key;
        int max = Encoding.UTF8.GetMaxByteCount(type.Length + key.Length + 1);
        byte[]? rented = null;
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int n = Encoding.UTF8.GetBytes(type, buffer);
            buffer[n++] = (byte)'/';
            n += Encoding.UTF8.GetBytes(key, buffer[n..]);
            return XxHash32.Hash(buffer[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(GrainId other) => Type.Equals(other.Type) && string.Equals(_key, other._key, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, _key is null ? 0 : StringComparer.Ordinal.GetHashCode(_key));

    /// <inheritdoc/>
    public int CompareTo(GrainId other)
    {
        int c = Type.CompareTo(other.Type);
        return c != 0 ? c : string.CompareOrdinal(_key, other._key);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type}/{Key}";

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => destination.TryWrite($"{Type.Value}/{Key}", out charsWritten);

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
