namespace Hemi.Bitcoin.Building;

/// <summary>A fee rate held exactly as satoshis per 1000 virtual bytes; fees are floor(vsize × rate).</summary>
public readonly record struct FeeRate
{
    private FeeRate(long satoshisPerKilovbyte)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(satoshisPerKilovbyte);
        SatoshisPerKilovbyte = satoshisPerKilovbyte;
    }

    /// <summary>Satoshis per 1000 vB.</summary>
    public long SatoshisPerKilovbyte { get; }

    /// <summary>The rate in sat/vB.</summary>
    public decimal SatoshisPerVbyte => SatoshisPerKilovbyte / 1000m;

    /// <summary>From satoshis per 1000 vB (btcd's and Bitcoin Core's unit).</summary>
    public static FeeRate FromSatoshisPerKilovbyte(long satoshisPerKilovbyte) => new(satoshisPerKilovbyte);

    /// <summary>From sat/vB; precision beyond 0.001 sat/vB is truncated.</summary>
    public static FeeRate FromSatoshisPerVbyte(decimal satoshisPerVbyte) => new((long)decimal.Floor(satoshisPerVbyte * 1000m));

    /// <summary>From whole sat/vB.</summary>
    public static FeeRate FromSatoshisPerVbyte(long satoshisPerVbyte) => new(checked(satoshisPerVbyte * 1000));

    /// <summary>floor(virtualSize × rate).</summary>
    public long GetFee(int virtualSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(virtualSize);
        return checked(virtualSize * SatoshisPerKilovbyte) / 1000;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{SatoshisPerVbyte} sat/vB";
}
