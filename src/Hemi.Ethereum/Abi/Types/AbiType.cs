namespace Hemi.Ethereum.Abi;

/// <summary>
/// A Solidity ABI type. Records compare structurally, so <c>AbiType.Parse("uint")</c> equals
/// <c>new UIntType(256)</c>. <see cref="ToString"/> gives the canonical type string used in signatures.
/// </summary>
/// <remarks>
/// .NET values used by the codec, per type: <see cref="System.Numerics.BigInteger"/> for (u)intM and (u)fixedMxN
/// (the latter as the raw scaled integer); <see cref="Address"/> for address; <see cref="bool"/>; <c>byte[]</c>
/// for bytesN, bytes and function; <see cref="string"/>; <c>object?[]</c> for arrays and tuples. Encoding is
/// more lenient about the .NET value shapes it accepts (see each type).
/// </remarks>
public abstract record AbiType
{
    /// <summary>Deepest nesting of arrays and tuples accepted, so recursion over any type stays bounded.</summary>
    public const int MaxDepth = 32;

    /// <summary>Largest static (head) size of a type in bytes; keeps size arithmetic far from overflow.</summary>
    public const int MaxStaticSize = 1 << 24;

    private protected AbiType()
    {
    }

    /// <summary>The canonical type string, e.g. <c>uint256</c>, <c>(bytes,string)[2]</c>.</summary>
    public abstract string CanonicalName { get; }

    /// <summary>Whether the encoding lives in the tail (bytes, string, T[], and anything containing them).</summary>
    public abstract bool IsDynamic { get; }

    /// <summary>
    /// Bytes this type takes in the head of an enclosing tuple: 32 (an offset) when dynamic,
    /// otherwise the whole static encoding.
    /// </summary>
    public virtual int HeadSize => 32;

    /// <summary>Nesting depth: 1 for elementary types, one more than the deepest component otherwise.</summary>
    public virtual int Depth => 1;

    /// <summary>Elementary value types (word-sized): used as-is in event topics rather than hashed.</summary>
    public virtual bool IsValueType => false;

    public sealed override string ToString() => CanonicalName;

    /// <summary>
    /// Parses a type string: elementary types (with the <c>uint</c>/<c>int</c>/<c>byte</c>/<c>fixed</c> aliases),
    /// tuples written <c>(T1,T2)</c> or <c>tuple(T1,T2)</c> (component names allowed), and any array suffixes.
    /// </summary>
    public static AbiType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AbiSignatureParser.ParseStandaloneType(text);
    }

    /// <summary>Like <see cref="Parse"/> but reports failure instead of throwing.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AbiType? type)
    {
        type = null;
        if (text is null)
        {
            return false;
        }

        try
        {
            type = Parse(text);
            return true;
        }
        catch (AbiException)
        {
            return false;
        }
    }

    /// <summary>Parses a comma-separated list of types, e.g. <c>uint256,(bytes,bool)[]</c> (optionally in parentheses).</summary>
    public static IReadOnlyList<AbiType> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AbiSignatureParser.ParseTypeList(text);
    }

    public static UIntType UInt256 { get; } = new(256);

    public static IntType Int256 { get; } = new(256);

    public static AddressType Address { get; } = new();

    public static BoolType Bool { get; } = new();

    public static BytesType Bytes { get; } = new();

    public static StringType String { get; } = new();

    public static FixedBytesType Bytes32 { get; } = new(32);
}
