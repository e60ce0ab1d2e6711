using Hemi.Bitcoin;
using Hemi.Crypto;
using Hemi.Ethereum.Abi;
using Hemi.Protocol.Hvm;

namespace Hemi.Protocol.Tests.Hvm;

public sealed class BitcoinAttributesCallTests
{
    // op-geth core/types/btc_attributes_deposit_data_test.go (hemi-protocol.md §6.1).
    private const string Tip = "1122334455667788112233445566778811223344556677881122334455667788";

    private static string Word(int value) => value.ToString("x64");

    private static byte[] Header(byte first) => Enumerable.Repeat(first, 80).ToArray();

    [Fact]
    public void Encode_NoHeaders_MatchesUpstream()
    {
        var call = new BitcoinAttributesCall(Hash256.FromInternal(Hex.Decode(Tip)), []);

        var data = call.Encode();

        Assert.Equal(100, data.Length);
        Assert.Equal("c94f1cca" + Tip + Word(0x40) + Word(0), Hex.Encode(data));
    }

    [Fact]
    public void Encode_OneHeader_MatchesUpstream()
    {
        var call = new BitcoinAttributesCall(Hash256.FromInternal(Hex.Decode(Tip)), [Header(0xaa)]);

        var expected = "c94f1cca" + Tip + Word(0x40) + Word(1) + Word(0x20) + Word(0x50)
            + string.Concat(Enumerable.Repeat("aa", 80)) + string.Concat(Enumerable.Repeat("00", 16));
        Assert.Equal(expected, Hex.Encode(call.Encode()));
    }

    [Fact]
    public void Encode_SixHeaders_UsesUpstreamOffsets()
    {
        byte[] firsts = [0xaa, 0xba, 0xca, 0xda, 0xea, 0xfa];
        var call = new BitcoinAttributesCall(Hash256.FromInternal(Hex.Decode(Tip)), firsts.Select(Header).ToArray());

        var data = call.Encode();

        // After selector, tip and the array offset: the count, then six element offsets.
        var offsets = Enumerable.Range(0, 6).Select(i => Hex.Encode(data.AsSpan(4 + 32 + 32 + 32 + (32 * i), 32))).ToArray();
        Assert.Equal(new[] { 0xc0, 0x140, 0x1c0, 0x240, 0x2c0, 0x340 }.Select(Word).ToArray(), offsets);
        var decoded = BitcoinAttributesCall.Decode(data);
        Assert.Equal(call.CanonicalTip, decoded.CanonicalTip);
        Assert.Equal(call.Headers, decoded.Headers);
    }

    [Fact]
    public void Constructor_RejectsSevenHeadersOrWrongSizes()
    {
        var tip = Hash256.FromInternal(Hex.Decode(Tip));
        Assert.Throws<ArgumentException>(() => new BitcoinAttributesCall(tip, Enumerable.Range(0, 7).Select(_ => Header(1)).ToArray()));
        Assert.Throws<ArgumentException>(() => new BitcoinAttributesCall(tip, [new byte[79]]));
    }

    [Fact]
    public void Decode_RejectsWrongSelectorAndTruncation()
    {
        var data = new BitcoinAttributesCall(Hash256.FromInternal(Hex.Decode(Tip)), [Header(0xaa)]).Encode();

        Assert.ThrowsAny<AbiException>(() => BitcoinAttributesCall.Decode(data.AsSpan(0, data.Length - 1)));
        data[0] ^= 1;
        Assert.ThrowsAny<AbiException>(() => BitcoinAttributesCall.Decode(data));
    }
}
