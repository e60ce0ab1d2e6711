using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum.Receipts;
using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Transactions;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;

namespace Hemi.Ethereum.Tests.Receipts;

public sealed class ReceiptTests
{
    private static readonly Log TransferLog = new(
        Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        [Hash32.Parse("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")],
        [0x01]);

    [Fact]
    public void Encode_TypedReceiptWithoutLogs_MatchesHandBuiltBytes()
    {
        var receipt = Receipt.Create(TransactionType.DynamicFee, success: true, cumulativeGasUsed: 21000, logs: []);
        // 0x02 ‖ rlp([0x01, 0x825208, 0xb90100 ‖ 256 zero bytes, 0xc0]); payload 1 + 3 + 259 + 1 = 264 = 0x0108.
        byte[] expected = [0x02, 0xF9, 0x01, 0x08, 0x01, 0x82, 0x52, 0x08, 0xB9, 0x01, 0x00, .. new byte[256], 0xC0];
        Assert.Equal(expected, receipt.Encode());
        Assert.Equal(receipt, Receipt.Decode(expected));
    }

    [Theory]
    [InlineData(0x7C)] // Hemi's Bitcoin attributes system transaction
    [InlineData(0x7D)] // Hemi's PoP payout system transaction
    public void Decode_ChainSpecificTypedReceipt_RoundTrips(byte type)
    {
        var receipt = Receipt.Create((TransactionType)type, success: true, cumulativeGasUsed: 0, logs: [TransferLog]);

        var encoded = receipt.Encode();

        Assert.Equal(type, encoded[0]);
        Assert.Equal(receipt, Receipt.Decode(encoded));
    }

    [Fact]
    public void Encode_LegacyFailedReceiptWithLog_MatchesHandBuiltBytes()
    {
        var receipt = Receipt.Create(TransactionType.Legacy, success: false, cumulativeGasUsed: 0, logs: [TransferLog]);
        // log = [0x94 ‖ address, [0xa0 ‖ topic], 0x01]: 21 + 34 + 1 = 56 payload → long list header f838.
        byte[] log = [0xF8, 0x38, 0x94, .. TransferLog.Address.AsSpan(), 0xE1, 0xA0, .. TransferLog.Topics[0].AsSpan(), 0x01];
        byte[] logs = [0xF8, 0x3A, .. log];
        byte[] payload = [0x80, 0x80, 0xB9, 0x01, 0x00, .. receipt.Bloom.AsSpan(), .. logs];
        byte[] expected = [0xF9, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
        Assert.Equal(expected, receipt.Encode());
        var decoded = Receipt.Decode(expected);
        Assert.Equal(receipt, decoded);
        Assert.False(decoded.Succeeded);
        Assert.True(decoded.BloomMatchesLogs());
        Assert.Equal(TransferLog, decoded.Logs.Single());
    }

    [Fact]
    public void Decode_PreByzantiumPostStateReceipt_RoundTrips()
    {
        var receipt = new Receipt
        {
            Type = TransactionType.Legacy,
            PostState = Hash32.Parse(new string('7', 64)),
            CumulativeGasUsed = 123456,
            Bloom = Bloom.FromLogs([TransferLog]),
            Logs = [TransferLog],
        };
        var decoded = Receipt.Decode(receipt.Encode());
        Assert.Equal(receipt.PostState, decoded.PostState);
        Assert.Equal(receipt, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("03c0")] // typed, but no fields
    [InlineData("00c0")] // type 0 is not a typed receipt
    [InlineData("02")] // type byte only
    [InlineData("c0")] // no fields
    public void Decode_MalformedInput_ThrowsFormatException(string hex)
    {
        Assert.ThrowsAny<EthereumFormatException>(() => Receipt.Decode(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })] // zero must be 0x80
    [InlineData(new byte[] { 0x02 })] // status is 0 or 1
    [InlineData(new byte[] { 0x82, 0x00, 0x01 })]
    public void Decode_BadStatus_Throws(byte[] statusRlp)
    {
        var encoded = RlpCodec.EncodeList(statusRlp, RlpCodec.EncodeUInt64(1), RlpCodec.EncodeString(new byte[256]), RlpCodec.EncodeList());
        Assert.ThrowsAny<EthereumFormatException>(() => Receipt.Decode(encoded));
    }

    [Fact]
    public void Decode_WrongBloomLengthOrTrailingBytes_Throws()
    {
        var shortBloom = RlpCodec.EncodeList(RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeString(new byte[255]), RlpCodec.EncodeList());
        Assert.ThrowsAny<EthereumFormatException>(() => Receipt.Decode(shortBloom));

        byte[] trailing = [.. Receipt.Create(TransactionType.AccessList, true, 5, []).Encode(), 0x80];
        Assert.Throws<RlpException>(() => Receipt.Decode(trailing));

        var extraField = RlpCodec.EncodeList(
            RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeString(new byte[256]), RlpCodec.EncodeList(), RlpCodec.EncodeList());
        Assert.Throws<RlpException>(() => Receipt.Decode(extraField));
    }

    [Fact]
    public void EncodeDecode_RoundTripsRandomReceipts_AndGarbageOnlyThrowsFormatExceptions()
    {
        var bytes = ArbMap.Default.GeneratorFor<byte>();
        var logs =
            from address in Gen.ArrayOf(bytes, 20)
            from topicCount in Gen.Choose(0, 4)
            from topics in Gen.ArrayOf(Gen.ArrayOf(bytes, 32).Select(t => new Hash32(t)), topicCount)
            from dataLength in Gen.Choose(0, 80)
            from data in Gen.ArrayOf(bytes, dataLength)
            select new Log(new Address(address), topics, data);
        var receipts =
            from type in Gen.Choose(0, 2)
            from success in ArbMap.Default.GeneratorFor<bool>()
            from gas in ArbMap.Default.GeneratorFor<ulong>()
            from count in Gen.Choose(0, 3)
            from logList in Gen.ArrayOf(logs, count)
            select Receipt.Create((TransactionType)type, success, gas, logList);

        Prop.ForAll(receipts.ToArbitrary(), receipt =>
        {
            var decoded = Receipt.Decode(receipt.Encode());
            return decoded.Equals(receipt) && decoded.BloomMatchesLogs() && decoded.Type == receipt.Type;
        }).QuickCheckThrowOnFailure();

        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            from receipt in receipts
            from position in Gen.Choose(0, 2000)
            from value in bytes
            select Mutate(receipt.Encode(), position, value)).ToArbitrary();
        Prop.ForAll(garbage, input =>
        {
            try
            {
                return Receipt.Decode(input).Encode().AsSpan().SequenceEqual(input);
            }
            catch (EthereumFormatException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] Mutate(byte[] encoded, int position, byte value)
    {
        var copy = (byte[])encoded.Clone();
        copy[position % copy.Length] = value;
        return copy;
    }
}
