using System.Text.Json;
using Hemi.Bitcoin.Scripts;
using Hemi.Bitcoin.Signing;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Bitcoin.Tests.Signing;

/// <summary>Real signatures from Bitcoin Core's tx_valid.json: every P2PKH and P2WPKH input's signature verifies against our signature hash.</summary>
public sealed class TxValidSignatureTests
{
    private const string TxValid = "bitcoin-core/tx_valid.json";

    [VectorFact(TxValid)]
    public void P2pkhAndP2wpkhInputs_VerifyWithOurSignatureHashes()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(TxValid));
        int legacy = 0, witness = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            if (row[0].ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var tx = Transaction.Parse(Convert.FromHexString(row[1].GetString()!));
            var prevouts = row[0].EnumerateArray().ToList();
            for (int i = 0; i < tx.Inputs.Count; i++)
            {
                var input = tx.Inputs[i];
                var prevout = prevouts.First(p =>
                    Hash256.Parse(p[0].GetString()!) == input.PrevOut.TxId && unchecked((uint)p[1].GetInt64()) == input.PrevOut.Index);
                var script = ScriptAsm.Parse(prevout[2].GetString()!, AsmDialect.BitcoinCore);
                switch (ScriptTemplates.Classify(script))
                {
                    case ScriptPubKeyType.PayToPubKeyHash:
                    {
                        var pushes = Script.FromOwnedBytes(input.ScriptSig).Ops.ToList();
                        if (pushes.Count != 2 || !pushes.All(p => p.IsPush))
                        {
                            continue;
                        }

                        var sig = pushes[0].Data.ToArray();
                        var pub = pushes[1].Data.ToArray();
                        Assert.Equal(script.AsSpan(3, 20).ToArray(), Hash160.Hash(pub));
                        var sighash = SignatureHash.Legacy(tx, i, script, sig[^1]);
                        Assert.True(Ecdsa.VerifyDer(PublicKey.Parse(pub), sighash.AsSpan(), sig.AsSpan(0, sig.Length - 1), DerParsing.Lax), $"{tx.GetTxId()} input {i}");
                        legacy++;
                        break;
                    }

                    case ScriptPubKeyType.PayToWitnessPubKeyHash when input.Witness.Count == 2:
                    {
                        long amount = prevout.GetArrayLength() > 3 ? prevout[3].GetInt64() : 0;
                        var sig = input.Witness[0];
                        var pub = input.Witness[1];
                        var scriptCode = ScriptTemplates.PayToPubKeyHash(script.AsSpan(2, 20));
                        var sighash = SignatureHash.WitnessV0(tx, i, scriptCode, amount, sig[^1]);
                        Assert.True(Ecdsa.VerifyDer(PublicKey.Parse(pub), sighash.AsSpan(), sig.AsSpan(0, sig.Length - 1), DerParsing.Lax), $"{tx.GetTxId()} input {i}");
                        witness++;
                        break;
                    }
                }
            }
        }

        Assert.True(legacy >= 15 && witness >= 15, $"{legacy} legacy, {witness} witness signatures checked");
    }
}
