using System.Numerics;
using Hemi.Bitcoin.Building;
using Hemi.Bitcoin.Node;
using Hemi.Ethereum;
using Hemi.Grains.Keystones;
using Hemi.Grains.L2;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Pop;

namespace Hemi.Grains.Tests.L2;

public sealed class PopPayoutTests
{
    [Fact]
    public async Task PublishedKeystone_IsPaidInBlockKPlusDelay_ToTheRewardAddress()
    {
        await using var harness = await L2Harness.StartAsync(o => o.PopPayoutDelay = 25, bitcoinBlocks: 101);
        await harness.Sequencer.StartAsync();
        await harness.Chain.RefreshAsync();
        for (var i = 0; i < 25; i++)
        {
            await harness.Sequencer.SealBlockAsync();
        }

        var registry = harness.Grains.GetGrain<IKeystoneRegistryGrain>(new KeystoneGrainOptions().RegistryKey);
        var keystone = Assert.Single(await registry.GetLatestAsync(5));
        Assert.Equal(25u, keystone.L2BlockNumber);

        // The miner (key 0) publishes keystone 25 on Bitcoin.
        var utxos = await harness.Node.GetUtxosAsync(harness.MinerScript);
        var tip = await harness.Node.GetTipAsync();
        var coins = utxos.Where(u => !u.IsCoinbase || tip.Height + 1 - u.Height >= RegtestNode.CoinbaseMaturity).Select(u => u.ToCoin()).ToArray();
        var pop = PopTransactionFactory.Create(harness.Keys[0], keystone.Abbreviate(), coins, FeeRate.FromSatoshisPerVbyte(2), (uint)tip.Height).Transaction;
        Assert.True((await harness.Node.BroadcastAsync(pop)).Accepted);
        await harness.Node.GenerateToAddressAsync(1, harness.MinerScript);
        await harness.Chain.RefreshAsync();
        var publication = Assert.Single(await harness.Chain.GetPublicationsAsync(keystone.Abbreviate().GetHash().ToString()));
        var reward = Address.Parse(publication.RewardAddress!);

        for (var i = 26; i <= 50; i++)
        {
            var head = await harness.Sequencer.SealBlockAsync();
            var block = (await harness.Grains.GetGrain<IBlockGrain>((long)head.Number).GetBlockAsync())!;
            Assert.IsType<BitcoinAttributesTransaction>(block.Transactions[0]);
            if (head.Number < 50)
            {
                Assert.DoesNotContain(block.Transactions, t => t is PopPayoutTransaction);
                continue;
            }

            var payout = Assert.IsType<PopPayoutTransaction>(block.Transactions[1]);
            var call = payout.DecodeCall();
            Assert.Equal(25ul, call.BlockRewarded);
            Assert.Equal([reward], call.Miners);
            Assert.Equal([BigInteger.Pow(10, 18)], call.Amounts);
            Assert.True(block.Execution.Transactions[1].Receipt.Succeeded);
        }

        var balance = await harness.Sequencer.GetStorageAtAsync(NativeErc20.GovernanceToken.Address, NativeErc20.BalanceSlot(reward), null);
        Assert.Equal(BigInteger.Pow(10, 18), StorageSlots.ToInteger(balance));
    }
}
