using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;
using Hemi.Ethereum.Transactions;
using Hemi.Protocol.Chain;
using Hemi.Protocol.Hvm.Precompiles;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Fees;
using Hemi.Protocol.L2.State;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Pop;
using Hemi.Protocol.Tests.Hvm;
using static Hemi.Protocol.Tests.L2.L2TestKeys;
using static Hemi.Protocol.Tests.L2.Execution.ExecutionTestChain;

namespace Hemi.Protocol.Tests.L2.Execution;

/// <summary>Precompile calls, gas estimation, typed failures and the reward token's single minter.</summary>
public sealed class NativeExecutionEngineCallTests
{
    private static readonly AbiFunction TransferFn = AbiFunction.Parse("transfer(address,uint256)");

    private static InMemoryBitcoinView GenesisView()
    {
        var view = new InMemoryBitcoinView(Network.Mainnet);
        view.AddHeader(0, Network.Mainnet.GenesisHeader);
        return view;
    }

    [Fact]
    public void TransactionToAPrecompile_RunsItAgainstTheEnginesView_ChargingItsFixedGas()
    {
        using var key = Key(30);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        var engine = new NativeExecutionEngine { BitcoinView = GenesisView() };
        var tx = Transfer(key, 0, HvmPrecompiles.AddressOf(HvmPrecompile.BtcHeaderN), 0, 2 * Gwei, 0, gas: 100_000, data: [0, 0, 0, 0]);

        var result = engine.ApplyTransaction(state, new UserTransaction(tx), Context, 0);

        Assert.True(result.Receipt.Succeeded);
        Assert.Null(result.Failure);
        Assert.Equal(GasSchedule.IntrinsicGas(tx) + HvmPrecompiles.BtcHeaderNGas, result.GasUsed);
    }

    [Fact]
    public void TransactionToAPrecompile_WithoutAView_GivesARevertedReceipt_AndKeepsTheValue()
    {
        using var key = Key(31);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        var precompile = HvmPrecompiles.AddressOf(HvmPrecompile.BtcLastHeader);
        var tx = Transfer(key, 0, precompile, 777, 2 * Gwei, 0, gas: 100_000);

        var result = new NativeExecutionEngine().ApplyTransaction(state, new UserTransaction(tx), Context, 0);

        Assert.False(result.Receipt.Succeeded);
        Assert.Equal(NativeCallFailure.BitcoinViewUnavailable, result.Failure);
        Assert.Equal(BigInteger.Zero, state.GetBalance(precompile));
        Assert.Equal(1UL, state.GetNonce(sender));
    }

    [Fact]
    public void EthCall_BadPrecompileInput_SucceedsWithEmptyOutputAndADiagnostic_AsHvmDoes()
    {
        var engine = new NativeExecutionEngine { BitcoinView = GenesisView() };
        var state = Funded(Recipient, 1);

        var shortHeight = engine.SimulateCall(state, Recipient, HvmPrecompiles.AddressOf(HvmPrecompile.BtcHeaderN), [0, 0, 0], BigInteger.Zero);
        var huge = engine.SimulateCall(state, Recipient, HvmPrecompiles.AddressOf(HvmPrecompile.BtcAddrToScript), new byte[100_000], BigInteger.Zero);

        Assert.True(shortHeight.Succeeded);
        Assert.Empty(shortHeight.ReturnData);
        Assert.Contains("4-byte height", shortHeight.Diagnostic);
        Assert.True(huge.Succeeded);
        Assert.Empty(huge.ReturnData);
        Assert.NotNull(huge.Diagnostic);
    }

    [Fact]
    public void EstimateGas_EthTransfer_Is21000()
    {
        var state = Funded(Recipient, Ether);

        var estimate = new NativeExecutionEngine().EstimateGas(state, Recipient, Address.Parse("0x00000000000000000000000000000000000000ff"), [], 5);

        Assert.True(estimate.Succeeded);
        Assert.Equal(21_000UL, estimate.Gas);
        Assert.Equal(0UL, estimate.ExecutionGas);
    }

    [Fact]
    public void EstimateGas_Erc20Transfer_IsExactlyTheLimitThatSucceeds()
    {
        using var key = Key(32);
        var holder = AddressOf(key);
        var state = Funded(holder, Ether);
        NativeErc20.GovernanceToken.Mint(state, holder, 1000);
        var data = TransferFn.EncodeCall(Recipient, new BigInteger(10));
        var engine = new NativeExecutionEngine();
        var root = state.StateRoot;

        var estimate = engine.EstimateGas(state, holder, NativeErc20.GovernanceToken.Address, data, 0);

        Assert.True(estimate.Succeeded);
        Assert.Equal(root, state.StateRoot);
        Assert.Equal(GasSchedule.Erc20Transfer, estimate.ExecutionGas);
        var tooLittle = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 0, NativeErc20.GovernanceToken.Address, 0, 2 * Gwei, 0, gas: estimate.Gas - 1, data: data)), Context, 0);
        var enough = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 1, NativeErc20.GovernanceToken.Address, 0, 2 * Gwei, 0, gas: estimate.Gas, data: data)), Context, 0);
        Assert.Equal(NativeCallFailure.OutOfGas, tooLittle.Failure);
        Assert.True(enough.Receipt.Succeeded);
        Assert.Equal(estimate.Gas, enough.GasUsed);
    }

    [Fact]
    public void EstimateGas_AccessListAndPrecompile_AreCounted()
    {
        var state = Funded(Recipient, Ether);
        var engine = new NativeExecutionEngine { BitcoinView = GenesisView() };
        IReadOnlyList<AccessListEntry> accessList = [new AccessListEntry(Recipient, [Hash32.Zero, Hash32.Zero])];

        var estimate = engine.EstimateGas(state, Recipient, HvmPrecompiles.AddressOf(HvmPrecompile.BtcHeaderN), [0, 0, 0, 1], 0, accessList);

        Assert.Equal(21_000UL + (3 * 4) + 16 + 2_400 + (2 * 1_900) + HvmPrecompiles.BtcHeaderNGas, estimate.Gas);
    }

    [Fact]
    public void EstimateGas_FailingCalls_ReportATypedReason_AndCreationIsRejected()
    {
        var state = Funded(Recipient, 100);
        var engine = new NativeExecutionEngine();
        var contract = Address.Parse("0x00000000000000000000000000000000000000cc");
        state.SetCode(contract, [0x60, 0x00]);

        var unsupported = engine.EstimateGas(state, Recipient, contract, [1, 2, 3, 4], 0);
        var unknown = engine.EstimateGas(state, Recipient, NativeErc20.GovernanceToken.Address, [1, 2, 3, 4], 0);
        var poor = engine.EstimateGas(state, Recipient, contract, [], 101);
        var creation = Assert.Throws<ExecutionException>(() => engine.EstimateGas(state, Recipient, null, [0x60], 0));

        Assert.Equal(NativeCallFailure.UnsupportedContract, unsupported.Call.Failure);
        Assert.False(unsupported.Succeeded);
        Assert.Equal(NativeCallFailure.UnknownFunction, unknown.Call.Failure);
        Assert.Equal(NativeCallFailure.InsufficientBalance, poor.Call.Failure);
        Assert.Equal(ExecutionError.ContractCreationNotSupported, creation.Error);
    }

    [Fact]
    public void RevertedReceipts_CarryTheirTypedFailure()
    {
        using var key = Key(33);
        var sender = AddressOf(key);
        var state = Funded(sender, Ether);
        var engine = new NativeExecutionEngine();
        var token = NativeErc20.GovernanceToken.Address;

        var hvm = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 0, SystemAddresses.HvmState, 0, 2 * Gwei, 0, gas: 100_000, data: [1, 2, 3, 4])), Context, 0);
        var unknown = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 1, token, 0, 2 * Gwei, 0, gas: 100_000, data: [1, 2, 3, 4])), Context, 0);
        var broke = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 2, token, 0, 2 * Gwei, 0, gas: 100_000, data: TransferFn.EncodeCall(Recipient, BigInteger.One))), Context, 0);
        var ok = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 3, Recipient, 1, 2 * Gwei, 0)), Context, 0);

        Assert.Equal(NativeCallFailure.UnsupportedContract, hvm.Failure);
        Assert.Equal(NativeCallFailure.UnknownFunction, unknown.Failure);
        Assert.Equal(NativeCallFailure.Reverted, broke.Failure);
        Assert.Equal("ERC20: transfer amount exceeds balance", broke.FailureReason);
        Assert.Null(ok.Failure);
    }

    [Fact]
    public void ContractCreation_IsRejectedBeforeExecution_LeavingTheStateUntouched()
    {
        using var key = Key(34);
        var state = Funded(AddressOf(key), Ether);
        var root = state.StateRoot;
        var create = new DynamicFeeTransaction { ChainId = ChainId, Nonce = 0, To = null, GasLimit = 100_000, MaxFeePerGas = 2 * Gwei, Data = [0x60, 0x00] }.Sign(key);

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine().ApplyTransaction(state, new UserTransaction(create), Context, 0));

        Assert.Equal(ExecutionError.ContractCreationNotSupported, error.Error);
        Assert.Equal("contract creation is not supported", error.Message);
        Assert.Equal(root, state.StateRoot);
    }

    [Fact]
    public void RewardToken_UsersCannotMint_OnlyThePopPayoutTransactionCan()
    {
        using var key = Key(35);
        var user = AddressOf(key);
        var state = Funded(user, Ether);
        var token = NativeErc20.GovernanceToken;
        var mintCall = new PopPayoutCall(25, [user], [Ether]).Encode();
        var engine = new NativeExecutionEngine();

        var attempt = engine.ApplyTransaction(state, new UserTransaction(Transfer(key, 0, token.Address, 0, 2 * Gwei, 0, gas: 200_000, data: mintCall)), Context, 0);

        Assert.False(attempt.Receipt.Succeeded);
        Assert.Equal(NativeCallFailure.UnknownFunction, attempt.Failure);
        Assert.Equal(BigInteger.Zero, token.TotalSupply(state));
        Assert.Equal((byte)18, token.Decimals);
        Assert.Equal(SystemAddresses.GovernanceToken, token.Address);
        Assert.Equal(Address.Parse("0x4200000000000000000000000000000000000042"), token.Address);
    }

    [Fact]
    public void PopPayoutV2_MintsAmountTimesMicroHemi_WithTransferLogsFromTheZeroAddress()
    {
        var miners = new[] { Address.Parse("0x43f7d4f2e15a668b443ac9bbcf944fc5200a68da"), Address.Parse("0x0bc2e7ecc5efc445b77737509256d8e0b2f98852") };
        var state = Funded(Recipient, 1);
        var payout = PopPayoutTransaction.Create(new PopPayoutV2Call(1000, miners, [100_000u, 1_563u]));

        var result = new NativeExecutionEngine().ExecuteBlock(Parent, state, [payout], Context);

        var receipt = Assert.Single(result.Receipts);
        Assert.Equal((byte)0x7D, (byte)receipt.Type);
        Assert.Equal("1966be6c", Convert.ToHexStringLower(payout.Data.Span[..4]));
        Assert.Equal(BigInteger.Pow(10, 17), NativeErc20.GovernanceToken.BalanceOf(state, miners[0])); // 100,000 µHEMI = 0.1 HEMI
        Assert.Equal(1_563 * BigInteger.Pow(10, 12), NativeErc20.GovernanceToken.BalanceOf(state, miners[1]));
        Assert.Equal(2, receipt.Logs.Count);
        Assert.All(receipt.Logs, log =>
        {
            Assert.Equal(NativeErc20.TransferTopic, log.Topics[0]);
            Assert.Equal(Hash32.Zero, log.Topics[1]);
        });
        Assert.Equal(miners[1].AsSpan().ToArray(), receipt.Logs[1].Topics[2].AsSpan()[12..].ToArray());
        Assert.Equal(0UL, result.GasUsed);
    }

    [Fact]
    public void PopPayout_ToAnyOtherTokenThanTheGovernanceToken_InvalidatesTheBlock()
    {
        var hemiBtc = NativeErc20.HemiBtc(Address.Parse("0x00000000000000000000000000000000000b7c00"));
        var state = Funded(Recipient, 1);
        hemiBtc.InstallCode(state);
        var payout = new PopPayoutTransaction { To = hemiBtc.Address, Data = new PopPayoutCall(25, [Recipient], [5]).Encode() };

        var error = Assert.Throws<ExecutionException>(() => new NativeExecutionEngine([hemiBtc]).ExecuteBlock(Parent, state, [payout], Context));

        Assert.Equal(ExecutionError.InvalidSystemTransaction, error.Error);
        Assert.Equal(BigInteger.Zero, hemiBtc.TotalSupply(state));
    }
}
