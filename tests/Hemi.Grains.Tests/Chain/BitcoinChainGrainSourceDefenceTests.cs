using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Node;
using Hemi.Grains.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hemi.Grains.Tests.Chain;

public sealed class BitcoinChainGrainSourceDefenceTests
{
    [Fact]
    public async Task RefreshAsync_RejectsAHeaderThatFailsValidation()
    {
        TamperingSource? source = null;
        await using var harness = await GrainsHarness.StartAsync(s => s.AddSingleton<IBitcoinSource>(sp =>
            source = new TamperingSource(sp.GetRequiredService<RegtestNode>())));
        // The harness registers the node as IBitcoinSource; the tampering wrapper (registered later) wins.
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
        var mined = await harness.MineAsync(1);
        source!.TamperHeader = h => h.Height != 102 ? h : Retargeted(h);

        await Assert.ThrowsAsync<HeaderValidationException>(() => harness.Chain.RefreshAsync());
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);

        source.TamperHeader = null;
        Assert.Equal(mined[0].ToString(), (await harness.Chain.RefreshAsync()).Hash);
    }

    [Fact]
    public async Task RefreshAsync_RejectsAHeaderWhoseClaimedHashIsNotItsOwn()
    {
        TamperingSource? source = null;
        await using var harness = await GrainsHarness.StartAsync(s => s.AddSingleton<IBitcoinSource>(sp =>
            source = new TamperingSource(sp.GetRequiredService<RegtestNode>())));
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
        await harness.MineAsync(1);
        source!.TamperHeader = h => h.Height != 102 ? h : h with { Hash = Hash256.Zero };

        await Assert.ThrowsAsync<InvalidDataException>(() => harness.Chain.RefreshAsync());
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
    }

    [Fact]
    public async Task RefreshAsync_RejectsGarbageBlockBytes()
    {
        TamperingSource? source = null;
        await using var harness = await GrainsHarness.StartAsync(s => s.AddSingleton<IBitcoinSource>(sp =>
            source = new TamperingSource(sp.GetRequiredService<RegtestNode>())));
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
        var mined = await harness.MineAsync(1);
        source!.TamperBlock = (hash, raw) => hash != mined[0] ? raw : raw[..(raw.Length / 2)];

        await Assert.ThrowsAsync<BitcoinFormatException>(() => harness.Chain.RefreshAsync());
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
    }

    [Fact]
    public async Task RefreshAsync_RejectsABlockWhoseTransactionsDoNotMatchTheHeader()
    {
        TamperingSource? source = null;
        await using var harness = await GrainsHarness.StartAsync(s => s.AddSingleton<IBitcoinSource>(sp =>
            source = new TamperingSource(sp.GetRequiredService<RegtestNode>())));
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);
        var keystone = GrainsHarness.Keystone(25);
        await harness.BroadcastAsync(await harness.BuildPopAsync(keystone));
        var mined = await harness.MineAsync(1);
        // Hide the PoP transaction: the header (and so the block hash) is unchanged, the merkle root no longer matches.
        source!.TamperBlock = (hash, raw) =>
        {
            if (hash != mined[0])
            {
                return raw;
            }

            var block = Block.Parse(raw);
            return new Block(block.Header, [block.Transactions[0]]).ToBytes();
        };

        await Assert.ThrowsAsync<InvalidDataException>(() => harness.Chain.RefreshAsync());
        Assert.Equal(101, (await harness.Chain.GetTipAsync()).Height);

        source.TamperBlock = null;
        await harness.Chain.RefreshAsync();
        Assert.NotNull(await harness.Chain.GetFirstPublicationAsync(GrainsHarness.HashOf(keystone)));
    }

    private static ChainHeader Retargeted(ChainHeader header)
    {
        var h = header.Header;
        var wrong = new BlockHeader(h.Version, h.PrevBlock, h.MerkleRoot, h.Time, 0x1d00ffff, h.Nonce);
        return header with { Header = wrong, Hash = wrong.GetHash() };
    }
}
