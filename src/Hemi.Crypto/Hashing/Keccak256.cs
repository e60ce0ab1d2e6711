namespace Hemi.Crypto;

/// <summary>Ethereum's Keccak-256 (original Keccak padding 0x01, not SHA3-256's 0x06).</summary>
public static class Keccak256
{
    public const int HashSize = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }

    /// <summary>Hashes into a 32-byte destination without allocating.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException($"Destination must be at least {HashSize} bytes.", nameof(destination));
        }

        const int rate = KeccakF1600.Rate256;
        var state = default(KeccakState);
        while (data.Length >= rate)
        {
            KeccakF1600.AbsorbBlock(ref state, data[..rate], rate);
            KeccakF1600.Permute(ref state);
            data = data[rate..];
        }

        Finish(ref state, data, destination);
    }

    /// <summary>Pads the final partial block (0x01 ... 0x80), absorbs it and squeezes 32 bytes.</summary>
    internal static void Finish(ref KeccakState state, ReadOnlySpan<byte> tail, Span<byte> destination)
    {
        const int rate = KeccakF1600.Rate256;
        Span<byte> last = stackalloc byte[rate];
        last.Clear();
        tail.CopyTo(last);
        last[tail.Length] ^= 0x01;
        last[rate - 1] ^= 0x80;
        KeccakF1600.AbsorbBlock(ref state, last, rate);
        KeccakF1600.Permute(ref state);
        KeccakF1600.Squeeze(ref state, destination[..HashSize]);
    }
}
