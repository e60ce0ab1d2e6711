using System.Text.Json;
using Hemi.Bitcoin.Addresses;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Tests.Signing;

public sealed class SignatureHashTests
{
    private const string CoreSighash = "bitcoin-core/sighash.json";
    private const string Bip341 = "bitcoin-core/bip341_wallet_vectors.json";
    private const string BitcoinJsTx = "bitcoinjs-lib/transaction.json";

    [VectorFact(CoreSighash)]
    public void Legacy_MatchesEveryRowOfBitcoinCoreSighashJson()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(CoreSighash));
        int rows = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            if (row.GetArrayLength() == 1)
            {
                continue; // comment
            }

            var tx = Transaction.Parse(Convert.FromHexString(row[0].GetString()!));
            var scriptCode = Convert.FromHexString(row[1].GetString()!);
            int inputIndex = row[2].GetInt32();
            uint hashType = unchecked((uint)row[3].GetInt32());
            var hash = SignatureHash.Legacy(tx, inputIndex, scriptCode, hashType);
            Assert.Equal(row[4].GetString(), hash.ToString());
            rows++;
        }

        Assert.True(rows >= 500, $"only {rows} rows");
    }

    [Fact]
    public void Legacy_SingleBugAndOutOfRangeInput_ReturnOne()
    {
        var tx = new Transaction(1, [new TxIn(new OutPoint(Hash256.Zero, 0), [], 0), new TxIn(new OutPoint(Hash256.Zero, 1), [], 0)], [new TxOut(1, [0x51])], 0);
        var one = "0000000000000000000000000000000000000000000000000000000000000001";
        Assert.Equal(one, SignatureHash.Legacy(tx, 1, [0x51], (uint)SigHashType.Single).ToString());
        Assert.Equal(one, SignatureHash.Legacy(tx, 2, [0x51], (uint)SigHashType.All).ToString());
        Assert.NotEqual(one, SignatureHash.Legacy(tx, 0, [0x51], (uint)SigHashType.Single).ToString());
    }

    [Fact]
    public void Legacy_RemovesCodeSeparators_ButKeepsBytesAfterMalformedPush()
    {
        var tx = new Transaction(1, [new TxIn(new OutPoint(Hash256.Zero, 0), [], 0)], [new TxOut(1, [0x51])], 0);
        Assert.Equal(SignatureHash.Legacy(tx, 0, [0x00, 0x53], 1), SignatureHash.Legacy(tx, 0, [0x00, 0xab, 0x53, 0xab], 1));
        Assert.NotEqual(SignatureHash.Legacy(tx, 0, [0x00, 0x53], 1), SignatureHash.Legacy(tx, 0, [0x00, 0x53, 0x4c], 1));

        // A codeseparator inside push data is data, and one after a truncated push is never reached by the op decoder.
        Assert.NotEqual(SignatureHash.Legacy(tx, 0, [0x01, 0xab], 1), SignatureHash.Legacy(tx, 0, [0x01], 1));
    }

    [Fact]
    public void WitnessV0_MatchesEveryBip143Example()
    {
        foreach (var c in Bip143Examples.All)
        {
            var tx = Transaction.Parse(Convert.FromHexString(c.UnsignedTx));
            var precomputed = new PrecomputedTransactionData(tx);
            var scriptCode = Convert.FromHexString(c.ScriptCode);
            var preimage = SignatureHash.WitnessV0Preimage(tx, c.InputIndex, scriptCode, c.Amount, c.HashType, precomputed);
            Assert.Equal(c.Preimage, Convert.ToHexStringLower(preimage));
            var sighash = SignatureHash.WitnessV0(tx, c.InputIndex, scriptCode, c.Amount, c.HashType, precomputed);
            Assert.Equal(c.SigHash, sighash.ToInternalHex());
            Assert.Equal(sighash, SignatureHash.WitnessV0(tx, c.InputIndex, scriptCode, c.Amount, c.HashType));
            if (c.PublicKey is not null && c.Signature is not null)
            {
                var key = PublicKey.Parse(Convert.FromHexString(c.PublicKey));
                var sig = Convert.FromHexString(c.Signature);
                Assert.Equal(c.HashType, sig[^1]);
                Assert.True(Ecdsa.VerifyDer(key, sighash.AsSpan(), sig.AsSpan(0, sig.Length - 1), DerParsing.Lax), c.SigHash);
            }
        }

        Assert.Equal(14, Bip143Examples.All.Length);
    }

    [Fact]
    public void WitnessV0_PrecomputedHashes_MatchBip143()
    {
        var tx = Transaction.Parse(Convert.FromHexString(Bip143Examples.All[0].UnsignedTx));
        var p = new PrecomputedTransactionData(tx);
        Assert.Equal("96b827c8483d4e9b96712b6713a7b68d6e8003a781feba36c31143470b4efd37", Convert.ToHexStringLower(p.HashPrevouts));
        Assert.Equal("52b0a642eea2fb7ae638c36f6252b6750293dbe574a806984b8e4d8548339a3b", Convert.ToHexStringLower(p.HashSequence));
        Assert.Equal("863ef3e1a92afbfdb97f31ad0fc7683ee943e9abcf2501590ff8f6551f47e5e5", Convert.ToHexStringLower(p.HashOutputs));
    }

    [VectorFact(Bip341)]
    public void Taproot_KeyPathSpending_MatchesBip341WalletVectors()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Bip341));
        int inputs = 0;
        foreach (var test in doc.RootElement.GetProperty("keyPathSpending").EnumerateArray())
        {
            var given = test.GetProperty("given");
            var tx = Transaction.Parse(Convert.FromHexString(given.GetProperty("rawUnsignedTx").GetString()!));
            var spent = given.GetProperty("utxosSpent").EnumerateArray()
                .Select(u => new TxOut(u.GetProperty("amountSats").GetInt64(), Convert.FromHexString(u.GetProperty("scriptPubKey").GetString()!)))
                .ToList();
            var precomputed = new PrecomputedTransactionData(tx, spent);
            var intermediary = test.GetProperty("intermediary");
            Assert.Equal(intermediary.GetProperty("hashAmounts").GetString(), Convert.ToHexStringLower(precomputed.ShaAmounts!));
            Assert.Equal(intermediary.GetProperty("hashOutputs").GetString(), Convert.ToHexStringLower(precomputed.ShaOutputs));
            Assert.Equal(intermediary.GetProperty("hashPrevouts").GetString(), Convert.ToHexStringLower(precomputed.ShaPrevouts));
            Assert.Equal(intermediary.GetProperty("hashScriptPubkeys").GetString(), Convert.ToHexStringLower(precomputed.ShaScriptPubKeys!));
            Assert.Equal(intermediary.GetProperty("hashSequences").GetString(), Convert.ToHexStringLower(precomputed.ShaSequences));

            var fullySigned = Transaction.Parse(Convert.FromHexString(test.GetProperty("auxiliary").GetProperty("fullySignedTx").GetString()!));
            foreach (var input in test.GetProperty("inputSpending").EnumerateArray())
            {
                var g = input.GetProperty("given");
                var im = input.GetProperty("intermediary");
                int index = g.GetProperty("txinIndex").GetInt32();
                var hashType = (SigHashType)g.GetProperty("hashType").GetInt32();
                var merkleRoot = g.GetProperty("merkleRoot").ValueKind == JsonValueKind.Null ? [] : Convert.FromHexString(g.GetProperty("merkleRoot").GetString()!);

                var sigMsg = SignatureHash.TaprootSignatureMessage(precomputed, index, hashType);
                Assert.Equal(im.GetProperty("sigMsg").GetString(), Convert.ToHexStringLower(sigMsg));
                var sighash = SignatureHash.Taproot(precomputed, index, hashType);
                Assert.Equal(im.GetProperty("sigHash").GetString(), Convert.ToHexStringLower(sighash));

                using var internalKey = PrivateKey.FromBytes(Convert.FromHexString(g.GetProperty("internalPrivkey").GetString()!));
                Assert.Equal(im.GetProperty("internalPubkey").GetString(), Convert.ToHexStringLower(internalKey.XOnlyPublicKey.ToBytes()));
                using var tweaked = Crypto.Secp256k1.Taproot.TweakPrivateKey(internalKey, merkleRoot);
                Assert.Equal(im.GetProperty("tweakedPrivkey").GetString(), Convert.ToHexStringLower(tweaked.ToBytes()));

                // Signing with all-zero auxiliary randomness reproduces the expected witness byte for byte.
                var signedInput = InputSigner.Sign(tx, index, spent[index], internalKey, precomputed, hashType, new byte[32], merkleRoot);
                var expectedWitness = input.GetProperty("expected").GetProperty("witness").EnumerateArray().Select(w => w.GetString()).ToArray();
                Assert.Equal(expectedWitness, signedInput.Witness.Select(Convert.ToHexStringLower).ToArray());
                Assert.Equal(expectedWitness, fullySigned.Inputs[index].Witness.Select(Convert.ToHexStringLower).ToArray());
                inputs++;
            }

            // Every input of the fully signed transaction (P2TR key path, P2PKH and P2WPKH ones) verifies.
            Assert.True(TransactionSigner.VerifyAll(fullySigned, spent, out var error), error);
        }

        Assert.Equal(7, inputs);
    }

    [VectorFact(Bip341)]
    public void Taproot_ScriptPubKeySection_TreeHashesTweakOutputKeyAndAddress()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Bip341));
        int count = 0;
        foreach (var test in doc.RootElement.GetProperty("scriptPubKey").EnumerateArray())
        {
            var given = test.GetProperty("given");
            var intermediary = test.GetProperty("intermediary");
            var expected = test.GetProperty("expected");
            var internalKey = XOnlyPublicKey.Parse(Convert.FromHexString(given.GetProperty("internalPubkey").GetString()!));

            var leafHashes = new List<byte[]>();
            var paths = new List<List<byte[]>>();
            byte[]? merkleRoot = given.GetProperty("scriptTree").ValueKind == JsonValueKind.Null
                ? null
                : Walk(given.GetProperty("scriptTree"), leafHashes, paths);

            if (intermediary.TryGetProperty("leafHashes", out var expectedLeaves))
            {
                Assert.Equal(expectedLeaves.EnumerateArray().Select(l => l.GetString()).ToArray(), leafHashes.Select(Convert.ToHexStringLower).ToArray());
            }

            var expectedRoot = intermediary.GetProperty("merkleRoot");
            Assert.Equal(expectedRoot.ValueKind == JsonValueKind.Null ? null : expectedRoot.GetString(), merkleRoot is null ? null : Convert.ToHexStringLower(merkleRoot));

            var tweakInput = new byte[32 + (merkleRoot?.Length ?? 0)];
            internalKey.ToBytes().CopyTo(tweakInput, 0);
            merkleRoot?.CopyTo(tweakInput, 32);
            Assert.Equal(intermediary.GetProperty("tweak").GetString(), Convert.ToHexStringLower(TaggedHash.Hash("TapTweak", tweakInput)));

            var outputKey = Crypto.Secp256k1.Taproot.TweakPublicKey(internalKey, merkleRoot ?? [], out bool parityOdd);
            Assert.Equal(intermediary.GetProperty("tweakedPubkey").GetString(), Convert.ToHexStringLower(outputKey.ToBytes()));
            var scriptPubKey = ScriptTemplates.PayToTaproot(outputKey.ToBytes());
            Assert.Equal(expected.GetProperty("scriptPubKey").GetString(), Convert.ToHexStringLower(scriptPubKey));
            Assert.Equal(expected.GetProperty("bip350Address").GetString(), BitcoinAddress.FromScriptPubKey(scriptPubKey, Network.Mainnet));

            if (expected.TryGetProperty("scriptPathControlBlocks", out var controlBlocks))
            {
                var blocks = controlBlocks.EnumerateArray().Select(b => b.GetString()).ToArray();
                Assert.Equal(blocks.Length, paths.Count);
                for (int i = 0; i < blocks.Length; i++)
                {
                    var leafVersion = Convert.FromHexString(blocks[i]!)[0] & 0xfe;
                    Assert.Equal(blocks[i], Convert.ToHexStringLower(TaprootTree.ControlBlock((byte)leafVersion, parityOdd, internalKey.ToBytes(), paths[i])));
                }
            }

            count++;
        }

        Assert.Equal(7, count);
    }

    [VectorFact(BitcoinJsTx)]
    public void BitcoinJsFixtures_HashForSignature_WitnessV0_AndTaproot()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(BitcoinJsTx));
        foreach (var f in doc.RootElement.GetProperty("hashForSignature").EnumerateArray())
        {
            var tx = Transaction.Parse(Convert.FromHexString(f.GetProperty("txHex").GetString()!));
            var script = ScriptAsm.Parse(f.GetProperty("script").GetString()!, AsmDialect.BitcoinJs);
            var hash = SignatureHash.Legacy(tx, f.GetProperty("inIndex").GetInt32(), script, (uint)f.GetProperty("type").GetInt32());
            string expected = f.GetProperty("hash").GetString()!;

            // bitcoinjs hashes are raw digests, except its "ONE" (SIGHASH_SINGLE bug / bad index) which it writes big-endian.
            string actual = expected == "0000000000000000000000000000000000000000000000000000000000000001" ? hash.ToString() : hash.ToInternalHex();
            Assert.Equal(expected, actual);
        }

        foreach (var f in doc.RootElement.GetProperty("hashForWitnessV0").EnumerateArray())
        {
            var tx = Transaction.Parse(Convert.FromHexString(f.GetProperty("txHex").GetString()!));
            var script = ScriptAsm.Parse(f.GetProperty("script").GetString()!, AsmDialect.BitcoinJs);
            var hash = SignatureHash.WitnessV0(tx, f.GetProperty("inIndex").GetInt32(), script, f.GetProperty("value").GetInt64(), (uint)f.GetProperty("type").GetInt32());
            Assert.Equal(f.GetProperty("hash").GetString(), hash.ToInternalHex());
        }

        int taproot = 0;
        foreach (var f in doc.RootElement.GetProperty("taprootSigning").EnumerateArray())
        {
            var tx = Transaction.Parse(Convert.FromHexString(f.GetProperty("txHex").GetString()!));
            var spent = f.GetProperty("utxos").EnumerateArray()
                .Select(u => new TxOut(u.GetProperty("value").GetInt64(), Convert.FromHexString(u.GetProperty("scriptHex").GetString()!)))
                .ToList();
            var precomputed = new PrecomputedTransactionData(tx, spent);
            foreach (var c in f.GetProperty("cases").EnumerateArray())
            {
                var hashType = (SigHashType)Convert.FromHexString(c.GetProperty("typeHex").GetString()!)[0];
                var hash = SignatureHash.Taproot(precomputed, c.GetProperty("vin").GetInt32(), hashType);
                Assert.Equal(c.GetProperty("hash").GetString(), Convert.ToHexStringLower(hash));
                taproot++;
            }
        }

        Assert.Equal(7, taproot);
    }

    [Fact]
    public void Taproot_RejectsUndefinedHashTypeAndSingleWithoutOutput()
    {
        var tx = new Transaction(2, [new TxIn(new OutPoint(Hash256.Zero, 0), [], 0), new TxIn(new OutPoint(Hash256.Zero, 1), [], 0)], [new TxOut(1, [0x51])], 0);
        var spent = new[] { new TxOut(5, ScriptTemplates.PayToTaproot(new byte[32])), new TxOut(6, ScriptTemplates.PayToTaproot(new byte[32])) };
        var p = new PrecomputedTransactionData(tx, spent);
        Assert.Throws<SigningException>(() => SignatureHash.Taproot(p, 0, (SigHashType)0x04));
        Assert.Throws<SigningException>(() => SignatureHash.Taproot(p, 0, (SigHashType)0x80));
        Assert.Throws<SigningException>(() => SignatureHash.Taproot(p, 1, SigHashType.Single));
        Assert.Throws<SigningException>(() => SignatureHash.Taproot(new PrecomputedTransactionData(tx), 0, SigHashType.Default));
        SignatureHash.Taproot(p, 0, SigHashType.Single);
    }

    [Fact]
    public void Taproot_ScriptPathAndAnnex_ChangeTheMessageLayout()
    {
        var tx = new Transaction(2, [new TxIn(new OutPoint(Hash256.Zero, 0), [], 0)], [new TxOut(1, [0x51])], 0);
        var p = new PrecomputedTransactionData(tx, [new TxOut(5, ScriptTemplates.PayToTaproot(new byte[32]))]);
        var keyPath = SignatureHash.TaprootSignatureMessage(p, 0, SigHashType.Default);
        var leaf = TaprootTree.LeafHash(TaprootTree.TapscriptLeafVersion, [0x51]);
        var scriptPath = SignatureHash.TaprootSignatureMessage(p, 0, SigHashType.Default, default, leaf, 7);
        Assert.Equal(keyPath.Length + 37, scriptPath.Length);
        Assert.Equal(2, scriptPath[keyPath.Length - 5]); // spend_type: ext_flag = 1, no annex
        Assert.Equal(leaf, scriptPath[^37..^5]);
        Assert.Equal(0, scriptPath[^5]);
        Assert.Equal([7, 0, 0, 0], scriptPath[^4..]);
        var withAnnex = SignatureHash.TaprootSignatureMessage(p, 0, SigHashType.Default, [0x50, 1, 2]);
        Assert.Equal(keyPath.Length + 32, withAnnex.Length);
        Assert.Equal(1, withAnnex[keyPath.Length - 5]);
        Assert.Equal(Sha256.Hash([3, 0x50, 1, 2]), withAnnex[^32..]);
    }

    // Depth-first over the JSON tree: leaves in order, each with its path (siblings from the leaf up); returns the node hash.
    private static byte[] Walk(JsonElement node, List<byte[]> leafHashes, List<List<byte[]>> paths)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            var hash = TaprootTree.LeafHash((byte)node.GetProperty("leafVersion").GetInt32(), Convert.FromHexString(node.GetProperty("script").GetString()!));
            leafHashes.Add(hash);
            paths.Add([]);
            return hash;
        }

        int leftStart = paths.Count;
        var left = Walk(node[0], leafHashes, paths);
        int rightStart = paths.Count;
        var right = Walk(node[1], leafHashes, paths);
        for (int i = leftStart; i < rightStart; i++)
        {
            paths[i].Add(right);
        }

        for (int i = rightStart; i < paths.Count; i++)
        {
            paths[i].Add(left);
        }

        return TaprootTree.BranchHash(left, right);
    }
}
