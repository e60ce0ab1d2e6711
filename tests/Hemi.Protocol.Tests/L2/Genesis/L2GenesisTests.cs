using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.Chain;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Genesis;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using static Hemi.Protocol.Tests.L2.L2TestKeys;

namespace Hemi.Protocol.Tests.L2.Genesis;

public sealed class L2GenesisTests
{
    private static readonly Address Alice = Address.Parse("0x00000000000000000000000000000000000a11ce");
    private static readonly Address Bob = Address.Parse("0x0000000000000000000000000000000000000b0b");
    private static readonly Address HemiBtcAddress = Address.Parse("0x36ab5dba83d5d470f670bc4c06d7da685d9afae7");
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private static L2Genesis Devnet(IReadOnlyDictionary<Address, BigInteger>? alloc = null) => new()
    {
        ChainId = ChainId,
        GasLimit = 30_000_000,
        Timestamp = 1_700_000_000,
        Alloc = alloc ?? new Dictionary<Address, BigInteger> { [Alice] = 10 * Ether, [Bob] = 5 },
        HemiBtcAddress = HemiBtcAddress,
        HemiBtcAlloc = new Dictionary<Address, BigInteger> { [Alice] = 2_100_000_000 },
        HemiAlloc = new Dictionary<Address, BigInteger> { [Bob] = Ether },
    };

    [Fact]
    public void Build_IsDeterministic_AndIndependentOfAllocOrder()
    {
        var reversed = new Dictionary<Address, BigInteger> { [Bob] = 5, [Alice] = 10 * Ether };

        var a = Devnet().Build();
        var b = Devnet().Build();
        var c = Devnet(reversed).Build();

        Assert.Equal(a.Header.Hash, b.Header.Hash);
        Assert.Equal(a.Header.Hash, c.Header.Hash);
        Assert.NotEqual(a.Header.Hash, Devnet(new Dictionary<Address, BigInteger> { [Alice] = 10 * Ether, [Bob] = 6 }).Build().Header.Hash);
        Assert.NotEqual(a.Header.Hash, (Devnet() with { Timestamp = 1 }).Build().Header.Hash);
    }

    [Fact]
    public void Build_GivesAnL2ShapedBlockZero_WhoseRootNamesTheCommittedState()
    {
        var genesis = Devnet().Build();
        var header = genesis.Header;

        Assert.True(header.IsValidL2Shape);
        Assert.Equal(0UL, header.Number);
        Assert.Equal(Hash32.Zero, header.ParentHash);
        Assert.Equal(PatriciaTrie.EmptyRootHash, header.TransactionsRoot);
        Assert.Equal(PatriciaTrie.EmptyRootHash, header.ReceiptsRoot);
        Assert.Equal(Hemi.Protocol.L2.Fees.BaseFee.Initial, header.BaseFeePerGas);
        Assert.Equal(genesis.State.StateRoot, header.StateRoot);

        var reopened = new WorldState(genesis.State.Store, header.StateRoot);
        Assert.Equal(10 * Ether, reopened.GetBalance(Alice));
        Assert.Equal(new BigInteger(5), reopened.GetBalance(Bob));
        Assert.Equal(NativeContracts.HvmState.Code, reopened.GetCode(SystemAddresses.HvmState));
        Assert.Equal(NativeContracts.GovernanceToken.Code, reopened.GetCode(SystemAddresses.GovernanceToken));
        Assert.Equal(NativeContracts.MarkerCode(NativeContracts.HemiBtcName), reopened.GetCode(HemiBtcAddress));
    }

    [Fact]
    public void TokenAllocations_AreMinted_AndReadableThroughTheErc20Abi()
    {
        var genesis = Devnet().Build();
        var engine = Devnet().CreateEngine();
        var balanceOf = AbiFunction.Parse("balanceOf(address)");

        var btc = engine.SimulateCall(genesis.State, Bob, HemiBtcAddress, balanceOf.EncodeCall(Alice), 0);
        var decimals = engine.SimulateCall(genesis.State, Bob, HemiBtcAddress, AbiFunction.Parse("decimals()").EncodeCall(), 0);
        var hemi = engine.SimulateCall(genesis.State, Bob, SystemAddresses.GovernanceToken, balanceOf.EncodeCall(Bob), 0);

        Assert.Equal(new BigInteger(2_100_000_000), new BigInteger(btc.ReturnData, isUnsigned: true, isBigEndian: true));
        Assert.Equal(8, decimals.ReturnData[^1]);
        Assert.Equal(Ether, new BigInteger(hemi.ReturnData, isUnsigned: true, isBigEndian: true));
        Assert.Equal(new BigInteger(2_100_000_000), NativeErc20.HemiBtc(HemiBtcAddress).TotalSupply(genesis.State));
        Assert.Equal(Ether, NativeErc20.GovernanceToken.TotalSupply(genesis.State));
    }

    [Fact]
    public void HvmGenesis_IsRecordedInBlockZero_AndCommittedInMixHash()
    {
        var bitcoinGenesis = Network.Regtest.GenesisHeader;
        var genesis = (Devnet() with { HvmGenesis = BitcoinAttributesCall.FromHeaders(bitcoinGenesis.GetHash(), [bitcoinGenesis]) }).Build();

        Assert.Equal(new Hash32(bitcoinGenesis.GetHash().ToInternalBytes()), genesis.Header.MixHash);
        var view = new HvmStateBitcoinView(genesis.State, 0, Network.Regtest, indexerTipLag: 0);
        Assert.Equal(new HvmHeaderRecord(0, bitcoinGenesis), view.GetBestHeader());
        Assert.Equal(Hash32.Zero, Devnet().Build().Header.MixHash);
    }

    [Fact]
    public void Block1_BuildsOnGenesis_WithTheFollowingContext()
    {
        using var key = Key(40);
        var sender = AddressOf(key);
        var genesis = (Devnet(new Dictionary<Address, BigInteger> { [sender] = Ether })).Build();
        var context = BlockContext.Following(genesis.Header, genesis.Header.Timestamp + 12, Bob, ChainId);
        var tx = Transfer(key, 0, Alice, 1, context.BaseFee * 2, 0);

        var block = L2BlockBuilder.Build(Devnet().CreateEngine(), genesis.Header, genesis.State, [new UserTransaction(tx)], context, Hash32.Zero);

        Assert.Equal(1UL, block.Header.Number);
        Assert.Equal(genesis.Header.Hash, block.Header.ParentHash);
        Assert.Equal(Hemi.Protocol.L2.Fees.BaseFee.Next(30_000_000, 0, Hemi.Protocol.L2.Fees.BaseFee.Initial), context.BaseFee);
        Assert.Equal(BigInteger.One, genesis.State.GetBalance(Alice));
        Assert.True(Assert.Single(block.Execution.Receipts).Succeeded);
    }

    [Fact]
    public void Build_RejectsParametersThatCannotMakeAChain()
    {
        Assert.Throws<ArgumentException>(() => (Devnet() with { ChainId = 0 }).Build());
        Assert.Throws<ArgumentException>(() => (Devnet() with { GasLimit = 4_999 }).Build());
        Assert.Throws<ArgumentException>(() => (Devnet() with { BaseFee = -1 }).Build());
        Assert.Throws<ArgumentException>(() => (Devnet() with { HemiBtcAddress = null }).Build());
        Assert.Throws<ArgumentException>(() => Devnet(new Dictionary<Address, BigInteger> { [Alice] = -1 }).Build());
        Assert.ThrowsAny<ArgumentException>(() => (Devnet() with { ExtraData = new byte[33] }).Build());
    }
}
