namespace Hemi.Ethereum.Abi;

/// <summary><c>intM</c> (two's complement), M in 8..256 step 8. Values: <see cref="System.Numerics.BigInteger"/>.</summary>
public sealed record IntType : AbiType
{
    public IntType(int bits)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "intM needs M in 8..256, a multiple of 8.");
        }

        Bits = bits;
    }

    public int Bits { get; }

    public override string CanonicalName => "int" + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override bool IsDynamic => false;

    public override bool IsValueType => true;
}
