using System.Diagnostics.CodeAnalysis;
using System.Text;
using Hemi.Grains.Runtime.Hashing;

namespace Hemi.Grains.Runtime;

/// <summary>
/// The identity of a grain: its <see cref="GrainType"/> plus a string key (Orleans: <c>GrainId</c>).
/// The text form is "type/key"; the key may itself contain '/', only the first separator counts.
/// Guid keys are formatted "N", integer keys in upper-case hex, compound keys as "primary+extension" (Orleans' key text).
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>, IComparable<GrainId>, ISpanFormattable
{
    private readonly string? _key;
    private readonly int _hash;

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
        // Cached because the catalog looks activations up by GrainId on every call.
        _hash = HashCode.Combine(type.GetHashCode(), StringComparer.Ordinal.GetHashCode(key));
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
    /// A hash that is the same in every process and on every platform, used for placement and reminder
    /// range partitioning: <c>XXH32(utf8(type)) * 31 + XXH32(utf8(key))</c> as in Orleans.
    /// </summary>
    public uint GetUniformHashCode() => unchecked((HashUtf8(Type.Value) * 31) + HashUtf8(Key));

    private static uint HashUtf8(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int n = Encoding.UTF8.GetBytes(value, buffer);
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
    public bool Equals(GrainId other) => _hash == other._hash && string.Equals(_key, other._key, StringComparison.Ordinal) && Type.Equals(other.Type);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

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
