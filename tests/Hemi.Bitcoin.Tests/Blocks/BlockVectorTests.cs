using System.Text.Json;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Tests.Blocks;

public sealed class BlockVectorTests
{
    private static void AssertReserializes(Block block, byte[] raw)
    {
        Assert.Equal(raw, block.ToBytes());
        var offset = BlockHeader.Size + CompactSize.GetSize((ulong)block.Transactions.Count);
        foreach (var tx in block.Transactions)
        {
            var bytes = tx.ToBytes();
            Assert.True(raw.AsSpan(offset, bytes.Length).SequenceEqual(bytes));
            offset += bytes.Length;
        }

        Assert.Equal(raw.Length, offset);
    }

    [VectorFact("bitcoin-blocks/block413567.raw")]
    public void Block413567_HashMerkleRootAndRoundTrip()
    {
        var raw = TestVectors.ReadAllBytes("bitcoin-blocks/block413567.raw");
        var block = Block.Parse(raw);
        Assert.Equal("0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069", block.GetHash().ToString());
        Assert.Equal(1557, block.Transactions.Count);
        Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot(out var mutated));
        Assert.False(mutated);
        Assert.True(block.Transactions[0].IsCoinbase);
        Assert.Equal(413567, block.GetBip34Height());
        Assert.Null(block.GetWitnessCommitment());
        Assert.True(block.CheckWitnessCommitment());
        AssertReserializes(block, raw);
        foreach (var tx in block.Transactions)
        {
            Assert.Equal(TransactionError.None, tx.CheckBasic());
        }
    }

    [VectorFact("bitcoin-blocks/0830000.bin")]
    public void Block830000_MerkleRootAndWitnessCommitment()
    {
        var raw = TestVectors.ReadAllBytes("bitcoin-blocks/0830000.bin");
        var block = Block.Parse(raw);
        Assert.Equal("000000000000000000011d55599ed27d7efca05f5849b755319c89eb2cffbc1f", block.GetHash().ToString());
        Assert.Equal(1851, block.Transactions.Count);
        Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
        Assert.NotNull(block.GetWitnessCommitment());
        Assert.True(block.CheckWitnessCommitment());
        Assert.Equal(830000, block.GetBip34Height());
        Assert.True(block.Weight <= 4_000_000);
        AssertReserializes(block, raw);
        Assert.True(Target.CheckProofOfWork(block.GetHash(), block.Header.Bits, Network.Mainnet));

        // Tampering with any witness breaks the commitment but not the txid merkle root.
        var victim = -1;
        for (var i = 1; i < block.Transactions.Count && victim < 0; i++)
        {
            if (block.Transactions[i].HasWitness)
            {
                victim = i;
            }
        }

        var txs = block.Transactions.ToList();
        var original = txs[victim];
        var inputs = original.Inputs.Select(input => input.HasWitness ? input.WithWitness([[0x01], .. input.Witness]) : input).ToList();
        txs[victim] = new Transaction(original.Version, inputs, original.Outputs, original.LockTime);
        var tampered = new Block(block.Header, txs);
        Assert.Equal(block.Header.MerkleRoot, tampered.ComputeMerkleRoot());
        Assert.False(tampered.CheckWitnessCommitment());
    }

    [VectorTheory("bitcoin-blocks/bitcoin_testnet4_40000.json", "bitcoin-blocks/bitcoin_signet_31500.json")]
    [InlineData("bitcoin-blocks/bitcoin_testnet4_40000.json", NetworkKind.Testnet4)]
    [InlineData("bitcoin-blocks/bitcoin_signet_31500.json", NetworkKind.Signet)]
    public void RpcJsonBlocks_MatchHashMerkleRootAndTxids(string file, NetworkKind kind)
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(file));
        var json = doc.RootElement;
        var raw = Convert.FromHexString(json.GetProperty("block").GetString()!);
        var block = Block.Parse(raw);
        Assert.Equal(json.GetProperty("hash").GetString(), block.GetHash().ToString());
        Assert.Equal(json.GetProperty("merkleroot").GetString(), block.Header.MerkleRoot.ToString());
        Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
        Assert.Equal(json.GetProperty("previousblockhash").GetString(), block.Header.PrevBlock.ToString());
        Assert.Equal(json.GetProperty("bits").GetString(), block.Header.Bits.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ReadInt(json.GetProperty("size")), raw.Length);
        Assert.Equal(json.GetProperty("tx").EnumerateArray().Select(t => t.GetString()), block.Transactions.Select(t => t.GetTxId().ToString()));
        Assert.Equal(ReadInt(json.GetProperty("height")), block.GetBip34Height());
        Assert.True(block.CheckWitnessCommitment());
        Assert.True(Target.CheckProofOfWork(block.GetHash(), block.Header.Bits, Network.Get(kind)));
        AssertReserializes(block, raw);
    }

    [VectorFact("bitcoin-core/blockfilters.json")]
    public void Testnet3BlocksFromBlockFilterVectors_MatchHashAndMerkleRoot()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText("bitcoin-core/blockfilters.json"));
        var count = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            if (row.GetArrayLength() < 3 || row[0].ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            var raw = Convert.FromHexString(row[2].GetString()!);
            var block = Block.Parse(raw);
            Assert.Equal(row[1].GetString(), block.GetHash().ToString());
            Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
            Assert.True(block.CheckWitnessCommitment());
            Assert.True(Target.CheckProofOfWork(block.GetHash(), block.Header.Bits, Network.Testnet3));
            AssertReserializes(block, raw);
            count++;
        }

        Assert.True(count >= 10);
    }

    [VectorFact("bitcoinjs-lib/block.json")]
    public void BitcoinjsBlocks_MatchIdsMerkleRootsAndWitnessCommit()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText("bitcoinjs-lib/block.json"));
        var full = 0;
        foreach (var item in doc.RootElement.GetProperty("valid").EnumerateArray())
        {
            var hex = item.GetProperty("hex").GetString()!;
            if (hex.Length == 160)
            {
                continue;
            }

            var raw = Convert.FromHexString(hex);
            var block = Block.Parse(raw);
            Assert.Equal(item.GetProperty("id").GetString(), block.GetHash().ToString());
            Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
            if (item.TryGetProperty("witnessCommit", out var commit))
            {
                Assert.Equal(commit.GetString(), block.GetWitnessCommitment()!.Value.ToInternalHex());
                Assert.True(block.CheckWitnessCommitment());
                Assert.Equal(item.GetProperty("weight").GetInt32(), block.Weight);
                Assert.Equal(item.GetProperty("strippedSize").GetInt32(), block.ToBytes(includeWitness: false).Length);
                Assert.Equal(item.GetProperty("size").GetInt32(), raw.Length);
            }

            AssertReserializes(block, raw);
            full++;
        }

        Assert.True(full >= 4);
    }

    [VectorFact("hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex")]
    public void HemiTestnet3Block_3478Transactions_MerkleRootMatches()
    {
        var raw = Convert.FromHexString(TestVectors.ReadText("hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex").Trim());
        var block = Block.Parse(raw);
        Assert.Equal("0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8", block.GetHash().ToString());
        Assert.Equal(3478, block.Transactions.Count);
        Assert.Equal(block.Header.MerkleRoot, block.ComputeMerkleRoot());
        Assert.Equal(3802508, block.GetBip34Height());
        Assert.True(block.CheckWitnessCommitment());
        AssertReserializes(block, raw);
    }

    private static long ReadInt(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? e.GetInt64() : long.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
