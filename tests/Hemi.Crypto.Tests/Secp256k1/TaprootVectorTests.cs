using System.Text.Json;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

public sealed class TaprootVectorTests
{
    private const string Wallet = "bitcoin-core/bip341_wallet_vectors.json";

    [VectorFact(Wallet)]
    public void TweakPublicKey_MatchesBip341ScriptPubKeyVectors()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Wallet));
        foreach (var item in doc.RootElement.GetProperty("scriptPubKey").EnumerateArray())
        {
            var internalKey = XOnlyPublicKey.Parse(Hex.Decode(item.GetProperty("given").GetProperty("internalPubkey").GetString()));
            var intermediary = item.GetProperty("intermediary");
            var merkleRoot = intermediary.GetProperty("merkleRoot").ValueKind == JsonValueKind.Null
                ? []
                : Hex.Decode(intermediary.GetProperty("merkleRoot").GetString());

            Assert.Equal(
                intermediary.GetProperty("tweak").GetString(),
                Hex.Encode(TaggedHash.Hash("TapTweak", [.. internalKey.ToBytes(), .. merkleRoot])));

            var output = Taproot.TweakPublicKey(internalKey, merkleRoot, out var parityOdd);
            Assert.Equal(intermediary.GetProperty("tweakedPubkey").GetString(), Hex.Encode(output.ToBytes()));

            // The control block's first byte is leaf version | parity.
            if (item.GetProperty("expected").TryGetProperty("scriptPathControlBlocks", out var blocks))
            {
                var first = Hex.Decode(blocks[0].GetString());
                Assert.Equal(parityOdd, (first[0] & 1) == 1);
            }
        }
    }

    [VectorFact(Wallet)]
    public void TweakPrivateKey_MatchesBip341KeyPathVectors_AndSignaturesVerify()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Wallet));
        var count = 0;
        foreach (var spending in doc.RootElement.GetProperty("keyPathSpending").EnumerateArray())
        {
            foreach (var input in spending.GetProperty("inputSpending").EnumerateArray())
            {
                var given = input.GetProperty("given");
                var intermediary = input.GetProperty("intermediary");
                var merkleRoot = given.GetProperty("merkleRoot").ValueKind == JsonValueKind.Null
                    ? []
                    : Hex.Decode(given.GetProperty("merkleRoot").GetString());

                using var internalKey = PrivateKey.FromBytes(Hex.Decode(given.GetProperty("internalPrivkey").GetString()));
                Assert.Equal(intermediary.GetProperty("internalPubkey").GetString(), Hex.Encode(internalKey.XOnlyPublicKey.ToBytes()));

                using var tweaked = Taproot.TweakPrivateKey(internalKey, merkleRoot);
                Assert.Equal(intermediary.GetProperty("tweakedPrivkey").GetString(), Hex.Encode(tweaked.ToBytes()));

                var outputKey = Taproot.TweakPublicKey(internalKey.XOnlyPublicKey, merkleRoot, out _);
                Assert.Equal(outputKey, tweaked.XOnlyPublicKey);

                // The witness signature (64 bytes, plus a sighash byte unless SIGHASH_DEFAULT) verifies under the output key.
                var sigHash = Hex.Decode(intermediary.GetProperty("sigHash").GetString());
                var witness = Hex.Decode(input.GetProperty("expected").GetProperty("witness")[0].GetString());
                Assert.True(Schnorr.Verify(outputKey, sigHash, witness.AsSpan(0, 64)));
                Assert.True(Schnorr.Verify(outputKey, sigHash, Schnorr.Sign(tweaked, sigHash)));
                count++;
            }
        }

        Assert.True(count >= 7);
    }

    [Fact]
    public void Tweak_RejectsMerkleRootOfWrongLength()
    {
        using var key = PrivateKey.Generate();
        Assert.Throws<ArgumentException>(() => Taproot.TweakPublicKey(key.XOnlyPublicKey, new byte[31], out _));
        Assert.Throws<ArgumentException>(() => Taproot.TweakPrivateKey(key, new byte[33]));
    }
}
