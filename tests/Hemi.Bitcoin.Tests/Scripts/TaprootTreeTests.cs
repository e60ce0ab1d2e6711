using System.Text.Json;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Scripts;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Tests.Scripts;

public sealed class TaprootTreeTests
{
    private const string BitcoinJsP2tr = "bitcoinjs-lib/p2tr.json";

    [VectorFact(BitcoinJsP2tr)]
    public void BitcoinJsP2tr_InternalKeyAndTree_GiveOutputKeyMerkleRootAndAddress()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(BitcoinJsP2tr));
        int count = 0;
        foreach (var v in doc.RootElement.GetProperty("valid").EnumerateArray())
        {
            var args = v.GetProperty("arguments");
            if (!args.TryGetProperty("internalPubkey", out var internalHex) || args.TryGetProperty("hash", out _))
            {
                continue;
            }

            var expected = v.GetProperty("expected");
            var internalKey = XOnlyPublicKey.Parse(Convert.FromHexString(internalHex.GetString()!));
            byte[] merkleRoot = args.TryGetProperty("scriptTree", out var tree) ? Hash(tree) : [];
            if (expected.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String)
            {
                Assert.Equal(hash.GetString(), Convert.ToHexStringLower(merkleRoot));
            }

            var outputKey = Crypto.Secp256k1.Taproot.TweakPublicKey(internalKey, merkleRoot, out _).ToBytes();
            Assert.Equal(expected.GetProperty("pubkey").GetString(), Convert.ToHexStringLower(outputKey));
            var script = ScriptTemplates.PayToTaproot(outputKey);
            Assert.Equal(expected.GetProperty("output").GetString(), ScriptAsm.Format(script, AsmDialect.BitcoinJs));
            Assert.Equal(expected.GetProperty("address").GetString(), BitcoinAddress.FromScriptPubKey(script, Network.Mainnet));
            count++;
        }

        Assert.True(count >= 15, $"only {count} cases");
    }

    [Fact]
    public void BranchHash_IsOrderIndependent()
    {
        var a = TaprootTree.LeafHash(TaprootTree.TapscriptLeafVersion, [0x51]);
        var b = TaprootTree.LeafHash(TaprootTree.TapscriptLeafVersion, [0x52]);
        Assert.Equal(TaprootTree.BranchHash(a, b), TaprootTree.BranchHash(b, a));
        Assert.NotEqual(a, b);
        Assert.Throws<ArgumentException>(() => TaprootTree.BranchHash(a, b.AsSpan(1)));
    }

    private static byte[] Hash(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            Assert.Equal(2, node.GetArrayLength());
            return TaprootTree.BranchHash(Hash(node[0]), Hash(node[1]));
        }

        byte version = node.TryGetProperty("version", out var v) ? (byte)v.GetInt32() : TaprootTree.TapscriptLeafVersion;
        return TaprootTree.LeafHash(version, ScriptAsm.Parse(node.GetProperty("output").GetString()!, AsmDialect.BitcoinJs));
    }
}
