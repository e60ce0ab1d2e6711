using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Ethereum;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Fees;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using static Hemi.Protocol.Tests.L2.L2TestKeys;

namespace Hemi.Protocol.Tests.L2.Assembly;

public sealed class L2BlockBuilderTests
{
    [Fact]
    public void Build_ChainsBlocks_WithRootsBloomGasAndBaseFeeThatValidatorsRecompute()
    {
        using var key = Key(20);
        var sender = AddressOf(key);
        var state = new WorldState();
        NativeContracts.Install(state);
        state.SetBalance(sender, BigInteger.Pow(10, 18));
        var genesis = new L2BlockHeader { GasLimit = 30_000_000, BaseFeePerGas = BaseFee.Initial, StateRoot = state.StateRoot };
        var engine = new NativeExecutionEngine();
        var tip = Hash256.Parse("000000000000000000006e4855d5adfaefb7611c9446eb41ceb8a9327188eda8");
        L2Transaction[] body =
        [
            BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(tip, [])),
            new UserTransaction(Transfer(key, 0, Address.Parse("0x00000000000000000000000000000000000000aa"), 5, 2_000_000_000, 1)),
        ];
        var context = new BlockContext(1, 12, Address.Parse("0x00000000000000000000000000000000000000cb"), BaseFee.Next(genesis.GasLimit, genesis.GasUsed, BaseFee.Initial), 30_000_000, ChainId);

        var block = L2BlockBuilder.Build(engine, genesis, state, body, context, new Hash32(tip.ToInternalBytes()));

        var header = block.Header;
        Assert.True(header.IsValidL2Shape);
        Assert.Equal(genesis.Hash, header.ParentHash);
        Assert.Equal(21_000UL, header.GasUsed);
        Assert.Equal(state.StateRoot, header.StateRoot);
        Assert.Equal(BlockRoots.TransactionsRoot(body), header.TransactionsRoot);
        Assert.Equal(BlockRoots.ReceiptsRoot(block.Execution.Receipts), header.ReceiptsRoot);
        Assert.Equal(new Hash32(tip.ToInternalBytes()), header.MixHash);
        Assert.Equal(875_000_000, header.BaseFeePerGas);

        // A validator replaying the body on the parent state gets the same header.
        var replayState = new WorldState();
        NativeContracts.Install(replayState);
        replayState.SetBalance(sender, BigInteger.Pow(10, 18));
        var replayed = L2BlockBuilder.Build(engine, genesis, replayState, body.Select(t => L2Transaction.Decode(t.Encode())).ToArray(), context, header.MixHash);
        Assert.Equal(header.Hash, replayed.Header.Hash);
        Assert.Equal(header, L2BlockHeader.Decode(header.Encode()));
    }

    [Fact]
    public void HemiBtc_IsAnEightDecimalNativeToken_ReachableOnceItsMarkerIsInstalled()
    {
        using var key = Key(21);
        var holder = AddressOf(key);
        var hemiBtc = NativeErc20.HemiBtc(Address.Parse("0xaa40c0c7644e0b2b224509571e10ad20d9c4ef28"));
        var state = new WorldState();
        state.SetBalance(holder, BigInteger.Pow(10, 18));
        hemiBtc.InstallCode(state);
        hemiBtc.Mint(state, holder, 100_000_000);
        var engine = new NativeExecutionEngine([hemiBtc]);
        var context = new BlockContext(1, 12, Address.Zero, BaseFee.Initial, 30_000_000, ChainId);

        var decimals = Hemi.Ethereum.Abi.AbiFunction.Parse("decimals()").EncodeCall();
        var result = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 0, hemiBtc.Address, 0, 2_000_000_000, 0, gas: 50_000, data: decimals)), context, 0);

        Assert.True(result.Receipt.Succeeded);
        Assert.Equal(8, hemiBtc.Decimals);
        Assert.Equal(new BigInteger(100_000_000), hemiBtc.TotalSupply(state));
        var root = state.Commit();
        Assert.NotEmpty(new WorldState(state.Store, root).GetCode(hemiBtc.Address));
    }
}
