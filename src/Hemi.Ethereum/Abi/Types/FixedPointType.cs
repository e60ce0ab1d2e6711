namespace Hemi.Ethereum.Abi;

/// <summary>
/// <c>fixedMxN</c> / <c>ufixedMxN</c>: a decimal v encoded as the (u)intM integer v·10^N. Values: the scaled
/// integer as <see cref="System.Numerics.BigInteger"/>; encoding also accepts a <see cref="decimal"/> that scales exactly.
/// </summary>
public sealed record FixedPointType : AbiType
{
    public FixedPointType(bool signed, int bits, int decimals)
    {
        if (bits is < 8 or > 256 || bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "fixedMxN needs M in 8..256, a multiple of 8.");
        }

        if (decimals is < 1 or > 80)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "fixedMxN needs N in 1..80.");
        }

        Signed = signed;
        Bits = bits;
        Decimals = decimals;
    }

    public bool Signed { get; }

    public int Bits { get; }

    public int Decimals { get; }

    public override string CanonicalName =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Signed ? "fixed" : "ufixed")}{Bits}x{Decimals}");

    public override bool IsDynamic => false;

    public override bool IsValueType => true;
}
