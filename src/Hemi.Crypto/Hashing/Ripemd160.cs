using System.Buffers.Binary;
using System.Numerics;

namespace Hemi.Crypto;

/// <summary>Managed RIPEMD-160 (.NET has no built-in implementation on Linux).</summary>
public static class Ripemd160
{
    public const int HashSize = 20;

    private const int BlockSize = 64;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[HashSize];
        Hash(data, result);
        return result;
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException($"Destination must be at least {HashSize} bytes.", nameof(destination));
        }

        Span<uint> state = [0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u];

        var fullBlocks = data.Length / BlockSize;
        for (var i = 0; i < fullBlocks; i++)
        {
            Compress(state, data.Slice(i * BlockSize, BlockSize));
        }

        // Padding: 0x80, zeros, then the bit length little-endian; one or two final blocks.
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        var remaining = data[(fullBlocks * BlockSize)..];
        remaining.CopyTo(tail);
        tail[remaining.Length] = 0x80;
        var tailLength = remaining.Length + 9 <= BlockSize ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64LittleEndian(tail.Slice(tailLength - 8), (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockSize)
        {
            Compress(state, tail.Slice(offset, BlockSize));
        }

        for (var i = 0; i < 5; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(i * 4), state[i]);
        }
    }

    /// <summary>One compression: both 80-step lines fully unrolled (word order, shifts and constants inlined), registers renamed instead of moved.</summary>
    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        var x0 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(0, 4));
        var x1 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(4, 4));
        var x2 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(8, 4));
        var x3 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(12, 4));
        var x4 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(16, 4));
        var x5 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(20, 4));
        var x6 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(24, 4));
        var x7 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(28, 4));
        var x8 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(32, 4));
        var x9 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(36, 4));
        var x10 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(40, 4));
        var x11 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(44, 4));
        var x12 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(48, 4));
        var x13 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(52, 4));
        var x14 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(56, 4));
        var x15 = BinaryPrimitives.ReadUInt32LittleEndian(block.Slice(60, 4));

        uint la = state[0], lb = state[1], lc = state[2], ld = state[3], le = state[4];
        uint ra = la, rb = lb, rc = lc, rd = ld, re = le;

        // Left line: f1..f5 with K = 0, 5A827999, 6ED9EBA1, 8F1BBCDC, A953FD4E.
        la = BitOperations.RotateLeft(la + (lb ^ lc ^ ld) + x0, 11) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + (la ^ lb ^ lc) + x1, 14) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + (le ^ la ^ lb) + x2, 15) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + (ld ^ le ^ la) + x3, 12) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + (lc ^ ld ^ le) + x4, 5) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + (lb ^ lc ^ ld) + x5, 8) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + (la ^ lb ^ lc) + x6, 7) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + (le ^ la ^ lb) + x7, 9) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + (ld ^ le ^ la) + x8, 11) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + (lc ^ ld ^ le) + x9, 13) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + (lb ^ lc ^ ld) + x10, 14) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + (la ^ lb ^ lc) + x11, 15) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + (le ^ la ^ lb) + x12, 6) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + (ld ^ le ^ la) + x13, 7) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + (lc ^ ld ^ le) + x14, 9) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + (lb ^ lc ^ ld) + x15, 8) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la & lb) | (~la & lc)) + x7 + 0x5A827999u, 7) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le & la) | (~le & lb)) + x4 + 0x5A827999u, 6) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld & le) | (~ld & la)) + x13 + 0x5A827999u, 8) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc & ld) | (~lc & le)) + x1 + 0x5A827999u, 13) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb & lc) | (~lb & ld)) + x10 + 0x5A827999u, 11) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la & lb) | (~la & lc)) + x6 + 0x5A827999u, 9) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le & la) | (~le & lb)) + x15 + 0x5A827999u, 7) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld & le) | (~ld & la)) + x3 + 0x5A827999u, 15) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc & ld) | (~lc & le)) + x12 + 0x5A827999u, 7) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb & lc) | (~lb & ld)) + x0 + 0x5A827999u, 12) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la & lb) | (~la & lc)) + x9 + 0x5A827999u, 15) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le & la) | (~le & lb)) + x5 + 0x5A827999u, 9) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld & le) | (~ld & la)) + x2 + 0x5A827999u, 11) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc & ld) | (~lc & le)) + x14 + 0x5A827999u, 7) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb & lc) | (~lb & ld)) + x11 + 0x5A827999u, 13) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la & lb) | (~la & lc)) + x8 + 0x5A827999u, 12) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le | ~la) ^ lb) + x3 + 0x6ED9EBA1u, 11) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld | ~le) ^ la) + x10 + 0x6ED9EBA1u, 13) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc | ~ld) ^ le) + x14 + 0x6ED9EBA1u, 6) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb | ~lc) ^ ld) + x4 + 0x6ED9EBA1u, 7) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la | ~lb) ^ lc) + x9 + 0x6ED9EBA1u, 14) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le | ~la) ^ lb) + x15 + 0x6ED9EBA1u, 9) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld | ~le) ^ la) + x8 + 0x6ED9EBA1u, 13) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc | ~ld) ^ le) + x1 + 0x6ED9EBA1u, 15) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb | ~lc) ^ ld) + x2 + 0x6ED9EBA1u, 14) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la | ~lb) ^ lc) + x7 + 0x6ED9EBA1u, 8) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le | ~la) ^ lb) + x0 + 0x6ED9EBA1u, 13) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld | ~le) ^ la) + x6 + 0x6ED9EBA1u, 6) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc | ~ld) ^ le) + x13 + 0x6ED9EBA1u, 5) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb | ~lc) ^ ld) + x11 + 0x6ED9EBA1u, 12) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la | ~lb) ^ lc) + x5 + 0x6ED9EBA1u, 7) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le | ~la) ^ lb) + x12 + 0x6ED9EBA1u, 5) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld & la) | (le & ~la)) + x1 + 0x8F1BBCDCu, 11) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc & le) | (ld & ~le)) + x9 + 0x8F1BBCDCu, 12) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb & ld) | (lc & ~ld)) + x11 + 0x8F1BBCDCu, 14) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la & lc) | (lb & ~lc)) + x10 + 0x8F1BBCDCu, 15) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le & lb) | (la & ~lb)) + x0 + 0x8F1BBCDCu, 14) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld & la) | (le & ~la)) + x8 + 0x8F1BBCDCu, 15) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc & le) | (ld & ~le)) + x12 + 0x8F1BBCDCu, 9) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb & ld) | (lc & ~ld)) + x4 + 0x8F1BBCDCu, 8) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la & lc) | (lb & ~lc)) + x13 + 0x8F1BBCDCu, 9) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le & lb) | (la & ~lb)) + x3 + 0x8F1BBCDCu, 14) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld & la) | (le & ~la)) + x7 + 0x8F1BBCDCu, 5) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + ((lc & le) | (ld & ~le)) + x15 + 0x8F1BBCDCu, 6) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + ((lb & ld) | (lc & ~ld)) + x14 + 0x8F1BBCDCu, 8) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + ((la & lc) | (lb & ~lc)) + x5 + 0x8F1BBCDCu, 6) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + ((le & lb) | (la & ~lb)) + x6 + 0x8F1BBCDCu, 5) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + ((ld & la) | (le & ~la)) + x2 + 0x8F1BBCDCu, 12) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + (lc ^ (ld | ~le)) + x4 + 0xA953FD4Eu, 9) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + (lb ^ (lc | ~ld)) + x0 + 0xA953FD4Eu, 15) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + (la ^ (lb | ~lc)) + x5 + 0xA953FD4Eu, 5) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + (le ^ (la | ~lb)) + x9 + 0xA953FD4Eu, 11) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + (ld ^ (le | ~la)) + x7 + 0xA953FD4Eu, 6) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + (lc ^ (ld | ~le)) + x12 + 0xA953FD4Eu, 8) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + (lb ^ (lc | ~ld)) + x2 + 0xA953FD4Eu, 13) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + (la ^ (lb | ~lc)) + x10 + 0xA953FD4Eu, 12) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + (le ^ (la | ~lb)) + x14 + 0xA953FD4Eu, 5) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + (ld ^ (le | ~la)) + x1 + 0xA953FD4Eu, 12) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + (lc ^ (ld | ~le)) + x3 + 0xA953FD4Eu, 13) + la;
        ld = BitOperations.RotateLeft(ld, 10);
        la = BitOperations.RotateLeft(la + (lb ^ (lc | ~ld)) + x8 + 0xA953FD4Eu, 14) + le;
        lc = BitOperations.RotateLeft(lc, 10);
        le = BitOperations.RotateLeft(le + (la ^ (lb | ~lc)) + x11 + 0xA953FD4Eu, 11) + ld;
        lb = BitOperations.RotateLeft(lb, 10);
        ld = BitOperations.RotateLeft(ld + (le ^ (la | ~lb)) + x6 + 0xA953FD4Eu, 8) + lc;
        la = BitOperations.RotateLeft(la, 10);
        lc = BitOperations.RotateLeft(lc + (ld ^ (le | ~la)) + x15 + 0xA953FD4Eu, 5) + lb;
        le = BitOperations.RotateLeft(le, 10);
        lb = BitOperations.RotateLeft(lb + (lc ^ (ld | ~le)) + x13 + 0xA953FD4Eu, 6) + la;
        ld = BitOperations.RotateLeft(ld, 10);

        // Right line: f5..f1 with K' = 50A28BE6, 5C4DD124, 6D703EF3, 7A6D76E9, 0.
        ra = BitOperations.RotateLeft(ra + (rb ^ (rc | ~rd)) + x5 + 0x50A28BE6u, 8) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + (ra ^ (rb | ~rc)) + x14 + 0x50A28BE6u, 9) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + (re ^ (ra | ~rb)) + x7 + 0x50A28BE6u, 9) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + (rd ^ (re | ~ra)) + x0 + 0x50A28BE6u, 11) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + (rc ^ (rd | ~re)) + x9 + 0x50A28BE6u, 13) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + (rb ^ (rc | ~rd)) + x2 + 0x50A28BE6u, 15) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + (ra ^ (rb | ~rc)) + x11 + 0x50A28BE6u, 15) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + (re ^ (ra | ~rb)) + x4 + 0x50A28BE6u, 5) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + (rd ^ (re | ~ra)) + x13 + 0x50A28BE6u, 7) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + (rc ^ (rd | ~re)) + x6 + 0x50A28BE6u, 7) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + (rb ^ (rc | ~rd)) + x15 + 0x50A28BE6u, 8) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + (ra ^ (rb | ~rc)) + x8 + 0x50A28BE6u, 11) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + (re ^ (ra | ~rb)) + x1 + 0x50A28BE6u, 14) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + (rd ^ (re | ~ra)) + x10 + 0x50A28BE6u, 14) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + (rc ^ (rd | ~re)) + x3 + 0x50A28BE6u, 12) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + (rb ^ (rc | ~rd)) + x12 + 0x50A28BE6u, 6) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra & rc) | (rb & ~rc)) + x6 + 0x5C4DD124u, 9) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re & rb) | (ra & ~rb)) + x11 + 0x5C4DD124u, 13) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd & ra) | (re & ~ra)) + x3 + 0x5C4DD124u, 15) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc & re) | (rd & ~re)) + x7 + 0x5C4DD124u, 7) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb & rd) | (rc & ~rd)) + x0 + 0x5C4DD124u, 12) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra & rc) | (rb & ~rc)) + x13 + 0x5C4DD124u, 8) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re & rb) | (ra & ~rb)) + x5 + 0x5C4DD124u, 9) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd & ra) | (re & ~ra)) + x10 + 0x5C4DD124u, 11) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc & re) | (rd & ~re)) + x14 + 0x5C4DD124u, 7) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb & rd) | (rc & ~rd)) + x15 + 0x5C4DD124u, 7) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra & rc) | (rb & ~rc)) + x8 + 0x5C4DD124u, 12) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re & rb) | (ra & ~rb)) + x12 + 0x5C4DD124u, 7) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd & ra) | (re & ~ra)) + x4 + 0x5C4DD124u, 6) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc & re) | (rd & ~re)) + x9 + 0x5C4DD124u, 15) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb & rd) | (rc & ~rd)) + x1 + 0x5C4DD124u, 13) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra & rc) | (rb & ~rc)) + x2 + 0x5C4DD124u, 11) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re | ~ra) ^ rb) + x15 + 0x6D703EF3u, 9) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd | ~re) ^ ra) + x5 + 0x6D703EF3u, 7) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc | ~rd) ^ re) + x1 + 0x6D703EF3u, 15) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb | ~rc) ^ rd) + x3 + 0x6D703EF3u, 11) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra | ~rb) ^ rc) + x7 + 0x6D703EF3u, 8) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re | ~ra) ^ rb) + x14 + 0x6D703EF3u, 6) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd | ~re) ^ ra) + x6 + 0x6D703EF3u, 6) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc | ~rd) ^ re) + x9 + 0x6D703EF3u, 14) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb | ~rc) ^ rd) + x11 + 0x6D703EF3u, 12) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra | ~rb) ^ rc) + x8 + 0x6D703EF3u, 13) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re | ~ra) ^ rb) + x12 + 0x6D703EF3u, 5) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd | ~re) ^ ra) + x2 + 0x6D703EF3u, 14) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc | ~rd) ^ re) + x10 + 0x6D703EF3u, 13) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb | ~rc) ^ rd) + x0 + 0x6D703EF3u, 13) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra | ~rb) ^ rc) + x4 + 0x6D703EF3u, 7) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re | ~ra) ^ rb) + x13 + 0x6D703EF3u, 5) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd & re) | (~rd & ra)) + x8 + 0x7A6D76E9u, 15) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc & rd) | (~rc & re)) + x6 + 0x7A6D76E9u, 5) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb & rc) | (~rb & rd)) + x4 + 0x7A6D76E9u, 8) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra & rb) | (~ra & rc)) + x1 + 0x7A6D76E9u, 11) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re & ra) | (~re & rb)) + x3 + 0x7A6D76E9u, 14) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd & re) | (~rd & ra)) + x11 + 0x7A6D76E9u, 14) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc & rd) | (~rc & re)) + x15 + 0x7A6D76E9u, 6) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb & rc) | (~rb & rd)) + x0 + 0x7A6D76E9u, 14) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra & rb) | (~ra & rc)) + x5 + 0x7A6D76E9u, 6) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re & ra) | (~re & rb)) + x12 + 0x7A6D76E9u, 9) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd & re) | (~rd & ra)) + x2 + 0x7A6D76E9u, 12) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + ((rc & rd) | (~rc & re)) + x13 + 0x7A6D76E9u, 9) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + ((rb & rc) | (~rb & rd)) + x9 + 0x7A6D76E9u, 12) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + ((ra & rb) | (~ra & rc)) + x7 + 0x7A6D76E9u, 5) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + ((re & ra) | (~re & rb)) + x10 + 0x7A6D76E9u, 15) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + ((rd & re) | (~rd & ra)) + x14 + 0x7A6D76E9u, 8) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + (rc ^ rd ^ re) + x12, 8) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + (rb ^ rc ^ rd) + x15, 5) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + (ra ^ rb ^ rc) + x10, 12) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + (re ^ ra ^ rb) + x4, 9) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + (rd ^ re ^ ra) + x1, 12) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + (rc ^ rd ^ re) + x5, 5) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + (rb ^ rc ^ rd) + x8, 14) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + (ra ^ rb ^ rc) + x7, 6) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + (re ^ ra ^ rb) + x6, 8) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + (rd ^ re ^ ra) + x2, 13) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + (rc ^ rd ^ re) + x13, 6) + ra;
        rd = BitOperations.RotateLeft(rd, 10);
        ra = BitOperations.RotateLeft(ra + (rb ^ rc ^ rd) + x14, 5) + re;
        rc = BitOperations.RotateLeft(rc, 10);
        re = BitOperations.RotateLeft(re + (ra ^ rb ^ rc) + x0, 15) + rd;
        rb = BitOperations.RotateLeft(rb, 10);
        rd = BitOperations.RotateLeft(rd + (re ^ ra ^ rb) + x3, 13) + rc;
        ra = BitOperations.RotateLeft(ra, 10);
        rc = BitOperations.RotateLeft(rc + (rd ^ re ^ ra) + x9, 11) + rb;
        re = BitOperations.RotateLeft(re, 10);
        rb = BitOperations.RotateLeft(rb + (rc ^ rd ^ re) + x11, 11) + ra;
        rd = BitOperations.RotateLeft(rd, 10);

        var t = state[1] + lc + rd;
        state[1] = state[2] + ld + re;
        state[2] = state[3] + le + ra;
        state[3] = state[4] + la + rb;
        state[4] = state[0] + lb + rc;
        state[0] = t;
    }
}
