using System.Security.Cryptography;
using System.Text.Json;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

public sealed class EcdsaVectorTests
{
    private const string Fixtures = "secp256k1/ecdsa.json";

    // The five extra-entropy inputs tiny-secp256k1's test feeds to sign() for its extraEntropy fixtures.
    private static readonly (string Field, string Entropy)[] EntropyInputs =
    [
        ("extraEntropy0", "0000000000000000000000000000000000000000000000000000000000000000"),
        ("extraEntropy1", "0000000000000000000000000000000000000000000000000000000000000001"),
        ("extraEntropyRand", "6e723d3fd94ed5d2b6bdd4f123364b0f3ca52af829988a63f8afe91d29db1c33"),
        ("extraEntropyN", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"),
        ("extraEntropyMax", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
    ];

    [VectorFact(Fixtures)]
    public void SignCompact_MatchesEveryValidRfc6979Case_AndVerifiesAndRecovers()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        var count = 0;
        foreach (var item in doc.RootElement.GetProperty("valid").EnumerateArray())
        {
            using var key = PrivateKey.FromBytes(Hex.Decode(item.GetProperty("d").GetString()));
            var hash = Hex.Decode(item.GetProperty("m").GetString());
            var expected = item.GetProperty("signature").GetString();
            var recoveryId = item.GetProperty("recoveryId").GetInt32();

            var compact = Ecdsa.SignCompact(key, hash);
            Assert.Equal(expected, Hex.Encode(compact));
            Assert.True(Ecdsa.VerifyCompact(key.PublicKey, hash, compact));

            var der = Ecdsa.SignDer(key, hash);
            Assert.True(Ecdsa.IsStrictDer(der));
            Assert.True(Ecdsa.IsLowS(der));
            Assert.True(Ecdsa.VerifyDer(key.PublicKey, hash, der, requireLowS: true));
            Assert.True(Ecdsa.VerifyDer(key.PublicKey, hash, der, DerParsing.Lax));

            var recoverable = Ecdsa.SignRecoverable(key, hash);
            Assert.Equal(expected, Hex.Encode(recoverable.Compact64));
            Assert.Equal(recoveryId, recoverable.RecoveryId);
            Assert.Equal(key.PublicKey, Ecdsa.Recover(hash, compact, recoveryId));
            count++;
        }

        Assert.Equal(2020, count);
    }

    [VectorFact(Fixtures)]
    public void SignCompact_WithExtraEntropy_MatchesFixtures()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        foreach (var item in doc.RootElement.GetProperty("extraEntropy").EnumerateArray())
        {
            using var key = PrivateKey.FromBytes(Hex.Decode(item.GetProperty("d").GetString()));
            var hash = Hex.Decode(item.GetProperty("m").GetString());
            Assert.Equal(item.GetProperty("signature").GetString(), Hex.Encode(Ecdsa.SignCompact(key, hash)));
            foreach (var (field, entropy) in EntropyInputs)
            {
                var signature = Ecdsa.SignCompact(key, hash, Hex.Decode(entropy));
                Assert.Equal(item.GetProperty(field).GetString(), Hex.Encode(signature));
                Assert.True(Ecdsa.VerifyCompact(key.PublicKey, hash, signature));
            }
        }
    }

    [VectorFact(Fixtures)]
    public void InvalidSignCases_RejectThePrivateKey()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        var cases = doc.RootElement.GetProperty("invalid").GetProperty("sign").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var item in cases)
        {
            var d = Hex.Decode(item.GetProperty("d").GetString());
            Assert.False(PrivateKey.IsValid(d));
            Assert.Throws<ArgumentException>(() => PrivateKey.FromBytes(d));
        }
    }

    [VectorFact(Fixtures)]
    public void InvalidVerifyCases_NeverVerify()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        var cases = doc.RootElement.GetProperty("invalid").GetProperty("verify").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var item in cases)
        {
            var q = Hex.Decode(item.GetProperty("Q").GetString());
            var hash = Hex.Decode(item.GetProperty("m").GetString());
            var signature = Hex.Decode(item.GetProperty("signature").GetString());
            var description = item.GetProperty("description").GetString();
            if (item.TryGetProperty("exception", out var exception) && exception.GetString() == "Expected Point")
            {
                Assert.False(PublicKey.TryParse(q, out _), description);
                Assert.Throws<FormatException>(() => PublicKey.Parse(q));
                continue;
            }

            var key = PublicKey.Parse(q);
            Assert.False(Ecdsa.VerifyCompact(key, hash, signature), description);
        }
    }

    [VectorFact(Fixtures)]
    public void InvalidRecoverCases_FailToRecover()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Fixtures));
        var cases = doc.RootElement.GetProperty("invalid").GetProperty("recover").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var item in cases)
        {
            var hash = Hex.Decode(item.GetProperty("m").GetString());
            var signature = Hex.Decode(item.GetProperty("signature").GetString());
            var recoveryId = item.TryGetProperty("recoveryId", out var id) ? id.GetInt32() : 0;
            var description = item.GetProperty("description").GetString();
            if (hash.Length != 32)
            {
                Assert.Throws<ArgumentException>(() => Ecdsa.TryRecover(hash, signature, recoveryId, out _));
                continue;
            }

            Assert.False(Ecdsa.TryRecover(hash, signature, recoveryId, out var key), description);
            Assert.Null(key);
            Assert.Throws<CryptographicException>(() => Ecdsa.Recover(hash, signature, recoveryId));
        }
    }

    [Fact]
    public void VerifyCompact_RejectsHighS_ButNormalizedSignatureVerifies()
    {
        using var key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000007"));
        var hash = Sha256.Hash("high s"u8);
        var low = Ecdsa.SignCompact(key, hash);
        var high = NegateS(low);

        Assert.False(Ecdsa.VerifyCompact(key.PublicKey, hash, high));
        Assert.Equal(low, Ecdsa.NormalizeS(high));
        Assert.Equal(low, Ecdsa.NormalizeS(low));
        Assert.True(Ecdsa.VerifyCompact(key.PublicKey, hash, Ecdsa.NormalizeS(high)));
    }

    [Fact]
    public void NormalizeS_RejectsMalformedInput()
    {
        Assert.Throws<FormatException>(() => Ecdsa.NormalizeS(new byte[63]));
        Assert.Throws<FormatException>(() => Ecdsa.NormalizeS(Enumerable.Repeat((byte)0xFF, 64).ToArray()));
    }

    [Fact]
    public void Recover_RejectsOutOfRangeRecoveryId()
    {
        using var key = PrivateKey.Generate();
        var hash = Sha256.Hash("x"u8);
        var sig = Ecdsa.SignRecoverable(key, hash);
        Assert.False(Ecdsa.TryRecover(hash, sig.Compact64, 4, out _));
        Assert.False(Ecdsa.TryRecover(hash, sig.Compact64, -1, out _));
        Assert.Throws<CryptographicException>(() => Ecdsa.Recover(hash, sig.Compact64, 7));
    }

    [Fact]
    public void Sign_RejectsWrongHashOrEntropyLength()
    {
        using var key = PrivateKey.Generate();
        Assert.Throws<ArgumentException>(() => Ecdsa.SignCompact(key, new byte[31]));
        Assert.Throws<ArgumentException>(() => Ecdsa.SignCompact(key, new byte[32], new byte[16]));
        Assert.Throws<ArgumentException>(() => Ecdsa.VerifyCompact(key.PublicKey, new byte[33], new byte[64]));
    }

    /// <summary>s' = n − s, which verifies mathematically but is the high-S twin.</summary>
    internal static byte[] NegateS(byte[] compact)
    {
        var s = ReferenceCurve.FromBytes(compact.AsSpan(32));
        return [.. compact.AsSpan(0, 32), .. ReferenceCurve.ToBytes32(ReferenceCurve.N - s)];
    }
}
