using System.Globalization;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

public sealed class SchnorrVectorTests
{
    private const string Vectors = "bips/test-vectors.csv";

    private sealed record Row(int Index, string SecretKey, string PublicKey, string AuxRand, string Message, string Signature, bool Valid, string Comment);

    [VectorFact(Vectors)]
    public void AllRows_SignWhereKeyGiven_AndVerifyMatchesExpectedResult()
    {
        var rows = ReadRows();
        Assert.Equal(19, rows.Count);
        foreach (var row in rows)
        {
            var message = Hex.Decode(row.Message);
            var signature = Hex.Decode(row.Signature);
            if (row.SecretKey.Length > 0)
            {
                using var key = PrivateKey.FromBytes(Hex.Decode(row.SecretKey));
                Assert.Equal(row.PublicKey.ToLowerInvariant(), Hex.Encode(key.XOnlyPublicKey.ToBytes()));
                var produced = Schnorr.Sign(key, message, Hex.Decode(row.AuxRand));
                Assert.Equal(row.Signature.ToLowerInvariant(), Hex.Encode(produced));
            }

            var verified = XOnlyPublicKey.TryParse(Hex.Decode(row.PublicKey), out var publicKey) &&
                           Schnorr.Verify(publicKey!, message, signature);
            Assert.True(row.Valid == verified, $"row {row.Index}: {row.Comment}");
        }
    }

    [VectorFact(Vectors)]
    public void ValidRows_SatisfyTheBip340EquationWithTheTaggedChallenge()
    {
        // s·G == R + e·P with e = TaggedHash("BIP0340/challenge", r || P || m): an independent check of TaggedHash.
        foreach (var row in ReadRows().Where(r => r.Valid))
        {
            var signature = Hex.Decode(row.Signature);
            var publicKey = Hex.Decode(row.PublicKey);
            var message = Hex.Decode(row.Message);
            var e = ReferenceCurve.FromBytes(TaggedHash.Hash("BIP0340/challenge", [.. signature.AsSpan(0, 32), .. publicKey, .. message])) % ReferenceCurve.N;
            var p = ReferenceCurve.LiftX(ReferenceCurve.FromBytes(publicKey));
            var r = ReferenceCurve.LiftX(ReferenceCurve.FromBytes(signature.AsSpan(0, 32)));
            var s = ReferenceCurve.FromBytes(signature.AsSpan(32));
            var left = ReferenceCurve.Multiply(ReferenceCurve.G, s);
            var right = ReferenceCurve.Add(r, ReferenceCurve.Multiply(p, e));
            Assert.Equal(left, right);
        }
    }

    [Fact]
    public void Sign_RoundTripsForArbitraryMessageLengths()
    {
        using var key = PrivateKey.Generate();
        foreach (var length in new[] { 0, 1, 31, 32, 33, 100 })
        {
            var message = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
            var signature = Schnorr.Sign(key, message, Sha256.Hash(message));
            Assert.True(Schnorr.Verify(key.XOnlyPublicKey, message, signature));
            message = [.. message, 0];
            Assert.False(Schnorr.Verify(key.XOnlyPublicKey, message, signature));
        }
    }

    [Fact]
    public void Sign_RejectsBadAuxRandLength_AndVerifyRejectsBadSignatureLength()
    {
        using var key = PrivateKey.Generate();
        Assert.Throws<ArgumentException>(() => Schnorr.Sign(key, new byte[32], new byte[31]));
        Assert.False(Schnorr.Verify(key.XOnlyPublicKey, new byte[32], new byte[63]));
    }

    private static List<Row> ReadRows()
    {
        var rows = new List<Row>();
        foreach (var line in TestVectors.ReadText(Vectors).Split('\n').Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var f = line.TrimEnd('\r').Split(',', 8);
            rows.Add(new Row(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3], f[4], f[5], f[6] == "TRUE", f[7]));
        }

        return rows;
    }
}
