using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Accounts;

namespace Hemi.Grains.Tests.L2.Accounts;

public sealed class AccountHistoryTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B1");
    private static readonly Address Bystander = Address.Parse("0x00000000000000000000000000000000000000B2");

    [Fact]
    public async Task History_SurvivesARestart_AndCatchesUpBlocksSealedWhileNoUpdateWasPushed()
    {
        var push = true;
        await using var harness = await L2Harness.StartAsync(o => o.PushAccountUpdates = push);
        var first = await harness.SendAsync(harness.Transfer(0, Recipient, 5, 0));
        var sealedFirst = await harness.Sequencer.SealBlockAsync();
        var account = harness.Grains.GetGrain<IAccountGrain>(Recipient.ToLowerHexString());
        await WaitForHistoryAsync(account, sealedFirst.Number, 1);

        // After the restart nothing is pushed any more: the second transfer reaches the history only by catch-up.
        push = false;
        await harness.RestartAsync();
        var second = await harness.SendAsync(harness.Transfer(1, Recipient, 7, 0));
        await harness.Sequencer.SealBlockAsync();
        await harness.SendAsync(harness.Transfer(2, Bystander, 9, 0));
        var head = await harness.Sequencer.SealBlockAsync();

        account = harness.Grains.GetGrain<IAccountGrain>(Recipient.ToLowerHexString());
        var history = await account.GetHistoryAsync(0, 10);
        Assert.Equal([second, first], history.Select(e => e.TransactionHash));
        Assert.Equal([new BigInteger(7), new BigInteger(5)], history.Select(e => e.Value));
        var view = await account.GetAsync();
        Assert.Equal(new BigInteger(12), view.Balance);
        Assert.Equal(head.Number, view.LastAppliedBlock);
    }

    [Fact]
    public async Task Restart_RepushesReplayedBlocks_ToAccountsThatNeverSawThem()
    {
        var push = false;
        await using var harness = await L2Harness.StartAsync(o => o.PushAccountUpdates = push);
        var hash = await harness.SendAsync(harness.Transfer(0, Bystander, 3, 0));
        var sealedBlock = await harness.Sequencer.SealBlockAsync();

        // Block 1 was never pushed (as if the silo died right after writing it); the sequencer replays it on restart.
        push = true;
        await harness.RestartAsync();
        await harness.Sequencer.GetHeadAsync();

        var account = harness.Grains.GetGrain<IAccountGrain>(Bystander.ToLowerHexString());
        await WaitForHistoryAsync(account, sealedBlock.Number, 1);
        Assert.Equal(hash, Assert.Single(await account.GetHistoryAsync(0, 10)).TransactionHash);
    }

    [Fact]
    public void StoredEntry_RoundTrips_AndGarbageFieldsThrowOnlyFormatException()
    {
        var entry = new AccountTransactionEntry(new Hash32(Hemi.Crypto.Keccak256.Hash("x"u8)), 42, 3, Recipient, null, BigInteger.Pow(10, 30), true);
        Assert.Equal(entry, StoredAccountTransaction.Of(entry).ToEntry());

        Prop.ForAll(
            ArbMap.Default.ArbFor<string>(),
            ArbMap.Default.ArbFor<int>(),
            (text, index) =>
            {
                var stored = new StoredAccountTransaction(text, 1, index, text, text, text, false);
                try
                {
                    stored.ToEntry();
                    return text is not null && index >= 0;
                }
                catch (FormatException)
                {
                    return true;
                }
            }).QuickCheckThrowOnFailure();
    }

    private static async Task WaitForHistoryAsync(IAccountGrain account, ulong block, int count)
    {
        // Updates are pushed one-way after the seal; 20 s only bounds a broken push.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var view = await account.GetAsync();
            if (view.LastAppliedBlock >= block && view.TransactionCount >= count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The account grain never saw block {block} ({view.TransactionCount} entries).");
            }

            await Task.Delay(50);
        }
    }
}
