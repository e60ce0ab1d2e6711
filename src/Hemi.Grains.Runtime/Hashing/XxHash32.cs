using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hemi.Grains.Runtime.Hashing;

/// <summary>
/// The XXH32 non-cryptographic hash (Yann Collet's xxHash, 32-bit variant). Used for grain id
/// hashing so that placement and reminder ranges are stable across processes and platforms
/// (string.GetHashCode is randomized per process, which would break a cluster).
/// </summary>
public static class XxHash32
{
    private const uint Prime1 = 2654435761U;
    private const uint Prime2 = 2246822519U;
    private const uint Prime3 = 3266489917U;
    private const uint Prime4 = 668265263U;
    private const uint Prime5 = 374761393U;

    /// <summary>Computes XXH32 of <paramref name="data"/> with the given seed.</summary>
    public static uint Hash(ReadOnlySpan<byte> data, uint seed = 0)
    {
        int length = data.Length;
        uint acc;
        int offset = 0;

        if (length >= 16)
        {
            uint v1 = seed + Prime1 + Prime2;
            uint v2 = seed + Prime2;
            uint v3 = seed;
            uint v4 = seed - Prime1;
            int limit = length - 16;
            while (offset <= limit)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset)));
                v2 = Round(v2, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 4)));
                v3 = Round(v3, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 8)));
                v4 = Round(v4, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 12)));
                offset += 16;
            }

            acc = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
                + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
        }
        else
        {
            acc = seed + Prime5;
        }

        acc += (uint)length;

        while (offset + 4 <= length)
        {
            acc += BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset)) * Prime3;
            acc = BitOperations.RotateLeft(acc, 17) * Prime4;
            offset += 4;
        }

        while (offset < length)
        {
            acc += data[offset] * Prime5;
            acc = BitOperations.RotateLeft(acc, 11) * Prime1;
            offset++;
        }

        acc ^= acc >> 15;
        acc *= Prime2;
        acc ^= acc >> 13;
        acc *= Prime3;
        acc ^= acc >> 16;
        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Round(uint acc, uint lane)
    {
        acc += lane * Prime2;
        acc = BitOperations.RotateLeft(acc, 13);
        return acc * Prime1;
    }
}
