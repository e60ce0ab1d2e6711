using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

/// <summary>The legacy encodings Bitcoin Core's lax DER parser tolerates, each checked against strict parsing.</summary>
public sealed class DerSignatureTests : IDisposable
{
    private readonly PrivateKey _key = PrivateKey.FromBytes(Hex.Decode("b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef"));
    private readonly byte[] _hash = Sha256.Hash("lax der"u8);
    private readonly byte[] _r;
    private readonly byte[] _s;

    public DerSignatureTests()
    {
        var compact = Ecdsa.SignCompact(_key, _hash);
        _r = compact[..32];
        _s = compact[32..];
    }

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Canonical_IsAcceptedByBothParsers()
    {
        var der = Encode(Integer(_r), Integer(_s));
        Assert.Equal(Ecdsa.SignDer(_key, _hash), der);
        Assert.True(Ecdsa.IsStrictDer(der));
        AssertStrictAndLax(der, strict: true, lax: true);
    }

    [Fact]
    public void ExcessZeroPadding_IsLaxOnly()
    {
        var r = Minimal(_r);
        var der = Encode([0x02, (byte)(r.Length + 2), 0, 0, .. r], Integer(_s));
        Assert.False(Ecdsa.IsStrictDer(der));
        AssertStrictAndLax(der, strict: false, lax: true);
    }

    [Fact]
    public void LongFormIntegerLength_IsLaxOnly()
    {
        var r = Minimal(_r);
        byte[] rField = [0x02, 0x81, (byte)r.Length, .. r];
        var der = Encode(rField, Integer(_s));
        AssertStrictAndLax(der, strict: false, lax: true);
    }

    [Fact]
    public void LongFormIntegerLengthWithLeadingZeroBytes_IsLaxOnly()
    {
        var s = Minimal(_s);
        byte[] sField = [0x02, 0x83, 0x00, 0x00, (byte)s.Length, .. s];
        var der = Encode(Integer(_r), sField);
        AssertStrictAndLax(der, strict: false, lax: true);
    }

    [Fact]
    public void LongFormOrWrongSequenceLength_IsLaxOnly()
    {
        byte[] body = [.. Integer(_r), .. Integer(_s)];
        AssertStrictAndLax([0x30, 0x81, (byte)body.Length, .. body], strict: false, lax: true);
        AssertStrictAndLax([0x30, 0x7F, .. body], strict: false, lax: true);
        AssertStrictAndLax([0x30, 0x00, .. body], strict: false, lax: true);
    }

    [Fact]
    public void TrailingBytes_AreLaxOnly()
    {
        byte[] der = [.. Encode(Integer(_r), Integer(_s)), 0x01];
        Assert.False(Ecdsa.IsStrictDer(der));
        AssertStrictAndLax(der, strict: false, lax: true);
    }

    [Fact]
    public void NegativeLookingInteger_IsReadAsUnsignedByLax()
    {
        // Find a signature whose R has its top bit set, then drop the 0x00 sign byte DER requires.
        for (var i = 0; ; i++)
        {
            var hash = Sha256.Hash(BitConverter.GetBytes(i));
            var compact = Ecdsa.SignCompact(_key, hash);
            if (compact[0] < 0x80)
            {
                continue;
            }

            var der = Encode([0x02, 0x20, .. compact[..32]], Integer(compact[32..]));
            Assert.False(Ecdsa.IsStrictDer(der));
            Assert.False(Ecdsa.VerifyDer(_key.PublicKey, hash, der));
            Assert.True(Ecdsa.VerifyDer(_key.PublicKey, hash, der, DerParsing.Lax));
            return;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("3100")]
    [InlineData("300602010103010f")]      // S tag is not INTEGER
    [InlineData("3006020101")]            // S missing
    [InlineData("30060205010101")]        // R length beyond the input
    [InlineData("30060284000000010102")]  // four significant length-of-length bytes
    [InlineData("3085")]                  // sequence length-of-length beyond the input
    public void Lax_StillRejectsStructurallyBrokenInput(string hex)
    {
        var der = Hex.Decode(hex);
        Assert.False(Ecdsa.VerifyDer(_key.PublicKey, _hash, der, DerParsing.Lax));
        Assert.False(Ecdsa.VerifyDer(_key.PublicKey, _hash, der));
        Assert.False(Ecdsa.IsLowS(der));
    }

    [Fact]
    public void OversizedInteger_NeverVerifies()
    {
        byte[] r = [0x01, .. _r];
        var der = Encode([0x02, (byte)r.Length, .. r], Integer(_s));
        Assert.False(Ecdsa.VerifyDer(_key.PublicKey, _hash, der, DerParsing.Lax));
    }

    [Fact]
    public void HighS_VerifiesUnlessLowSRequired()
    {
        var high = EcdsaVectorTests.NegateS([.. _r, .. _s]);
        var der = Encode(Integer(high[..32]), Integer(high[32..]));
        Assert.True(Ecdsa.IsStrictDer(der));
        Assert.False(Ecdsa.IsLowS(der));
        Assert.True(Ecdsa.VerifyDer(_key.PublicKey, _hash, der));
        Assert.False(Ecdsa.VerifyDer(_key.PublicKey, _hash, der, requireLowS: true));
        Assert.True(Ecdsa.VerifyDer(_key.PublicKey, _hash, der, DerParsing.Lax));
        Assert.False(Ecdsa.VerifyDer(_key.PublicKey, _hash, der, DerParsing.Lax, requireLowS: true));
    }

    [Fact]
    public void VerifyDer_RejectsUnknownParsingMode()
    {
        var der = Ecdsa.SignDer(_key, _hash);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ecdsa.VerifyDer(_key.PublicKey, _hash, der, (DerParsing)7));
    }

    [Fact]
    public void IsStrictDer_FollowsBip66Rules()
    {
        // Minimal signature: R = S = 1.
        Assert.True(Ecdsa.IsStrictDer(Hex.Decode("3006020101020101")));
        Assert.False(Ecdsa.IsStrictDer(Hex.Decode("3006020100020101")[..7]));  // truncated
        Assert.False(Ecdsa.IsStrictDer(Hex.Decode("3006020001020101")));     // zero-length R
        Assert.False(Ecdsa.IsStrictDer(Hex.Decode("3006020181020101")));     // negative R
        Assert.False(Ecdsa.IsStrictDer(Hex.Decode("300702020001020101")));   // needlessly padded R
        Assert.True(Ecdsa.IsStrictDer(Hex.Decode("300702020081020101")));    // padding that keeps R positive
        Assert.False(Ecdsa.IsStrictDer(Hex.Decode("3007020101020101")));     // sequence length wrong
        Assert.False(Ecdsa.IsStrictDer(Hex.Decode("3006030101020101")));     // R tag not INTEGER
        Assert.False(Ecdsa.IsStrictDer([]));
        Assert.False(Ecdsa.IsStrictDer(new byte[73]));
    }

    private void AssertStrictAndLax(byte[] der, bool strict, bool lax)
    {
        Assert.Equal(strict, Ecdsa.VerifyDer(_key.PublicKey, _hash, der, DerParsing.Strict));
        Assert.Equal(lax, Ecdsa.VerifyDer(_key.PublicKey, _hash, der, DerParsing.Lax));
    }

    private static byte[] Minimal(byte[] value)
    {
        var i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return value[i..];
    }

    private static byte[] Integer(byte[] value)
    {
        var v = Minimal(value);
        if (v[0] >= 0x80)
        {
            v = [0, .. v];
        }

        v = [0x02, (byte)v.Length, .. v];
        return v;
    }

    private static byte[] Encode(byte[] rField, byte[] sField) =>
        [0x30, (byte)(rField.Length + sField.Length), .. rField, .. sField];
}
