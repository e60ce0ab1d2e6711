using System.Text.Json;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

/// <summary>
/// Wycheproof ECDSA/secp256k1/SHA-256. Wycheproof treats high-S signatures as valid and any non-DER (BER) encoding as
/// invalid, so DER cases are checked with strict DER parsing and S normalization (requireLowS: false), and P1363 cases
/// by normalizing S before <see cref="Ecdsa.VerifyCompact"/>. Every tcId's result is checked. These files contain no
/// "acceptable" cases; should a future file add some, they are allowed either outcome (the totals below then flag the change).
/// </summary>
public sealed class WycheproofTests
{
    private const string DerFile = "secp256k1/ecdsa_secp256k1_sha256_test.json";
    private const string P1363File = "secp256k1/ecdsa_secp256k1_sha256_p1363_test.json";

    [VectorFact(DerFile)]
    public void DerSignatures_MatchEveryExpectedResult()
    {
        var mismatches = Run(DerFile, (key, hash, sig) => Ecdsa.VerifyDer(key, hash, sig, DerParsing.Strict, requireLowS: false), out var total);
        Assert.Equal(476, total);
        Assert.Empty(mismatches);
    }

    [VectorFact(P1363File)]
    public void P1363Signatures_MatchEveryExpectedResult()
    {
        var mismatches = Run(P1363File, VerifyP1363, out var total);
        Assert.Equal(252, total);
        Assert.Empty(mismatches);
    }

    [VectorFact(DerFile)]
    public void DerSignatures_LaxParsingAcceptsEverythingStrictAccepts()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(DerFile));
        foreach (var group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var key = PublicKey.Parse(Hex.Decode(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()));
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var hash = Sha256.Hash(Hex.Decode(test.GetProperty("msg").GetString()));
                var sig = Hex.Decode(test.GetProperty("sig").GetString());
                if (Ecdsa.VerifyDer(key, hash, sig))
                {
                    Assert.True(Ecdsa.VerifyDer(key, hash, sig, DerParsing.Lax), $"tcId {test.GetProperty("tcId").GetInt32()}");
                }
            }
        }
    }

    private static bool VerifyP1363(PublicKey key, byte[] hash, byte[] sig)
    {
        if (sig.Length != 64)
        {
            return false;
        }

        byte[] normalized;
        try
        {
            normalized = Ecdsa.NormalizeS(sig);
        }
        catch (FormatException)
        {
            return false; // r or s not below n
        }

        return Ecdsa.VerifyCompact(key, hash, normalized);
    }

    private static List<string> Run(string file, Func<PublicKey, byte[], byte[], bool> verify, out int total)
    {
        var mismatches = new List<string>();
        total = 0;
        using var doc = JsonDocument.Parse(TestVectors.ReadText(file));
        foreach (var group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var key = PublicKey.Parse(Hex.Decode(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()));
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                total++;
                var id = test.GetProperty("tcId").GetInt32();
                var hash = Sha256.Hash(Hex.Decode(test.GetProperty("msg").GetString()));
                var sig = Hex.Decode(test.GetProperty("sig").GetString());
                var result = test.GetProperty("result").GetString();
                var verified = verify(key, hash, sig);
                if (result == "acceptable")
                {
                    continue;
                }

                if (verified != (result == "valid"))
                {
                    mismatches.Add($"tcId {id}: expected {result}, got {verified} ({test.GetProperty("comment").GetString()})");
                }
            }
        }

        return mismatches;
    }
}
