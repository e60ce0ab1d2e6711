using System.Text.Json;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Tests.Transactions;

public sealed class TransactionVectorTests
{
    [VectorFact("bitcoinjs-lib/transaction.json")]
    public void Parse_MatchesBitcoinjsValidTransactions()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText("bitcoinjs-lib/transaction.json"));
        var count = 0;
        foreach (var item in doc.RootElement.GetProperty("valid").EnumerateArray())
        {
            var hex = item.GetProperty("hex").GetString()!;
            var whex = item.TryGetProperty("whex", out var w) ? w.GetString() : null;
            var full = string.IsNullOrEmpty(whex) ? hex : whex;
            var tx = Transaction.ParseHex(full);

            Assert.Equal(item.GetProperty("id").GetString(), tx.GetTxId().ToString());
            Assert.Equal(item.GetProperty("hash").GetString(), tx.GetTxId().ToInternalHex());
            Assert.Equal(item.GetProperty("weight").GetInt32(), tx.Weight);
            Assert.Equal(item.GetProperty("virtualSize").GetInt32(), tx.VirtualSize);
            Assert.Equal(item.GetProperty("coinbase").GetBoolean(), tx.IsCoinbase);
            Assert.Equal(full, tx.ToHex());
            Assert.Equal(full.Length / 2, tx.TotalSize);
            if (!string.IsNullOrEmpty(whex))
            {
                Assert.True(tx.HasWitness);
                Assert.Equal(hex, tx.ToHex(includeWitness: false));
                Assert.Equal(hex.Length / 2, tx.BaseSize);
                Assert.Equal(Hash256.DoubleSha256(Convert.FromHexString(whex)), tx.GetWitnessTxId());
            }

            var raw = item.GetProperty("raw");
            Assert.Equal(raw.GetProperty("version").GetInt32(), tx.Version);
            Assert.Equal(raw.GetProperty("locktime").GetUInt32(), tx.LockTime);
            Assert.Equal(raw.GetProperty("ins").GetArrayLength(), tx.Inputs.Count);
            Assert.Equal(raw.GetProperty("outs").GetArrayLength(), tx.Outputs.Count);
            var i = 0;
            foreach (var input in raw.GetProperty("ins").EnumerateArray())
            {
                Assert.Equal(input.GetProperty("hash").GetString(), tx.Inputs[i].PrevOut.TxId.ToInternalHex());
                Assert.Equal(input.GetProperty("index").GetUInt32(), tx.Inputs[i].PrevOut.Index);
                i++;
            }

            count++;
        }

        Assert.Equal(20, count);
    }

    [VectorFact("bitcoinjs-lib/transaction.json")]
    public void Parse_RejectsBitcoinjsInvalidBuffers()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText("bitcoinjs-lib/transaction.json"));
        foreach (var item in doc.RootElement.GetProperty("invalid").GetProperty("fromBuffer").EnumerateArray())
        {
            Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex(item.GetProperty("hex").GetString()!));
        }
    }

    [VectorFact("bitcoin-core/tx_valid.json")]
    public void CoreValidTransactions_ParseRoundTripAndPassBasicChecks()
    {
        var count = 0;
        foreach (var (hex, _) in ReadCoreCases("bitcoin-core/tx_valid.json"))
        {
            var tx = Transaction.ParseHex(hex);
            Assert.Equal(hex, tx.ToHex(), ignoreCase: true);
            Assert.Equal(TransactionError.None, tx.CheckBasic());
            count++;
        }

        Assert.True(count > 100);
    }

    [VectorFact("bitcoin-core/tx_invalid.json")]
    public void CoreInvalidTransactions_BadTxCasesFailParsingOrBasicChecks()
    {
        var badTx = 0;
        var parsed = 0;
        foreach (var (hex, flags) in ReadCoreCases("bitcoin-core/tx_invalid.json"))
        {
            Transaction? tx = null;
            try
            {
                tx = Transaction.ParseHex(hex);
                parsed++;
                Assert.Equal(hex, tx.ToHex(), ignoreCase: true);
            }
            catch (BitcoinFormatException)
            {
            }

            if (flags == "BADTX")
            {
                badTx++;
                Assert.True(tx is null || tx.CheckBasic() != TransactionError.None, $"BADTX case passed basic checks: {hex}");
            }
        }

        Assert.True(badTx >= 9);
        Assert.True(parsed > 70);
    }

    private static IEnumerable<(string Hex, string Flags)> ReadCoreCases(string path)
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(path));
        var cases = new List<(string, string)>();
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            if (row.GetArrayLength() >= 3 && row[0].ValueKind == JsonValueKind.Array)
            {
                cases.Add((row[1].GetString()!, row[2].GetString()!));
            }
        }

        return cases;
    }
}
