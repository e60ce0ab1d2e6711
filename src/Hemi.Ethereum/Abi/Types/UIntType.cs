namespace Hemi.Ethereum.Abi;

/// <summary><c>uintM</c>, M in 8..256 step 8. Values: <see cref="System.Numerics.BigInteger"/> (any .NET integer accepted when encoding).</summary>
public sealed record UIntType : AbiType
{
    public UIntType(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "uintM needs M in 8..256, a multiple of 8.");
        }

        Bits = bits;
    }

    public int Bits { get; }

    public override string CanonicalName => "uint" + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override bool IsDynamic => false;

    public override bool IsValueType => true;
}
