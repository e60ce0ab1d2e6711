using System.Numerics;
using Hemi.Ethereum;
using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.State;
using static Hemi.Protocol.Tests.L2.L2TestKeys;

namespace Hemi.Protocol.Tests.L2.Execution;

/// <summary>The block the execution tests run in (block 10 on a half-full parent, base fee 1 gwei) and funded states.</summary>
internal static class ExecutionTestChain
{
    public static readonly Address Coinbase = Address.Parse("0x00000000000000000000000000000000000c0ffe");
    public static readonly Address Recipient = Address.Parse("0x0000000000000000000000000000000000001234");
    public static readonly BigInteger Gwei = 1_000_000_000;
    public static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    public static readonly L2BlockHeader Parent = new()
    {
        Number = 9,
        Timestamp = 1000,
        GasLimit = 30_000_000,
        GasUsed = 15_000_000,
        BaseFeePerGas = Gwei,
    };

    public static BlockContext Context => new(10, 1012, Coinbase, Gwei, 30_000_000, ChainId);

    /// <summary>A state with the native contracts and <paramref name="account"/> holding <paramref name="balance"/>.</summary>
    public static WorldState Funded(Address account, BigInteger balance)
    {
        var state = FundedAll();
        state.SetBalance(account, balance);
        return state;
    }

    /// <summary>A state with the native contracts and one ether on each of <paramref name="accounts"/>.</summary>
    public static WorldState FundedAll(params Address[] accounts)
    {
        var state = new WorldState();
        NativeContracts.Install(state);
        foreach (var account in accounts)
        {
            state.SetBalance(account, Ether);
        }

        return state;
    }
}
