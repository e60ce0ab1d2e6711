using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum;

namespace Hemi.Protocol.L2.State;

/// <summary>Solidity storage-layout arithmetic: 32-byte words, mapping keys, slot offsets.</summary>
public static class StorageSlots
{
    private static readonly BigInteger s_modulus = BigInteger.One << 256;

    /// <summary>Slot number <paramref name="index"/> as a 32-byte key.</summary>
    public static Hash32 Slot(ulong index) => FromInteger(index);

    /// <summary>The 32-byte big-endian word of an unsigned integer below 2^256.</summary>
    public static Hash32 FromInteger(BigInteger value)
    {
        Span<byte> word = stackalloc byte[32];
        WriteWord(value, word);
        return new Hash32(word);
    }

    /// <summary>The unsigned integer a 32-byte word holds.</summary>
    public static BigInteger ToInteger(Hash32 word) => new(word.AsSpan(), isUnsigned: true, isBigEndian: true);

    /// <summary><c>keccak256(pad32(key) ‖ pad32(slot))</c>: where <c>mapping(address =&gt; …)</c> at <paramref name="slot"/> keeps <paramref name="key"/>.</summary>
    public static Hash32 MappingKey(Address key, Hash32 slot)
    {
        Span<byte> buffer = stackalloc byte[64];
        key.AsSpan().CopyTo(buffer[12..32]);
        slot.AsSpan().CopyTo(buffer[32..]);
        return new Hash32(Keccak256.Hash(buffer));
    }

    /// <summary>The slot <paramref name="offset"/> words after <paramref name="start"/>, wrapping mod 2^256 like the EVM.</summary>
    public static Hash32 Offset(Hash32 start, ulong offset) => FromInteger((ToInteger(start) + offset) % s_modulus);

    /// <summary>The start of a dynamic array's data for the array whose length lives at <paramref name="slot"/>: keccak256(pad32(slot)).</summary>
    public static Hash32 ArrayData(Hash32 slot) => new(Keccak256.Hash(slot.AsSpan()));

    internal static void WriteWord(BigInteger value, Span<byte> word)
    {
        word.Clear();
        var length = value.Sign < 0 ? int.MaxValue : value.GetByteCount(isUnsigned: true);
        if (length > 32 || !value.TryWriteBytes(word[(32 - length)..], out _, isUnsigned: true, isBigEndian: true))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "A word holds an unsigned integer below 2^256.");
        }
    }
}
