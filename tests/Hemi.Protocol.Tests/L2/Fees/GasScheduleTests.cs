using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Protocol.L2.Fees;

namespace Hemi.Protocol.Tests.L2.Fees;

public sealed class GasScheduleTests
{
    [Fact]
    public void IntrinsicGas_PlainTransfer_Is21000()
    {
        Assert.Equal(21_000UL, GasSchedule.IntrinsicGas(new DynamicFeeTransaction { To = Address.Zero }));
    }

    [Fact]
    public void IntrinsicGas_ChargesCalldataPerZeroAndNonZeroByte()
    {
        var tx = new LegacyTransaction { To = Address.Zero, Data = [0, 1, 0, 2, 0] };
        Assert.Equal(21_000UL + (3 * 4) + (2 * 16), GasSchedule.IntrinsicGas(tx));
    }

    [Fact]
    public void IntrinsicGas_ChargesAccessListAddressesAndKeys()
    {
        var tx = new AccessListTransaction
        {
            To = Address.Zero,
            AccessList = [new AccessListEntry(Address.Zero, [Hash32.Zero, Hash32.Zero]), new AccessListEntry(Address.Zero, [])],
        };
        Assert.Equal(21_000UL + (2 * 2_400) + (2 * 1_900), GasSchedule.IntrinsicGas(tx));
    }

    [Fact]
    public void IntrinsicGas_CreationAddsCreationCost()
    {
        Assert.Equal(53_000UL, GasSchedule.IntrinsicGas(new DynamicFeeTransaction { To = null }));
    }
}
