using System.Numerics;
using Hemi.Ethereum;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using static Hemi.Protocol.Tests.L2.L2TestKeys;

namespace Hemi.Protocol.Tests.L2.Execution;

/// <summary>The sequencer's path with a sender recovered once at ingress, and the block path that recovers senders in parallel.</summary>
public sealed class NativeExecutionEngineSenderTests
{
    private static readonly Address Coinbase = Address.Parse("0x00000000000000000000000000000000000c0ffe");
    private static readonly Address Recipient = Address.Parse("0x0000000000000000000000000000000000001234");
    private static readonly BigInteger Gwei = 1_000_000_000;
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private static readonly L2BlockHeader Parent = new()
    {
        Number = 9,
        Timestamp = 1000,
        GasLimit = 30_000_000,
        GasUsed = 15_000_000,
        BaseFeePerGas = Gwei,
    };

    private static BlockContext Context => new(10, 1012, Coinbase, Gwei, 30_000_000, ChainId);

    private static WorldState Funded(params Address[] accounts)
    {
        var state = new WorldState();
        NativeContracts.Install(state);
        foreach (var account in accounts)
        {
            state.SetBalance(account, Ether);
        }

        return state;
    }

    [Fact]
    public void ApplyWithRecoveredSender_GivesTheSameStateAndReceiptAsRecovering()
    {
        using var key = Key(41);
        var sender = AddressOf(key);
        var tx = new UserTransaction(Transfer(key, 0, Recipient, 777, 3 * Gwei, Gwei, gas: 30_000));
        var recovering = Funded(sender);
        var trusting = Funded(sender);
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
        var state = Funded(sender);
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

            var sequential = Funded(senders);
            var engine = new NativeExecutionEngine();
            ulong gas = 0;
            var receipts = new List<byte[]>();
            foreach (var transaction in transactions)
            {
                var result = engine.ApplyTransaction(sequential, transaction, Context, gas);
                gas = result.Receipt.CumulativeGasUsed;
                receipts.Add(result.Receipt.Encode());
            }

            var block = engine.ExecuteBlock(Parent, Funded(senders), transactions, Context);

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
        var state = Funded(AddressOf(good), AddressOf(other));
        var root = state.StateRoot;
        var valid = new UserTransaction(Transfer(good, 0, Recipient, 1, 2 * Gwei, 0));
        var wrongChain = new UserTransaction(LegacyTransfer(other, 0, Recipient, 1, 2 * Gwei, chainId: ChainId + 7));

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ExecuteBlock(Parent, state, [valid, wrongChain], Context));

        Assert.Equal(ExecutionError.InvalidSignature, error.Error);
        Assert.Equal(1, error.TransactionIndex);
        Assert.Equal(root, state.StateRoot);
    }
}
