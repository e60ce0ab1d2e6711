using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Ethereum;
using Hemi.Grains.Keystones;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Storage;
using Hemi.Grains.Runtime.Storage;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Grains.Tests.L2;

public sealed class SequencerGrainTests
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    [Fact]
    public async Task Transfers_AreSealedWithCorrectBalancesAndReceipts()
    {
        await using var harness = await L2Harness.StartAsync();
        var head0 = await harness.Sequencer.StartAsync();
        Assert.Equal(0ul, head0.Number);

        var hashes = new List<Hash32>
        {
            await harness.SendAsync(harness.Transfer(0, Recipient, 1_000, 0)),
            await harness.SendAsync(harness.Transfer(0, Recipient, 2_000, 1)),
            await harness.SendAsync(harness.Transfer(1, Recipient, 3_000, 0)),
        };
        foreach (var hash in hashes)
        {
            var pending = await harness.Sequencer.GetTransactionLocationAsync(hash);
            Assert.True(pending!.IsPending);
        }

        var head = await harness.Sequencer.SealBlockAsync();
        Assert.Equal(1ul, head.Number);

        var block = await harness.Grains.GetGrain<IBlockGrain>(1).GetBlockAsync();
        Assert.NotNull(block);
        Assert.Equal(head.Hash, block.Header.Hash);
        Assert.Equal(4, block.Transactions.Count);
        Assert.IsType<BitcoinAttributesTransaction>(block.Transactions[0]);
        Assert.All(block.Execution.Transactions.Skip(1), r => Assert.True(r.Receipt.Succeeded));
        Assert.Equal(3 * 21_000ul, block.Header.GasUsed);

        foreach (var hash in hashes)
        {
            var location = await harness.Sequencer.GetTransactionLocationAsync(hash);
            Assert.Equal(1ul, location!.BlockNumber);
            Assert.Equal(hash, block.Transactions[location.Index].Hash);
        }

        var recipient = await harness.Sequencer.GetAccountAsync(Recipient, null);
        Assert.Equal(new BigInteger(6_000), recipient.Balance);

        // Sender 0 paid value + gas at the effective price (base fee + tip, capped by the fee cap).
        var effectivePrice = block.Execution.Transactions[1].EffectiveGasPrice;
        Assert.Equal(block.Header.BaseFeePerGas!.Value + 1_000_000_000, effectivePrice);
        var sender = await harness.Sequencer.GetAccountAsync(harness.AddressOf(0), null);
        Assert.Equal(L2Harness.InitialBalance - 3_000 - (2 * 21_000 * effectivePrice), sender.Balance);
        Assert.Equal(2ul, sender.Nonce);

        // The state of block 0 is still readable.
        var before = await harness.Sequencer.GetAccountAsync(harness.AddressOf(0), 0);
        Assert.Equal(L2Harness.InitialBalance, before.Balance);
        await Assert.ThrowsAsync<StateUnavailableException>(() => harness.Sequencer.GetAccountAsync(Recipient, 5));
    }

    [Fact]
    public async Task Blocks_ChainByParentHash_WithTheBitcoinAttributesFirstAndTheTipAsMixHash()
    {
        await using var harness = await L2Harness.StartAsync();
        var previous = (await harness.Sequencer.StartAsync()).Hash;
        for (var i = 1; i <= 4; i++)
        {
            await harness.Node.GenerateToAddressAsync(1, harness.MinerScript);
            var tip = await harness.Chain.RefreshAsync();
            if (i % 2 == 0)
            {
                await harness.SendAsync(harness.Transfer(2, Recipient, 1, (ulong)(i / 2) - 1));
            }

            var head = await harness.Sequencer.SealBlockAsync();
            var block = (await harness.Grains.GetGrain<IBlockGrain>((long)head.Number).GetBlockAsync())!;
            Assert.Equal(previous, block.Header.ParentHash);
            Assert.Equal(L2TransactionType.BitcoinAttributes, L2TransactionTypeOf(block.Transactions[0]));
            Assert.True(block.Transactions.Skip(1).All(t => !t.IsSystem));
            var attributes = ((BitcoinAttributesTransaction)block.Transactions[0]).DecodeCall();
            Assert.Equal(Hash256.Parse(tip.Hash), attributes.CanonicalTip);
            Assert.Equal(new Hash32(Hash256.Parse(tip.Hash).ToInternalBytes()), block.Header.MixHash);
            Assert.NotEmpty(attributes.Headers);
            Assert.Equal(Hash256.Parse(tip.Hash), Hemi.Bitcoin.Headers.BlockHeader.Parse(attributes.Headers[^1]).GetHash());
            Assert.Equal(head.Number, await harness.Sequencer.GetBlockNumberAsync(head.Hash));
            previous = head.Hash;
        }

        // No new Bitcoin block: the next block repeats the tip with no headers.
        var quiet = await harness.Sequencer.SealBlockAsync();
        var quietBlock = (await harness.Grains.GetGrain<IBlockGrain>((long)quiet.Number).GetBlockAsync())!;
        Assert.Empty(((BitcoinAttributesTransaction)quietBlock.Transactions[0]).DecodeCall().Headers);
    }

    private static byte L2TransactionTypeOf(L2Transaction transaction) => transaction.TypeByte;

    [Fact]
    public async Task Keystones_Every25Blocks_ReachTheKeystoneGrain()
    {
        await using var harness = await L2Harness.StartAsync();
        await harness.Sequencer.StartAsync();
        await harness.Chain.RefreshAsync();
        ChainHead head = null!;
        for (var i = 0; i < 50; i++)
        {
            head = await harness.Sequencer.SealBlockAsync();
        }

        var block25 = (await harness.Grains.GetGrain<IBlockGrain>(25).GetBlockAsync())!;
        var block50 = (await harness.Grains.GetGrain<IBlockGrain>(50).GetBlockAsync())!;
        Assert.Equal(50ul, head.Number);

        var keystone25 = await KeystoneAt(harness, block25);
        Assert.Equal(25u, keystone25.L2BlockNumber);
        Assert.Equal(block25.Header.Hash.ToBytes(), keystone25.EPHash);
        Assert.Equal(block25.Header.StateRoot.ToBytes(), keystone25.StateRoot);
        Assert.Empty(keystone25.PrevKeystoneEPHash);

        var keystone50 = await KeystoneAt(harness, block50);
        Assert.Equal(block25.Header.Hash.ToBytes(), keystone50.PrevKeystoneEPHash);
        Assert.Equal(block50.Header.ParentHash.ToBytes(), keystone50.ParentEPHash);

        // No keystone in between.
        var registry = harness.Grains.GetGrain<IKeystoneRegistryGrain>(new KeystoneGrainOptions().RegistryKey);
        var latest = await registry.GetLatestAsync(10);
        Assert.Equal([50u, 25u], latest.Select(k => k.L2BlockNumber).OrderDescending().ToArray());
    }

    private static async Task<L2Keystone> KeystoneAt(L2Harness harness, Hemi.Protocol.L2.Assembly.SealedL2Block block)
    {
        var tipHeight = (int)(await harness.Node.GetTipAsync()).Height;
        var keystone = Hemi.Protocol.L2.Assembly.KeystoneBuilder.FromBlocks(
            block.Header,
            block.Header.Number >= 50 ? (await harness.Grains.GetGrain<IBlockGrain>((long)block.Header.Number - 25).GetBlockAsync())!.Header.Hash : null,
            (uint)tipHeight);
        var stored = await harness.Grains.GetGrain<IKeystoneGrain>(keystone.Abbreviate().GetHash().ToString()).GetKeystoneAsync();
        Assert.NotNull(stored);
        return stored;
    }

    [Fact]
    public async Task Submissions_AreRejectedWithTheRightReason()
    {
        await using var harness = await L2Harness.StartAsync();
        await harness.Sequencer.StartAsync();

        Assert.Equal(TransactionRejectionReason.WrongChainId, (await harness.RejectAsync(harness.Transfer(0, Recipient, 1, 0, chainId: 1))).Reason);

        var unfunded = Hemi.Crypto.Secp256k1.PrivateKey.FromBytes(Hemi.Crypto.Sha256.Hash("unfunded"u8));
        Assert.Equal(TransactionRejectionReason.InsufficientFunds, (await harness.RejectAsync(L2Harness.Transfer(unfunded, Recipient, 1, 0))).Reason);
        Assert.Equal(TransactionRejectionReason.InsufficientFunds, (await harness.RejectAsync(harness.Transfer(0, Recipient, L2Harness.InitialBalance, 0))).Reason);

        var head = await harness.Sequencer.GetHeadAsync();
        var low = harness.Transfer(0, Recipient, 1, 0, maxFee: head.NextBaseFee - 1, tip: 0);
        Assert.Equal(TransactionRejectionReason.FeeTooLow, (await harness.RejectAsync(low)).Reason);
        Assert.Equal(TransactionRejectionReason.IntrinsicGasTooLow, (await harness.RejectAsync(harness.Transfer(0, Recipient, 1, 0, gas: 20_999))).Reason);
        Assert.Equal(TransactionRejectionReason.GasLimitExceeded, (await harness.RejectAsync(harness.Transfer(0, Recipient, 1, 0, gas: 31_000_000, maxFee: 1_000_000_000, tip: 0))).Reason);
        Assert.Equal(TransactionRejectionReason.NonceTooHigh, (await harness.RejectAsync(harness.Transfer(0, Recipient, 1, 100))).Reason);

        Assert.Equal(TransactionRejectionReason.Malformed, (await harness.RejectAsync([0x02, 0xc0, 0x01])).Reason);
        Assert.Equal(TransactionRejectionReason.Malformed, (await harness.RejectAsync([])).Reason);
        Assert.Equal(TransactionRejectionReason.SystemTransaction, (await harness.RejectAsync(BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(Hash256.Zero, [])).Encode())).Reason);

        var unprotected = new Hemi.Ethereum.Transactions.LegacyTransaction { Nonce = 0, GasPrice = 10_000_000_000, GasLimit = 21_000, To = Recipient, Value = 1 }.Sign(harness.Keys[0]).Encode();
        Assert.Equal(TransactionRejectionReason.WrongChainId, (await harness.RejectAsync(unprotected)).Reason);

        var first = harness.Transfer(0, Recipient, 1, 0);
        await harness.SendAsync(first);
        Assert.Equal(TransactionRejectionReason.AlreadyKnown, (await harness.RejectAsync(first)).Reason);
        Assert.Equal(TransactionRejectionReason.FeeTooLow, (await harness.RejectAsync(harness.Transfer(0, Recipient, 2, 0))).Reason);
        await harness.Sequencer.SealBlockAsync();

        // Replays: the same bytes and a new transaction with the used nonce.
        Assert.Equal(TransactionRejectionReason.NonceTooLow, (await harness.RejectAsync(first)).Reason);
        Assert.Equal(TransactionRejectionReason.NonceTooLow, (await harness.RejectAsync(harness.Transfer(0, Recipient, 5, 0))).Reason);
        Assert.Equal(1ul, await harness.Sequencer.GetPendingNonceAsync(harness.AddressOf(0)));
    }

    [Fact]
    public async Task Sealing_OrdersByTipAndNonce_AndDropsTransactionsThatFailAtExecution()
    {
        await using var harness = await L2Harness.StartAsync();
        await harness.Sequencer.StartAsync();
        var cheap = await harness.SendAsync(harness.Transfer(1, Recipient, 1, 0, tip: 1));
        var rich0 = await harness.SendAsync(harness.Transfer(2, Recipient, 1, 0, tip: 5_000_000_000));
        var rich1 = await harness.SendAsync(harness.Transfer(2, Recipient, 1, 1, tip: 5_000_000_000));

        // Key 3 empties its account with nonce 0; its nonce 1 passed admission but cannot pay at execution.
        var gasCost = 21_000 * new BigInteger(10_000_000_000);
        var drain = await harness.SendAsync(harness.Transfer(3, Recipient, L2Harness.InitialBalance - gasCost - 1, 0, tip: 2_000_000_000));
        var doomed = await harness.SendAsync(harness.Transfer(3, Recipient, 1_000, 1, tip: 2_000_000_000));

        await harness.Sequencer.SealBlockAsync();
        var block = (await harness.Grains.GetGrain<IBlockGrain>(1).GetBlockAsync())!;
        var order = block.Transactions.Skip(1).Select(t => t.Hash).ToArray();
        Assert.Equal([rich0, rich1, drain, cheap], order);
        Assert.Null(await harness.Sequencer.GetTransactionLocationAsync(doomed));
        Assert.Null(await harness.Sequencer.GetPendingTransactionAsync(doomed));
    }

    [Fact]
    public async Task AccountGrain_ReadModel_FollowsSealedBlocksIdempotently()
    {
        await using var harness = await L2Harness.StartAsync();
        await harness.Sequencer.StartAsync();
        var hash = await harness.SendAsync(harness.Transfer(0, Recipient, 777, 0));
        var head = await harness.Sequencer.SealBlockAsync();

        var account = harness.Grains.GetGrain<IAccountGrain>(Recipient.ToLowerHexString());
        var view = await WaitForAsync(account, head.Number);
        Assert.Equal(new BigInteger(777), view.Balance);
        var history = await account.GetHistoryAsync(0, 10);
        Assert.Equal(hash, Assert.Single(history).TransactionHash);

        // A repeated or older update changes nothing.
        await account.ApplyBlockAsync(new AccountBlockUpdate(head.Number, head.Hash, 1, 9, history));
        Assert.Equal(new BigInteger(777), (await account.GetAsync()).Balance);
        Assert.Single(await account.GetHistoryAsync(0, 10));

        var sender = await WaitForAsync(harness.Grains.GetGrain<IAccountGrain>(harness.AddressOf(0).ToLowerHexString()), head.Number);
        Assert.Equal(1ul, sender.Nonce);
    }

    private static async Task<AccountView> WaitForAsync(IAccountGrain account, ulong block)
    {
        // The update is pushed one-way after the seal; 20 s only bounds a broken push (5 s was tight for a busy machine).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var view = await account.GetAsync();
            if (view.LastAppliedBlock >= block && view.TransactionCount > 0)
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The account grain never saw the block.");
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TwoActivations_OverOneStore_CannotBothWriteBlockN()
    {
        await using var harness = await L2Harness.StartAsync();
        var second = await harness.StartSiloAsync();
        var a = harness.Client(0).GetGrain<ISequencerGrain>((long)L2Harness.ChainId);
        var b = harness.Client(second).GetGrain<ISequencerGrain>((long)L2Harness.ChainId);
        Assert.Equal(0ul, (await a.StartAsync()).Number);
        Assert.Equal(0ul, (await b.StartAsync()).Number);

        await harness.SendAsync(harness.Transfer(0, Recipient, 1, 0));
        var sealedByA = await a.SealBlockAsync();
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => b.SealBlockAsync());

        var stored = SealedBlockCodec.Decode((await harness.Store.GetAsync(L2ObjectKeys.Block(L2Harness.ChainId, 1)))!);
        Assert.Equal(sealedByA.Hash, stored.Header.Hash);
        Assert.Null(await harness.Store.GetAsync(L2ObjectKeys.Block(L2Harness.ChainId, 2)));
    }

    [Fact]
    public async Task Restart_OverFileStorage_ContinuesFromTheLastSealedBlock()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 4, files: true);
        await harness.Sequencer.StartAsync();
        var sealedHashes = new List<Hash32>();
        for (ulong i = 0; i < 6; i++)
        {
            sealedHashes.Add(await harness.SendAsync(harness.Transfer((int)(i % 3), Recipient, 100 + i, i / 3)));
            await harness.Sequencer.SealBlockAsync();
        }

        var pendingLost = await harness.SendAsync(harness.Transfer(3, Recipient, 1, 0));
        var head = await harness.Sequencer.GetHeadAsync();
        var proof = await harness.Sequencer.GetProofAsync(Recipient, [], null);
        var balances = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => harness.Sequencer.GetAccountAsync(harness.AddressOf(i), null)));

        await harness.RestartAsync();
        var restarted = await harness.Sequencer.StartAsync();
        Assert.Equal(head, restarted);
        var after = await harness.Sequencer.GetProofAsync(Recipient, [], null);
        Assert.Equal(proof.Balance, after.Balance);
        Assert.Equal(proof.AccountProofNodes.Select(Convert.ToHexString), after.AccountProofNodes.Select(Convert.ToHexString));
        for (var i = 0; i < 4; i++)
        {
            var account = await harness.Sequencer.GetAccountAsync(harness.AddressOf(i), null);
            Assert.Equal((balances[i].Balance, balances[i].Nonce, balances[i].BlockNumber), (account.Balance, account.Nonce, account.BlockNumber));
        }

        foreach (var hash in sealedHashes)
        {
            Assert.NotNull((await harness.Sequencer.GetTransactionLocationAsync(hash))!.BlockNumber);
        }

        // Queued but never sealed: the pool is memory only, the client never had a receipt.
        Assert.Null(await harness.Sequencer.GetTransactionLocationAsync(pendingLost));

        // States before the snapshot the rebuild started from are not held; from it on they are.
        await Assert.ThrowsAsync<StateUnavailableException>(() => harness.Sequencer.GetAccountAsync(Recipient, 2));
        Assert.Equal(new BigInteger(100 + 101 + 102 + 103), (await harness.Sequencer.GetAccountAsync(Recipient, 4)).Balance);

        var next = await harness.Sequencer.SealBlockAsync();
        Assert.Equal(head.Number + 1, next.Number);
        var block = (await harness.Grains.GetGrain<IBlockGrain>((long)next.Number).GetBlockAsync())!;
        Assert.Equal(head.Hash, block.Header.ParentHash);
    }

    [Fact]
    public async Task Rebuild_FromSnapshotAndBlocks_EqualsTheLiveState_AndSurvivesADamagedSnapshot()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 3);
        await harness.Sequencer.StartAsync();
        for (ulong i = 0; i < 8; i++)
        {
            await harness.SendAsync(harness.Transfer((int)(i % 4), Recipient, 1 + i, i / 4));
            await harness.Sequencer.SealBlockAsync();
        }

        var live = await harness.Sequencer.GetHeadAsync();
        var liveProof = await harness.Sequencer.GetProofAsync(harness.AddressOf(1), [], null);
        Assert.NotNull(await harness.Store.GetAsync(L2ObjectKeys.Snapshot(L2Harness.ChainId, 6)));

        await harness.RestartAsync();
        Assert.Equal(live, await harness.Sequencer.GetHeadAsync());
        Assert.Equal(liveProof.Balance, (await harness.Sequencer.GetProofAsync(harness.AddressOf(1), [], null)).Balance);
        await Assert.ThrowsAsync<StateUnavailableException>(() => harness.Sequencer.GetAccountAsync(Recipient, 5));

        // Damage the latest snapshot: the rebuild falls back to the previous one and replays more blocks.
        var key = L2ObjectKeys.Snapshot(L2Harness.ChainId, 6);
        var bytes = (await harness.Store.GetAsync(key))!;
        bytes[^1] ^= 0xFF;
        await harness.Store.DeleteAsync(key);
        await harness.Store.PutIfAbsentAsync(key, bytes);
        await harness.RestartAsync();
        Assert.Equal(live, await harness.Sequencer.GetHeadAsync());
        Assert.Equal(liveProof.StorageHash, (await harness.Sequencer.GetProofAsync(harness.AddressOf(1), [], null)).StorageHash);
        Assert.Equal(new BigInteger(1 + 2 + 3 + 4), (await harness.Sequencer.GetAccountAsync(Recipient, 4)).Balance);
    }
}
