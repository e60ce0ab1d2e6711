using System.Diagnostics;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Transactions;
using Hemi.Crypto;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Pop;

public sealed class RealTestnetPopTests
{
    private const string Block3802508 = "hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex";

    // Block 3802508 tx #1 (hemi-protocol.md §6.3), quoted from the spec.
    private const string PopTxHex =
        "02000000014d6488a9a660c0ee9f56316864dc24c1f80e71ab410fff1a898a45a86b963f12000000006a47304402204263ac96f1e416101395cf12465d5e00e30bc3494bd9edbafd9e10848ea819e202204b855de035e814962abf2cba6fabb6277de8d6dedef114c9a04d8c447250c181012102e730d9295a286edceb8d1f11d650bc3880b9ca6e321cbc23791b7eb2e3c9dafbffffffff029c4b6600000000001976a91441f4bb941bc5cbb104379f3813beed9d47d9bead88ac0000000000000000536a4c5048454d49010075cf9b002831bfa132ab03b954874d9515f4d5141f39022b7382f04df2defb29e4ff1b58eb5af0fc9192dcbcda6f1b6f21e9c47d97953fa8f7d7551deeaa7a1c0a2340624eebff6b5cbc8b053a00";

    [Fact]
    public void Scan_RealPopTransaction_YieldsKeystoneAndRewardAddress()
    {
        var tx = Transaction.Parse(Hex.Decode(PopTxHex));

        var publication = Assert.Single(PopScanner.Scan(tx, 1));

        Assert.Equal("3b86ff14a739baf19a8cfa96c3e360757c9556564693794beaaa87bff88fe328", publication.TxId.ToString());
        Assert.Equal(1, publication.OutputIndex);
        var keystone = publication.Keystone;
        Assert.Equal(1, keystone.Version);
        Assert.Equal(7720859u, keystone.L1BlockNumber);
        Assert.Equal(2634175u, keystone.L2BlockNumber);
        Assert.Equal("a132ab03b954874d9515f4", Hex.Encode(keystone.ParentEPHash));
        Assert.Equal("d5141f39022b7382f04df2de", Hex.Encode(keystone.PrevKeystoneEPHash));
        Assert.Equal("fb29e4ff1b58eb5af0fc9192dcbcda6f1b6f21e9c47d97953fa8f7d7551deeaa", Hex.Encode(keystone.StateRoot));
        Assert.Equal("7a1c0a2340624eebff6b5cbc", Hex.Encode(keystone.EPHash));
        Assert.Equal("1531758580cb7114137d618bc4f4035f1820d0f24b7f4cc3bd4f85d386b2dcc2", publication.KeystoneHash.ToString());
        Assert.Equal("0xd5115a20f25da7e9740e4fe6feeb151e90e277d6", publication.RewardAddress?.ToString().ToLowerInvariant());
    }

    [Fact]
    public void RewardAddress_RejectsSeventyByteSignaturePush()
    {
        var tx = Transaction.Parse(Hex.Decode(PopTxHex));
        var scriptSig = tx.Inputs[0].ScriptSig.ToArray();
        Assert.NotNull(PopRewardAddress.TryGetAddress(scriptSig));

        // Same key, but the signature push is declared as 70 bytes: upstream rejects it, so do we.
        var shortened = new byte[scriptSig.Length - 1];
        shortened[0] = 0x46;
        scriptSig.AsSpan(2, scriptSig.Length - 2).CopyTo(shortened.AsSpan(1));
        Assert.Null(PopRewardAddress.TryGetAddress(shortened));
        Assert.Null(PopRewardAddress.TryGetAddress([]));
        Assert.Null(PopRewardAddress.TryGetAddress(scriptSig.AsSpan(0, 40)));
    }

    [VectorFact(Block3802508)]
    public void Scan_TestnetBlock3802508_Finds3448PopOutputs()
    {
        var raw = Hex.Decode(TestVectors.ReadAllText(Block3802508).Trim());
        var stopwatch = Stopwatch.StartNew();
        var block = Block.Parse(raw);
        var publications = PopScanner.Scan(block);
        stopwatch.Stop();

        Assert.Equal("0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8", block.Header.GetHash().ToString());
        Assert.Equal(3478, block.Transactions.Count);
        Assert.Equal(3448, publications.Count);
        Assert.Equal(316, publications.Select(p => p.KeystoneHash).Distinct().Count());
        Assert.All(publications, p => Assert.Equal(0, (int)(p.Keystone.L2BlockNumber % 25)));
        Assert.All(publications, p => Assert.NotEqual(0, p.TransactionIndex));

        var known = Assert.Single(publications, p => p.TxId.ToString() == "3b86ff14a739baf19a8cfa96c3e360757c9556564693794beaaa87bff88fe328");
        Assert.Equal(2634175u, known.Keystone.L2BlockNumber);
        Assert.Equal("0xd5115a20f25da7e9740e4fe6feeb151e90e277d6", known.RewardAddress?.ToString().ToLowerInvariant());
    }
}
