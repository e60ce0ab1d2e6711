using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Protocol.Chain;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Fees;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Pop;
using static Hemi.Protocol.Tests.L2.L2TestKeys;
using static Hemi.Protocol.Tests.L2.Execution.ExecutionTestChain;

namespace Hemi.Protocol.Tests.L2.Execution;

public sealed class NativeExecutionEngineTests
{
    [Fact]
    public void DynamicFeeTransfer_MovesValue_PaysTipToCoinbase_BurnsBaseFee_RefundsUnusedGas()
    {
        using var key = Key(1);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        // maxFee 3 gwei, tip 1 gwei, base 1 gwei → effective 2 gwei; gas limit 50,000 of which 21,000 used.
        var tx = Transfer(key, 0, Recipient, 12345, 3 * Gwei, Gwei, gas: 50_000);

        var result = new NativeExecutionEngine().ExecuteBlock(Parent, state, [new UserTransaction(tx)], Context);

        var receipt = Assert.Single(result.Receipts);
        Assert.True(receipt.Succeeded);
        Assert.Equal(21_000UL, receipt.CumulativeGasUsed);
        Assert.Equal(21_000UL, result.GasUsed);
        Assert.Equal(2 * Gwei, result.Transactions[0].EffectiveGasPrice);
        Assert.Equal(Ether - 12345 - (21_000 * 2 * Gwei), state.GetBalance(sender));
        Assert.Equal(new BigInteger(12345), state.GetBalance(Recipient));
        Assert.Equal(21_000 * Gwei, state.GetBalance(Coinbase));
        Assert.Equal(1UL, state.GetNonce(sender));
        Assert.Equal(state.StateRoot, result.StateRoot);
    }

    [Fact]
    public void EffectiveGasPrice_IsCappedByMaxFee()
    {
        using var key = Key(2);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        var tx = Transfer(key, 0, Recipient, 0, Gwei + 5, Gwei);

        var result = new NativeExecutionEngine().ApplyTransaction(state, new UserTransaction(tx), Context, 0);

        Assert.Equal(Gwei + 5, result.EffectiveGasPrice);
        Assert.Equal(21_000 * new BigInteger(5), state.GetBalance(Coinbase));
    }

    [Fact]
    public void LegacyTransfer_UsesGasPrice_AndCumulativeGasAccumulates()
    {
        using var key = Key(3);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        L2Transaction[] txs =
        [
            new UserTransaction(LegacyTransfer(key, 0, Recipient, 1, 2 * Gwei)),
            new UserTransaction(LegacyTransfer(key, 1, Recipient, 2, 2 * Gwei)),
        ];

        var result = new NativeExecutionEngine().ExecuteBlock(Parent, state, txs, Context);

        Assert.Equal([21_000UL, 42_000UL], result.Receipts.Select(r => r.CumulativeGasUsed));
        Assert.Equal(Ether - 3 - (42_000 * 2 * Gwei), state.GetBalance(sender));
        Assert.Equal(42_000 * Gwei, state.GetBalance(Coinbase));
        Assert.Equal(new BigInteger(3), state.GetBalance(Recipient));
    }

    [Fact]
    public void InsufficientBalance_IsRejectedBeforeExecution_AndLeavesStateUntouched()
    {
        using var key = Key(4);
        var sender = AddressOf(key);
        // Exactly one wei short of gasLimit·maxFee + value.
        var state = Funded(sender, (21_000 * 2 * Gwei) + 100 - 1);
        var root = state.StateRoot;
        var tx = Transfer(key, 0, Recipient, 100, 2 * Gwei, 0);

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ExecuteBlock(Parent, state, [new UserTransaction(tx)], Context));

        Assert.Equal(ExecutionError.InsufficientFunds, error.Error);
        Assert.Equal(0, error.TransactionIndex);
        Assert.Equal(root, state.StateRoot);
    }

    [Fact]
    public void RejectedTransactionInABlock_RollsBackTheEarlierOnes()
    {
        using var key = Key(5);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        var root = state.StateRoot;
        var tx = new UserTransaction(Transfer(key, 0, Recipient, 1, 2 * Gwei, 0));

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ExecuteBlock(Parent, state, [tx, tx], Context));

        Assert.Equal(ExecutionError.NonceTooLow, error.Error);
        Assert.Equal(1, error.TransactionIndex);
        Assert.Equal(root, state.StateRoot);
    }

    [Fact]
    public void NonceReplayAndGap_AreRejected()
    {
        using var key = Key(6);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        var engine = new NativeExecutionEngine();
        engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 0, Recipient, 1, 2 * Gwei, 0)), Context, 0);

        var replay = Assert.Throws<ExecutionException>(() => engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 0, Recipient, 1, 2 * Gwei, 0)), Context, 21_000));
        var gap = Assert.Throws<ExecutionException>(() => engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 2, Recipient, 1, 2 * Gwei, 0)), Context, 21_000));
        Assert.Equal(ExecutionError.NonceTooLow, replay.Error);
        Assert.Equal(ExecutionError.NonceTooHigh, gap.Error);
    }

    [Fact]
    public void ContractCreation_IsRejectedWithAClearReason()
    {
        using var key = Key(7);
        var state = Funded(AddressOf(key), Ether);
        var tx = new DynamicFeeTransaction { ChainId = ChainId, GasLimit = 100_000, MaxFeePerGas = 2 * Gwei, Data = [0x60, 0x00] }.Sign(key);

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ApplyTransaction(state, new UserTransaction(tx), Context, 0));

        Assert.Equal(ExecutionError.ContractCreationNotSupported, error.Error);
        Assert.Equal("contract creation is not supported", error.Message);
    }

    [Theory]
    [InlineData(1UL, 0UL, ExecutionError.FeeCapBelowBaseFee)]
    [InlineData(2UL, 3UL, ExecutionError.TipAboveFeeCap)]
    public void FeeFieldsThatCannotPay_AreRejected(ulong maxFeeGwei, ulong tipGwei, ExecutionError expected)
    {
        using var key = Key(8);
        var state = Funded(AddressOf(key), Ether);
        var tx = Transfer(key, 0, Recipient, 0, (maxFeeGwei * Gwei) - (maxFeeGwei == 1 ? 1 : 0), tipGwei * Gwei);
        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ApplyTransaction(state, new UserTransaction(tx), Context, 0));
        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public void IntrinsicGasAboveLimit_UnprotectedLegacy_WrongChain_AndBlockGas_AreRejected()
    {
        using var key = Key(9);
        var state = Funded(AddressOf(key), Ether);
        var engine = new NativeExecutionEngine();
        ExecutionError Reject(EthereumTransaction tx, ulong used = 0) =>
            Assert.Throws<ExecutionException>(() => engine.ApplyTransaction(state, new UserTransaction(tx), Context, used)).Error;

        Assert.Equal(ExecutionError.IntrinsicGasTooLow, Reject(Transfer(key, 0, Recipient, 0, 2 * Gwei, 0, gas: 21_000, data: [1])));
        Assert.Equal(ExecutionError.InvalidSignature, Reject(LegacyTransfer(key, 0, Recipient, 0, 2 * Gwei, chainId: null)));
        Assert.Equal(ExecutionError.InvalidSignature, Reject(LegacyTransfer(key, 0, Recipient, 0, 2 * Gwei, chainId: 1)));
        Assert.Equal(ExecutionError.BlockGasLimitReached, Reject(Transfer(key, 0, Recipient, 0, 2 * Gwei, 0), used: 29_990_000));
        Assert.Equal(0UL, state.GetNonce(AddressOf(key)));
    }

    [Fact]
    public void UserCallToTheHvmStateContract_GivesARevertedReceipt_ChargingIntrinsicGasOnly()
    {
        using var key = Key(10);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        var tx = Transfer(key, 0, SystemAddresses.HvmState, 500, 2 * Gwei, 0, gas: 100_000, data: [0xc9, 0x4f, 0x1c, 0xca]);

        var result = new NativeExecutionEngine().ApplyTransaction(state, new UserTransaction(tx), Context, 0);

        var intrinsic = GasSchedule.IntrinsicGas(tx);
        Assert.False(result.Receipt.Succeeded);
        Assert.Equal(intrinsic, result.GasUsed);
        Assert.NotNull(result.FailureReason);
        // Tip 0: the effective price is the base fee, 1 gwei.
        Assert.Equal(Ether - (intrinsic * Gwei), state.GetBalance(sender));
        Assert.Equal(BigInteger.Zero, state.GetBalance(SystemAddresses.HvmState));
        Assert.Equal(1UL, state.GetNonce(sender));
    }

    [Fact]
    public void BitcoinAttributes_StoresTipAndHeadersAtDocumentedSlots_GasFree()
    {
        var state = Funded(Recipient, 1);
        var first = Enumerable.Range(0, 80).Select(i => (byte)i).ToArray();
        var second = Enumerable.Range(100, 80).Select(i => (byte)i).ToArray();
        var tip = Hash256.Parse("000000000000000000006e4855d5adfaefb7611c9446eb41ceb8a9327188eda8");
        var tx = BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(tip, [first, second]));

        var result = new NativeExecutionEngine().ExecuteBlock(Parent, state, [tx], Context);

        var receipt = Assert.Single(result.Receipts);
        Assert.True(receipt.Succeeded);
        Assert.Equal(0UL, result.GasUsed);
        Assert.Equal(0x7C, (byte)receipt.Type);
        Assert.Equal(new Hash32(tip.ToInternalBytes()), HvmStateLayout.ReadTip(state));
        Assert.Equal(new BigInteger(2), state.GetStorage(SystemAddresses.HvmState, StorageSlots.Slot(1)));
        Assert.Equal(new BigInteger(10), state.GetStorage(SystemAddresses.HvmState, StorageSlots.Slot(2)));
        Assert.Equal(first, HvmStateLayout.ReadHeader(state, 0));
        Assert.Equal(second, HvmStateLayout.ReadHeader(state, 1));
        // Header 1, word 2 = bytes 64..79 of the header, left-aligned: keccak(pad32(1)) + 5.
        var word = StorageSlots.FromInteger(state.GetStorage(SystemAddresses.HvmState, StorageSlots.Offset(StorageSlots.ArrayData(StorageSlots.Slot(1)), 5)));
        Assert.Equal([.. second[64..], .. new byte[16]], word.ToBytes());
    }

    [Fact]
    public void MalformedSystemTransactions_InvalidateTheBlock()
    {
        var state = Funded(Recipient, 1);
        var engine = new NativeExecutionEngine();
        var wrongTarget = new BitcoinAttributesTransaction { To = Recipient, Data = new byte[] { 1, 2, 3 } };
        var garbage = new BitcoinAttributesTransaction { To = SystemAddresses.HvmState, Data = new byte[] { 0xc9, 0x4f, 0x1c, 0xca, 0xff } };
        var payoutGarbage = new PopPayoutTransaction { To = SystemAddresses.GovernanceToken, Data = new byte[] { 1 } };
        foreach (var tx in new L2Transaction[] { wrongTarget, garbage, payoutGarbage })
        {
            var error = Assert.Throws<ExecutionException>(() => engine.ExecuteBlock(Parent, state, [tx], Context));
            Assert.Equal(ExecutionError.InvalidSystemTransaction, error.Error);
        }
    }

    [Fact]
    public void PopPayout_MintsGovernanceToken_WithTransferLogs_ThenUsersCanTransferIt()
    {
        using var key = Key(11);
        var miner = AddressOf(key);
        var state = Funded(miner, Ether);
        var token = NativeErc20.GovernanceToken;
        var payout = PopPayoutTransaction.Create(new PopPayoutCall(25, [miner, Recipient], [1000, 7]));
        var engine = new NativeExecutionEngine();

        var minted = engine.ApplyTransaction(state, payout, Context, 0);

        Assert.Equal(2, minted.Receipt.Logs.Count);
        Assert.Equal(NativeErc20.TransferTopic, minted.Receipt.Logs[0].Topics[0]);
        Assert.Equal(Hash32.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"), NativeErc20.TransferTopic);
        Assert.True(minted.Receipt.BloomMatchesLogs());
        Assert.Equal(new BigInteger(1007), token.TotalSupply(state));
        Assert.Equal(new BigInteger(1000), state.GetStorage(token.Address, NativeErc20.BalanceSlot(miner)));

        var transfer = Hemi.Ethereum.Abi.AbiFunction.Parse("transfer(address,uint256)").EncodeCall(Recipient, new BigInteger(300));
        var sent = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 0, token.Address, 0, 2 * Gwei, 0, gas: 100_000, data: transfer)), Context, 0);
        Assert.True(sent.Receipt.Succeeded);
        Assert.Equal(GasSchedule.IntrinsicGas(Transfer(key, 0, token.Address, 0, 2 * Gwei, 0, gas: 100_000, data: transfer)) + GasSchedule.Erc20Transfer, sent.GasUsed);
        Assert.Equal(new BigInteger(700), token.BalanceOf(state, miner));
        Assert.Equal(new BigInteger(307), token.BalanceOf(state, Recipient));
        var log = Assert.Single(sent.Receipt.Logs);
        Assert.Equal(miner.AsSpan().ToArray(), log.Topics[1].AsSpan()[12..].ToArray());

        var tooMuch = Hemi.Ethereum.Abi.AbiFunction.Parse("transfer(address,uint256)").EncodeCall(Recipient, new BigInteger(701));
        var failed = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 1, token.Address, 0, 2 * Gwei, 0, gas: 100_000, data: tooMuch)), Context, 0);
        Assert.False(failed.Receipt.Succeeded);
        Assert.Empty(failed.Receipt.Logs);
        Assert.Equal(new BigInteger(700), token.BalanceOf(state, miner));
    }

    [Fact]
    public void Erc20Transfer_WithTooLittleGas_RunsOutOfGas_ConsumingTheWholeLimit()
    {
        using var key = Key(14);
        var holder = AddressOf(key);
        var state = Funded(holder, Ether);
        var token = NativeErc20.GovernanceToken;
        token.Mint(state, holder, 10);
        var data = Hemi.Ethereum.Abi.AbiFunction.Parse("transfer(address,uint256)").EncodeCall(Recipient, new BigInteger(1));
        var tx = Transfer(key, 0, token.Address, 0, 2 * Gwei, 0, gas: 30_000, data: data);

        var result = new NativeExecutionEngine().ApplyTransaction(state, new UserTransaction(tx), Context, 0);

        Assert.False(result.Receipt.Succeeded);
        Assert.Equal("out of gas", result.FailureReason);
        Assert.Equal(30_000UL, result.GasUsed);
        Assert.Equal(new BigInteger(10), token.BalanceOf(state, holder));
        Assert.Equal(Ether - (30_000 * Gwei), state.GetBalance(holder));
    }

    [Fact]
    public void Erc20_ApproveAndTransferFrom_UseSolidityAllowanceSlots()
    {
        using var ownerKey = Key(12);
        using var spenderKey = Key(13);
        var owner = AddressOf(ownerKey);
        var spender = AddressOf(spenderKey);
        var state = Funded(owner, Ether);
        state.SetBalance(spender, Ether);
        var token = NativeErc20.GovernanceToken;
        token.Mint(state, owner, 50);
        var engine = new NativeExecutionEngine();

        var approve = Hemi.Ethereum.Abi.AbiFunction.Parse("approve(address,uint256)").EncodeCall(spender, new BigInteger(20));
        var approved = engine.ApplyTransaction(state, new UserTransaction(Transfer(ownerKey, 0, token.Address, 0, 2 * Gwei, 0, gas: 100_000, data: approve)), Context, 0);
        Assert.True(approved.Receipt.Succeeded);
        // allowances[owner][spender] at keccak(pad32(spender) ‖ keccak(pad32(owner) ‖ pad32(1))).
        var slot = StorageSlots.MappingKey(spender, StorageSlots.MappingKey(owner, StorageSlots.Slot(1)));
        Assert.Equal(new BigInteger(20), state.GetStorage(token.Address, slot));

        var transferFrom = Hemi.Ethereum.Abi.AbiFunction.Parse("transferFrom(address,address,uint256)").EncodeCall(owner, Recipient, new BigInteger(15));
        var moved = engine.ApplyTransaction(state, new UserTransaction(Transfer(spenderKey, 0, token.Address, 0, 2 * Gwei, 0, gas: 100_000, data: transferFrom)), Context, 0);
        Assert.True(moved.Receipt.Succeeded);
        Assert.Equal(new BigInteger(5), token.Allowance(state, owner, spender));
        Assert.Equal(new BigInteger(15), token.BalanceOf(state, Recipient));
    }

    [Fact]
    public void SimulateCall_ReadsTokenState_WithoutChangingTheRoot()
    {
        var holder = Address.Parse("0x00000000000000000000000000000000000000ab");
        var state = Funded(holder, Ether);
        NativeErc20.GovernanceToken.Mint(state, holder, 42);
        var root = state.StateRoot;
        var engine = new NativeExecutionEngine();

        var balanceOf = Hemi.Ethereum.Abi.AbiFunction.Parse("balanceOf(address)").EncodeCall(holder);
        var read = engine.SimulateCall(state, holder, NativeErc20.GovernanceToken.Address, balanceOf, 0);
        var transfer = Hemi.Ethereum.Abi.AbiFunction.Parse("transfer(address,uint256)").EncodeCall(Recipient, new BigInteger(2));
        var write = engine.SimulateCall(state, holder, NativeErc20.GovernanceToken.Address, transfer, 0);

        Assert.True(read.Succeeded);
        Assert.Equal(new BigInteger(42), new BigInteger(read.ReturnData, isUnsigned: true, isBigEndian: true));
        Assert.True(write.Succeeded);
        Assert.Equal(root, state.StateRoot);
        Assert.Equal(new BigInteger(42), NativeErc20.GovernanceToken.BalanceOf(state, holder));
    }

    [Fact]
    public void ExecuteBlock_RejectsAContextThatDoesNotFollowTheParent()
    {
        var state = new WorldState();
        var engine = new NativeExecutionEngine();
        ExecutionError Reject(BlockContext context) =>
            Assert.Throws<ExecutionException>(() => engine.ExecuteBlock(Parent, state, [], context)).Error;

        Assert.Equal(ExecutionError.InvalidBlockContext, Reject(Context with { BaseFee = Gwei + 1 }));
        Assert.Equal(ExecutionError.InvalidBlockContext, Reject(Context with { Number = 11 }));
        Assert.Equal(ExecutionError.InvalidBlockContext, Reject(Context with { Timestamp = 1000 }));
        // 30,000,000 / 1024 = 29,296: a change of 29,296 is too much, 29,295 is fine.
        Assert.Equal(ExecutionError.InvalidBlockContext, Reject(Context with { GasLimit = 30_029_296 }));
        Assert.Equal(ExecutionError.InvalidBlockContext, Reject(Context with { GasLimit = 29_970_704 }));
        Assert.Equal(0UL, engine.ExecuteBlock(Parent, state, [], Context with { GasLimit = 30_029_295 }).GasUsed);
        var full = Parent with { GasUsed = 30_000_000 };
        Assert.Equal(0UL, engine.ExecuteBlock(full, state, [], Context with { BaseFee = 1_125_000_000 }).GasUsed);
    }

    // The sequencer's path, with the sender recovered once at ingress, and the block path that recovers senders in parallel.
    [Fact]
    public void ApplyWithRecoveredSender_GivesTheSameStateAndReceiptAsRecovering()
    {
        using var key = Key(41);
        var sender = AddressOf(key);
        var tx = new UserTransaction(Transfer(key, 0, Recipient, 777, 3 * Gwei, Gwei, gas: 30_000));
        var recovering = FundedAll(sender);
        var trusting = FundedAll(sender);
        var engine = new NativeExecutionEngine();

        var expected = engine.ApplyTransaction(recovering, tx, Context, 0);
        var actual = engine.ApplyTransaction(trusting, tx, sender, Context, 0);

        Assert.Equal(recovering.StateRoot, trusting.StateRoot);
        Assert.Equal(expected.Receipt.Encode(), actual.Receipt.Encode());
        Assert.Equal(expected.Sender, actual.Sender);
        Assert.Equal(expected.EffectiveGasPrice, actual.EffectiveGasPrice);
    }

    [Fact]
    public void ApplyWithRecoveredSender_StillChecksTheChainIdAndTheNonce()
    {
        using var key = Key(42);
        var sender = AddressOf(key);
        var state = FundedAll(sender);
        var root = state.StateRoot;
        var engine = new NativeExecutionEngine();
        var otherChain = new UserTransaction(LegacyTransfer(key, 0, Recipient, 1, 2 * Gwei, chainId: ChainId + 1));
        var unprotected = new UserTransaction(LegacyTransfer(key, 0, Recipient, 1, 2 * Gwei, chainId: null));
        var gap = new UserTransaction(Transfer(key, 5, Recipient, 1, 2 * Gwei, 0));

        Assert.Equal(ExecutionError.InvalidSignature, Assert.Throws<ExecutionException>(() => engine.ApplyTransaction(state, otherChain, sender, Context, 0)).Error);
        Assert.Equal(ExecutionError.InvalidSignature, Assert.Throws<ExecutionException>(() => engine.ApplyTransaction(state, unprotected, sender, Context, 0)).Error);
        Assert.Equal(ExecutionError.NonceTooHigh, Assert.Throws<ExecutionException>(() => engine.ApplyTransaction(state, gap, sender, Context, 0)).Error);
        Assert.Equal(root, state.StateRoot);
    }

    [Fact]
    public void ExecuteBlock_WithManySenders_MatchesApplyingEachTransactionInOrder()
    {
        var keys = Enumerable.Range(100, 24).Select(i => Key((byte)i)).ToArray();
        try
        {
            var senders = keys.Select(AddressOf).ToArray();
            var transactions = new List<L2Transaction>();
            for (var round = 0UL; round < 3; round++)
            {
                transactions.AddRange(keys.Select(key => new UserTransaction(Transfer(key, round, Recipient, 1000 + round, 2 * Gwei, Gwei))));
            }

            var sequential = FundedAll(senders);
            var engine = new NativeExecutionEngine();
            ulong gas = 0;
            var receipts = new List<byte[]>();
            foreach (var transaction in transactions)
            {
                var result = engine.ApplyTransaction(sequential, transaction, Context, gas);
                gas = result.Receipt.CumulativeGasUsed;
                receipts.Add(result.Receipt.Encode());
            }

            var block = engine.ExecuteBlock(Parent, FundedAll(senders), transactions, Context);

            Assert.Equal(sequential.StateRoot, block.StateRoot);
            Assert.Equal(receipts, block.Receipts.Select(r => r.Encode()));
            Assert.Equal(senders.Concat(senders).Concat(senders), block.Transactions.Select(t => t.Sender));
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    [Fact]
    public void ExecuteBlock_ReportsABadSignatureAtItsIndex_AndRollsBack()
    {
        using var good = Key(43);
        using var other = Key(44);
        var state = FundedAll(AddressOf(good), AddressOf(other));
        var root = state.StateRoot;
        var valid = new UserTransaction(Transfer(good, 0, Recipient, 1, 2 * Gwei, 0));
        var wrongChain = new UserTransaction(LegacyTransfer(other, 0, Recipient, 1, 2 * Gwei, chainId: ChainId + 7));

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ExecuteBlock(Parent, state, [valid, wrongChain], Context));

        Assert.Equal(ExecutionError.InvalidSignature, error.Error);
        Assert.Equal(1, error.TransactionIndex);
        Assert.Equal(root, state.StateRoot);
    }
}
