using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum;
using Hemi.Ethereum.Abi;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Pop;

public sealed class PopPayoutV2CallTests
{
    private static string Word(BigInteger value) => value.ToString("x64").TrimStart('0').PadLeft(64, '0');

    [Fact]
    public void Encode_UsesThePoPPayoutsV2Selector_AndStandardAbiLayout()
    {
        var miner = Address.Parse("0x7a9cd08fcc037fa50b95833624f9640f308c23cc");
        var call = new PopPayoutV2Call(1000, [miner], [uint.MaxValue]);

        var expected = "1966be6c" + Word(1000) + Word(0x60) + Word(0xa0)
            + Word(1) + new string('0', 24) + "7a9cd08fcc037fa50b95833624f9640f308c23cc"
            + Word(1) + Word(uint.MaxValue);
        Assert.Equal(expected, Convert.ToHexStringLower(call.Encode()));
        Assert.Equal("0x1966be6c", PopPayoutV2Call.Function.SelectorHex);
        Assert.Equal(uint.MaxValue * BigInteger.Pow(10, 12), call.ToBaseUnits().Amounts[0]);
    }

    [Fact]
    public void DecodeRewards_AcceptsBothForms_InBaseUnits()
    {
        var miner = Address.Parse("0x0bc2e7ecc5efc445b77737509256d8e0b2f98852");
        var v1 = PopPayoutTransaction.Create(new PopPayoutCall(50, [miner], [BigInteger.Pow(10, 18)]));
        var v2 = PopPayoutTransaction.Create(new PopPayoutV2Call(50, [miner], [1_000_000u]));

        Assert.Equal(BigInteger.Pow(10, 18), v1.DecodeRewards().Amounts[0]);
        Assert.Equal(BigInteger.Pow(10, 18), v2.DecodeRewards().Amounts[0]);
        Assert.Equal(50UL, v2.DecodeRewards().BlockRewarded);
    }

    [Fact]
    public void Decode_RejectsAmountsAboveUint32()
    {
        var data = PopPayoutV2Call.Function.EncodeCall(1UL, new object?[] { Address.Zero }, new object?[] { new BigInteger(uint.MaxValue) });
        data[^5] = 1; // 2^32 + (2^32 − 1)

        Assert.Throws<AbiException>(() => PopPayoutV2Call.Decode(data));
    }

    [Fact]
    public void RoundTrips_AndRandomBytesGiveOnlyAbiException()
    {
        var gen = from block in ArbMap.Default.GeneratorFor<ulong>()
                  from pairs in Gen.ListOf(from a in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 20)
                                           from amount in ArbMap.Default.GeneratorFor<uint>()
                                           select (new Address(a), amount))
                  select new PopPayoutV2Call(block, pairs.Select(p => p.Item1).ToArray(), pairs.Select(p => p.amount).ToArray());
        Prop.ForAll(gen.ToArbitrary(), call =>
        {
            var decoded = PopPayoutV2Call.Decode(call.Encode());
            return decoded.BlockRewarded == call.BlockRewarded && decoded.Miners.SequenceEqual(call.Miners) && decoded.Amounts.SequenceEqual(call.Amounts);
        }).QuickCheckThrowOnFailure();

        var garbage = from tail in ArbMap.Default.GeneratorFor<byte[]>() select (byte[])[0x19, 0x66, 0xbe, 0x6c, .. tail];
        Prop.ForAll(garbage.ToArbitrary(), bytes =>
            Record.Exception(() => PopPayoutV2Call.Decode(bytes)) is null or AbiException).QuickCheckThrowOnFailure();
    }
}
