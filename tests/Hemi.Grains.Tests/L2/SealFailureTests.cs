using System.Numerics;
using Hemi.Ethereum;
using Hemi.Grains.L2;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Tests.L2;

public sealed class SealFailureTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    [Fact]
    public async Task FailedBlockWrite_AcknowledgesNothing_AndTheNextSealAppliesEachTransactionOnce()
    {
        FailingObjectStore? failing = null;
        await using var harness = await L2Harness.StartAsync(wrapStore: s => failing = new FailingObjectStore(s));
        await harness.Sequencer.StartAsync();
        var hash = await harness.SendAsync(harness.Transfer(0, Recipient, 1_000, 0));

        failing!.FailNext(1);
        await Assert.ThrowsAsync<GrainStorageException>(() => harness.Sequencer.SealBlockAsync());
        Assert.Equal(0ul, (await harness.Sequencer.GetHeadAsync()).Number);
        Assert.True((await harness.Sequencer.GetTransactionLocationAsync(hash))!.IsPending);
        Assert.Equal(BigInteger.Zero, (await harness.Sequencer.GetAccountAsync(Recipient, null)).Balance);
        Assert.Equal(0ul, (await harness.Sequencer.GetAccountAsync(harness.AddressOf(0), null)).Nonce);

        var head = await harness.Sequencer.SealBlockAsync();
        Assert.Equal(1ul, head.Number);
        Assert.Equal(new BigInteger(1_000), (await harness.Sequencer.GetAccountAsync(Recipient, null)).Balance);
        Assert.Equal(1ul, (await harness.Sequencer.GetAccountAsync(harness.AddressOf(0), null)).Nonce);
        Assert.Equal(1ul, (await harness.Sequencer.GetTransactionLocationAsync(hash))!.BlockNumber);

        // The live state after the failure is the one a rebuild from storage gives.
        var root = (await harness.Grains.GetGrain<IBlockGrain>(1).GetBlockAsync())!.Header.StateRoot;
        await harness.RestartAsync();
        Assert.Equal(head, await harness.Sequencer.GetHeadAsync());
        Assert.Equal(root, (await harness.Grains.GetGrain<IBlockGrain>(1).GetBlockAsync())!.Header.StateRoot);
    }
}
