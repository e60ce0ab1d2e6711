using System.Numerics;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;
using Hemi.Ethereum.Trie;
using Hemi.Grains.L2;
using Hemi.Protocol.L2.State;

namespace Hemi.Grains.Tests.L2;

public sealed class SequencerReadTests
{
    private static readonly Address HemiBtc = Address.Parse("0xAA00000000000000000000000000000000000001");
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000B0");

    [Fact]
    public async Task Call_ReadsHemiBtcBalances_AtTheAskedBlock()
    {
        await using var harness = await L2Harness.StartAsync();
        await harness.Sequencer.StartAsync();
        var balanceOf = AbiFunction.Parse("balanceOf(address)");
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        var raw = new Hemi.Ethereum.Transactions.DynamicFeeTransaction
        {
            ChainId = L2Harness.ChainId, Nonce = 0, MaxFeePerGas = 10_000_000_000, MaxPriorityFeePerGas = 1, GasLimit = 100_000,
            To = HemiBtc, Data = transfer.EncodeCall(Recipient, new BigInteger(12_345)),
        }.Sign(harness.Keys[0]).Encode();
        await harness.SendAsync(raw);
        await harness.Sequencer.SealBlockAsync();

        var now = await harness.Sequencer.CallAsync(new CallRequest(null, HemiBtc, balanceOf.EncodeCall(Recipient), 0, null), null);
        Assert.True(now.Success, now.Error);
        Assert.Equal(new BigInteger(12_345), new BigInteger(now.ReturnData, isUnsigned: true, isBigEndian: true));
        var before = await harness.Sequencer.CallAsync(new CallRequest(null, HemiBtc, balanceOf.EncodeCall(harness.AddressOf(0)), 0, null), 0);
        Assert.Equal(L2Harness.InitialHemiBtc, new BigInteger(before.ReturnData, isUnsigned: true, isBigEndian: true));

        var creation = await harness.Sequencer.CallAsync(new CallRequest(null, null, [0x60], 0, null), null);
        Assert.False(creation.Success);
        await Assert.ThrowsAsync<StateUnavailableException>(() => harness.Sequencer.CallAsync(new CallRequest(null, HemiBtc, [], 0, null), 99));
    }

    [Fact]
    public async Task EstimateGas_CoversTransfers_AndRejectsFailingCalls()
    {
        await using var harness = await L2Harness.StartAsync();
        Assert.Equal(21_000ul, await harness.Sequencer.EstimateGasAsync(new CallRequest(harness.AddressOf(0), Recipient, [], 1, null)));
        var transfer = AbiFunction.Parse("transfer(address,uint256)");
        var tokenGas = await harness.Sequencer.EstimateGasAsync(new CallRequest(harness.AddressOf(0), HemiBtc, transfer.EncodeCall(Recipient, BigInteger.One), 0, null));
        Assert.True(tokenGas > 21_000);
        await Assert.ThrowsAsync<CallRevertedException>(() => harness.Sequencer.EstimateGasAsync(new CallRequest(Recipient, HemiBtc, transfer.EncodeCall(harness.AddressOf(0), BigInteger.One), 0, null)));
        await Assert.ThrowsAsync<CallRevertedException>(() => harness.Sequencer.EstimateGasAsync(new CallRequest(null, null, [], 0, null)));
    }

    [Fact]
    public async Task Proofs_VerifyAgainstTheBlocksStateRoot()
    {
        await using var harness = await L2Harness.StartAsync();
        await harness.SendAsync(harness.Transfer(0, Recipient, 5, 0));
        var head = await harness.Sequencer.SealBlockAsync();
        var header = (await harness.Grains.GetGrain<IBlockGrain>((long)head.Number).GetBlockAsync())!.Header;

        var slot = NativeErc20.BalanceSlot(harness.AddressOf(1));
        var proof = await harness.Sequencer.GetProofAsync(HemiBtc, [slot], null);
        var account = AccountProofVerifier.Verify(header.StateRoot, proof);
        Assert.NotNull(account);
        Assert.Equal(proof.StorageHash, account.StorageRoot);
        Assert.Equal(StorageSlots.FromInteger(L2Harness.InitialHemiBtc), await harness.Sequencer.GetStorageAtAsync(HemiBtc, slot, head.Number));

        var recipient = await harness.Sequencer.GetProofAsync(Recipient, [], head.Number);
        Assert.Equal(new BigInteger(5), AccountProofVerifier.Verify(header.StateRoot, recipient)!.Balance);
        var snapshot = await harness.Sequencer.GetAccountAsync(HemiBtc, null);
        Assert.NotEmpty(snapshot.Code);
    }

    [Fact]
    public async Task Timer_SealsBlocksOnItsOwn_AfterStart()
    {
        await using var harness = await L2Harness.StartAsync(o => o.BlockInterval = TimeSpan.FromMilliseconds(100));
        var hash = await harness.SendAsync(harness.Transfer(0, Recipient, 5, 0));
        Assert.Equal(0ul, (await harness.Sequencer.GetHeadAsync()).Number);
        await harness.Sequencer.StartAsync();
        for (var i = 0; i < 200 && (await harness.Sequencer.GetHeadAsync()).Number < 3; i++)
        {
            await Task.Delay(50);
        }

        Assert.True((await harness.Sequencer.GetHeadAsync()).Number >= 3);
        Assert.NotNull((await harness.Sequencer.GetTransactionLocationAsync(hash))!.BlockNumber);
    }

    [Fact]
    public async Task OldStates_AreDroppedTwoSnapshotsBack_WhileRecentOnesStayReadable()
    {
        await using var harness = await L2Harness.StartAsync(o => o.SnapshotInterval = 2);
        for (ulong i = 0; i < 6; i++)
        {
            await harness.SendAsync(harness.Transfer(0, Recipient, 1, i));
            await harness.Sequencer.SealBlockAsync();
        }

        // Rotations at blocks 2, 4 and 6: states from block 4 on are held.
        await Assert.ThrowsAsync<StateUnavailableException>(() => harness.Sequencer.GetAccountAsync(Recipient, 3));
        for (ulong n = 4; n <= 6; n++)
        {
            var header = (await harness.Grains.GetGrain<IBlockGrain>((long)n).GetBlockAsync())!.Header;
            var proof = await harness.Sequencer.GetProofAsync(Recipient, [], n);
            Assert.Equal(new BigInteger(n), AccountProofVerifier.Verify(header.StateRoot, proof)!.Balance);
        }

        var block1 = (await harness.Grains.GetGrain<IBlockGrain>(1).GetBlockAsync())!.Header.Hash;
        Assert.Equal(1ul, await harness.Sequencer.GetBlockNumberAsync(block1));
    }
}
