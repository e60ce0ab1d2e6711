using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;
using Hemi.Protocol.Chain;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.L2;
using Hemi.Protocol.L2.Transactions;
using Hemi.Protocol.Pop;
using static Hemi.Protocol.Tests.L2.L2TestKeys;

namespace Hemi.Protocol.Tests.L2.Transactions;

public sealed class L2TransactionTests
{
    [Fact]
    public void BitcoinAttributes_EncodesAsTypeThenToGasData_HandComputed()
    {
        var tx = new BitcoinAttributesTransaction { To = SystemAddresses.HvmState, Data = new byte[] { 0xc9, 0x4f, 0x1c, 0xca } };
        // 0x7c ‖ list(30 bytes) [0x94 ‖ 20-byte address, 0x83 0f4240 (1,000,000), 0x84 c94f1cca]
        var expected = Convert.FromHexString("7cde94" + "84" + new string('0', 38) + "830f4240" + "84c94f1cca");
        Assert.Equal(expected, tx.Encode());
        Assert.Equal(new Hash32(Keccak256.Hash(expected)), tx.Hash);
        Assert.True(tx.IsSystem);
        Assert.False(tx.IsAllowedFromMempool);
        Assert.Equal(SystemAddresses.SystemSender, tx.Sender);
    }

    [Fact]
    public void BitcoinAttributes_WithProtocolDocVector_IsByteExact()
    {
        // hemi-protocol.md §6.1: tip 1122…88 (internal order) and one header of 80×aa.
        const string tipHex = "1122334455667788112233445566778811223344556677881122334455667788";
        var header = Enumerable.Repeat((byte)0xaa, 80).ToArray();
        var tx = BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(Hash256.ParseInternalHex(tipHex), [header]));

        static string Word(int value) => value.ToString("x64");
        var callData = "c94f1cca" + tipHex + Word(0x40) + Word(1) + Word(0x20) + Word(0x50) + new string('a', 160) + new string('0', 32);
        // 0x7c ‖ list(0x120 bytes) [0x94 ‖ 0x8400…00, 0x83 0f4240, 0xb9 0104 ‖ 260 bytes of call data]
        var expected = "7c" + "f90120" + "94" + "84" + new string('0', 38) + "830f4240" + "b90104" + callData;
        Assert.Equal(expected, Convert.ToHexStringLower(tx.Encode()));
    }

    [Fact]
    public void PopPayout_WithoutRecipient_EncodesEmptyTo()
    {
        var tx = new PopPayoutTransaction { To = null, Gas = 0, Data = ReadOnlyMemory<byte>.Empty };
        Assert.Equal(new byte[] { 0x7d, 0xc3, 0x80, 0x80, 0x80 }, tx.Encode());
        var decoded = Assert.IsType<PopPayoutTransaction>(L2Transaction.Decode(tx.Encode()));
        Assert.Null(decoded.To);
        Assert.Equal(tx, decoded);
    }

    [Fact]
    public void Create_FromCalls_RoundTripsThroughDecode()
    {
        var header = new byte[80];
        header[0] = 1;
        var call = new BitcoinAttributesCall(Hash256.Parse("000000000000000000006e4855d5adfaefb7611c9446eb41ceb8a9327188eda8"), [header]);
        var attributes = BitcoinAttributesTransaction.Create(call);
        var decoded = Assert.IsType<BitcoinAttributesTransaction>(L2Transaction.Decode(attributes.Encode()));
        Assert.Equal(SystemAddresses.HvmState, decoded.To);
        Assert.Equal(1_000_000UL, decoded.Gas);
        Assert.Equal(call.CanonicalTip, decoded.DecodeCall().CanonicalTip);
        Assert.Equal(header, decoded.DecodeCall().Headers[0]);

        var payout = PopPayoutTransaction.Create(new PopPayoutCall(25, [Address.Parse("0x00000000000000000000000000000000000000aa")], [BigInteger.Pow(10, 18)]));
        var decodedPayout = Assert.IsType<PopPayoutTransaction>(L2Transaction.Decode(payout.Encode()));
        Assert.Equal(SystemAddresses.GovernanceToken, decodedPayout.To);
        Assert.Equal(25UL, decodedPayout.DecodeCall().BlockRewarded);
        Assert.Equal(payout.Hash, decodedPayout.Hash);
    }

    [Fact]
    public void Decode_UserTypes_WrapEthereumTransactions_AndKeepTheirHash()
    {
        using var key = Key(1);
        EthereumTransaction[] txs =
        [
            LegacyTransfer(key, 0, Address.Zero, 1, 10),
            new AccessListTransaction { ChainId = ChainId, GasLimit = 30_000, To = Address.Zero, GasPrice = 5 }.Sign(key),
            Transfer(key, 3, Address.Zero, 7, 100, 2),
        ];
        foreach (var tx in txs)
        {
            var decoded = Assert.IsType<UserTransaction>(L2Transaction.Decode(tx.Encode()));
            Assert.Equal(tx, decoded.Transaction);
            Assert.Equal(tx.GetHash(), decoded.Hash);
            Assert.Equal((byte)tx.Type, decoded.TypeByte);
            Assert.True(decoded.IsAllowedFromMempool);
        }
    }

    [Fact]
    public void DecodedUserTransaction_KeepsItsBytes_ButNeverHandsOutTheKeptArray()
    {
        using var key = Key(1);
        var tx = Transfer(key, 3, Address.Zero, 7, 100, 2);
        var encoded = tx.Encode();
        var decoded = Assert.IsType<UserTransaction>(L2Transaction.Decode(encoded));
        var built = new UserTransaction(tx);

        Assert.Equal(encoded.Length, decoded.EncodedLength);
        Assert.Equal(encoded.Length, built.EncodedLength);
        Assert.Equal(built, decoded);
        Assert.Equal(built.GetHashCode(), decoded.GetHashCode());

        // Neither the caller's input nor an earlier result is the kept encoding.
        encoded[^1] ^= 0xFF;
        var first = decoded.Encode();
        first[0] ^= 0xFF;
        Assert.Equal(tx.Encode(), decoded.Encode());
        Assert.Equal(tx.GetHash(), decoded.Hash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("03c0")]
    [InlineData("7ec0")]
    [InlineData("7bc0")]
    [InlineData("80")]
    [InlineData("7c")]
    [InlineData("7cc0")]
    [InlineData("7cc3808080ff")]
    [InlineData("7cc4820001808080")]
    [InlineData("7cc58301020380")]
    [InlineData("7dc480808080")]
    [InlineData("02c0")]
    public void Decode_RejectsUnknownTypesAndMalformedPayloads(string hex)
    {
        Assert.Throws<L2FormatException>(() => L2Transaction.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void SystemTransaction_RoundTripsRandomFields()
    {
        var gen = from isAttributes in ArbMap.Default.GeneratorFor<bool>()
                  from hasTo in ArbMap.Default.GeneratorFor<bool>()
                  from to in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 20)
                  from gas in ArbMap.Default.GeneratorFor<ulong>()
                  from data in ArbMap.Default.GeneratorFor<byte[]>()
                  select isAttributes
                      ? (SystemTransaction)new BitcoinAttributesTransaction { To = hasTo ? new Address(to) : null, Gas = gas, Data = data }
                      : new PopPayoutTransaction { To = hasTo ? new Address(to) : null, Gas = gas, Data = data };
        Prop.ForAll(gen.ToArbitrary(), tx =>
        {
            var decoded = L2Transaction.Decode(tx.Encode());
            return decoded.Equals(tx) && decoded.GetType() == tx.GetType() && decoded.Hash == tx.Hash;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void UserTransactions_RoundTripRandomSignedFields()
    {
        using var key = Key(3);
        var gen = from nonce in ArbMap.Default.GeneratorFor<ulong>()
                  from gas in ArbMap.Default.GeneratorFor<ulong>()
                  from value in ArbMap.Default.GeneratorFor<uint>()
                  from fee in ArbMap.Default.GeneratorFor<uint>()
                  from data in ArbMap.Default.GeneratorFor<byte[]>()
                  from kind in Gen.Choose(0, 2)
                  select kind switch
                  {
                      0 => (EthereumTransaction)new LegacyTransaction { ChainId = ChainId, Nonce = nonce, GasLimit = gas, Value = value, GasPrice = fee, To = Address.Zero, Data = data },
                      1 => new AccessListTransaction { ChainId = ChainId, Nonce = nonce, GasLimit = gas, Value = value, GasPrice = fee, To = null, Data = data },
                      _ => new DynamicFeeTransaction { ChainId = ChainId, Nonce = nonce, GasLimit = gas, Value = value, MaxFeePerGas = fee, MaxPriorityFeePerGas = fee / 2, To = Address.Zero, Data = data },
                  };
        Prop.ForAll(gen.ToArbitrary(), unsigned =>
        {
            var tx = unsigned.Sign(key);
            var decoded = (UserTransaction)L2Transaction.Decode(tx.Encode());
            return decoded.Transaction.Equals(tx) && decoded.Hash == tx.GetHash() && decoded.Transaction.RecoverSender(ChainId) == AddressOf(key);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DecodeFromMempool_RejectsSystemTypes_AcceptsUserTypes()
    {
        using var key = Key(1);
        var user = Transfer(key, 0, Address.Zero, 1, 10, 1);
        Assert.Equal(user, L2Transaction.DecodeFromMempool(user.Encode()).Transaction);
        var system = new BitcoinAttributesTransaction { To = SystemAddresses.HvmState };
        Assert.Throws<L2FormatException>(() => L2Transaction.DecodeFromMempool(system.Encode()));
        Assert.Throws<L2FormatException>(() => L2Transaction.DecodeFromMempool(new PopPayoutTransaction().Encode()));
        Assert.Throws<L2FormatException>(() => L2Transaction.DecodeFromMempool([]));
    }

    [Fact]
    public void Decode_DamagedRealTransactions_ThrowsOnlyL2FormatException()
    {
        using var key = Key(2);
        byte[][] samples =
        [
            Transfer(key, 5, Address.Zero, 1, 10, 1, data: [1, 2, 3]).Encode(),
            LegacyTransfer(key, 1, Address.Zero, 1, 10).Encode(),
            new AccessListTransaction { ChainId = ChainId, GasLimit = 30_000, To = Address.Zero, GasPrice = 5, AccessList = [new AccessListEntry(Address.Zero, [Hash32.Zero])] }.Sign(key).Encode(),
            BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(Hash256.Parse("000000000000000000006e4855d5adfaefb7611c9446eb41ceb8a9327188eda8"), [new byte[80]])).Encode(),
        ];
        var damage = from sample in Gen.Elements(samples)
                     from position in Gen.Choose(0, sample.Length - 1)
                     from value in ArbMap.Default.GeneratorFor<byte>()
                     from cut in Gen.Choose(0, sample.Length)
                     select (sample, position, value, cut);
        Prop.ForAll(damage.ToArbitrary(), d =>
        {
            var copy = (byte[])d.sample.Clone();
            copy[d.position] = d.value;
            var error = Record.Exception(() => L2Transaction.Decode(copy));
            var truncated = Record.Exception(() => L2Transaction.Decode(d.sample.AsSpan(0, d.cut)));
            return error is null or L2FormatException && (d.cut == d.sample.Length ? truncated is null : truncated is L2FormatException);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Decode_RandomBytes_ThrowsOnlyL2FormatException()
    {
        var gen = from type in Gen.Elements<byte>(0x00, 0x01, 0x02, 0x7C, 0x7D, 0xC5, 0xF8)
                  from rest in ArbMap.Default.GeneratorFor<byte[]>()
                  select (byte[])[type, .. rest];
        Prop.ForAll(gen.ToArbitrary(), bytes =>
        {
            var error = Record.Exception(() => L2Transaction.Decode(bytes));
            return error is null or L2FormatException;
        }).QuickCheckThrowOnFailure();
    }
}
