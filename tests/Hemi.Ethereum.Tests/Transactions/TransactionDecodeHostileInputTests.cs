using Hemi.Ethereum.Rlp;
using Hemi.Ethereum.Transactions;
using RlpCodec = Hemi.Ethereum.Rlp.Rlp;
using static Hemi.Ethereum.Tests.Transactions.TransactionTestData;

namespace Hemi.Ethereum.Tests.Transactions;

public sealed class TransactionDecodeHostileInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("03c0")] // EIP-4844 and later types are not supported
    [InlineData("7fc0")]
    [InlineData("00c0")]
    [InlineData("8180")] // an RLP string is not a transaction
    public void Decode_UnknownTypeOrShape_ThrowsFormatException(string hex)
    {
        Assert.ThrowsAny<EthereumFormatException>(() => EthereumTransaction.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Decode_TypeByteAlone_ThrowsRlpException()
    {
        Assert.Throws<RlpException>(() => EthereumTransaction.Decode([0x02]));
    }

    [Fact]
    public void Decode_TrailingBytes_Throw()
    {
        using var key = Key();
        byte[] legacy = [.. Legacy(1).Sign(key).Encode(), 0x00];
        byte[] typed = [.. DynamicFee().Sign(key).Encode(), 0x80];
        Assert.Throws<RlpException>(() => EthereumTransaction.Decode(legacy));
        Assert.Throws<RlpException>(() => EthereumTransaction.Decode(typed));
    }

    [Fact]
    public void Decode_EveryTruncation_Throws()
    {
        using var key = Key();
        foreach (var encoded in new[] { Legacy(1).Sign(key).Encode(), DynamicFee().Sign(key).Encode() })
        {
            for (var cut = 0; cut < encoded.Length; cut++)
            {
                var truncated = encoded[..cut];
                Assert.ThrowsAny<EthereumFormatException>(() => EthereumTransaction.Decode(truncated));
            }
        }
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(0, 7)]
    [InlineData(0, 10)]
    [InlineData(1, 7)]
    [InlineData(1, 10)]
    [InlineData(2, 8)]
    [InlineData(2, 11)]
    [InlineData(2, 13)]
    public void Decode_WrongFieldCount_Throws(int type, int fields)
    {
        var items = Enumerable.Range(0, fields).Select(_ => RlpCodec.EncodeString([])).ToArray();
        var list = RlpCodec.EncodeList(items);
        byte[] encoded = type == 0 ? list : [(byte)type, .. list];
        var ex = Assert.ThrowsAny<EthereumFormatException>(() => EthereumTransaction.Decode(encoded));
        Assert.Contains("fields", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NonCanonicalInteger_ThrowsRlpException()
    {
        // Legacy [nonce=0x00 (must be 0x80), gasPrice, gas, to, value, data]
        var encoded = RlpCodec.EncodeList(
            [0x00], RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(21000), RlpCodec.EncodeString([]), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeString([]));
        Assert.Throws<RlpException>(() => EthereumTransaction.Decode(encoded));

        var leadingZero = RlpCodec.EncodeList(
            RlpCodec.EncodeString([0x00, 0x01]), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(21000), RlpCodec.EncodeString([]), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeString([]));
        Assert.Throws<RlpException>(() => EthereumTransaction.Decode(leadingZero));
    }

    [Fact]
    public void Decode_RecipientOfWrongLength_Throws()
    {
        var encoded = RlpCodec.EncodeList(
            RlpCodec.EncodeUInt64(0), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(21000), RlpCodec.EncodeString(new byte[19]), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeString([]));
        Assert.ThrowsAny<EthereumFormatException>(() => EthereumTransaction.Decode(encoded));
    }

    [Fact]
    public void Decode_ValueWiderThan256Bits_Throws()
    {
        var encoded = RlpCodec.EncodeList(
            RlpCodec.EncodeUInt64(0), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(21000), RlpCodec.EncodeString([]),
            RlpCodec.EncodeString(Enumerable.Repeat((byte)1, 33).ToArray()), RlpCodec.EncodeString([]));
        Assert.Throws<RlpException>(() => EthereumTransaction.Decode(encoded));
    }

    [Fact]
    public void Decode_MalformedAccessListEntry_Throws()
    {
        // Type 1, unsigned: [chainId, nonce, gasPrice, gas, to, value, data, accessList] with an entry of 3 items.
        var entry = RlpCodec.EncodeList(RlpCodec.EncodeString(new byte[20]), RlpCodec.EncodeList(), RlpCodec.EncodeString([]));
        var fields = RlpCodec.EncodeList(
            RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(21000),
            RlpCodec.EncodeString([]), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeString([]), RlpCodec.EncodeList(entry));
        Assert.ThrowsAny<EthereumFormatException>(() => EthereumTransaction.Decode([0x01, .. fields]));

        var shortKey = RlpCodec.EncodeList(RlpCodec.EncodeString(new byte[20]), RlpCodec.EncodeList(RlpCodec.EncodeString(new byte[31])));
        var fields2 = RlpCodec.EncodeList(
            RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUInt64(21000),
            RlpCodec.EncodeString([]), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeString([]), RlpCodec.EncodeList(shortKey));
        Assert.ThrowsAny<EthereumFormatException>(() => EthereumTransaction.Decode([0x01, .. fields2]));
    }

    [Fact]
    public void Decode_HugeDeclaredDataLength_ThrowsWithoutAllocating()
    {
        // Type 2 envelope whose list claims 2^60 bytes.
        byte[] encoded = [0x02, 0xFF, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x80];
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<RlpException>(() => EthereumTransaction.Decode(encoded));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }
}
