using System.Numerics;
using Hemi.Crypto;
using Hemi.Ethereum;
using Hemi.Protocol.Pop;

namespace Hemi.Protocol.Tests.Pop;

public sealed class PopPayoutCallTests
{
    [Fact]
    public void Encode_MatchesUpstreamLayout()
    {
        // op-node pop_payout.go comment (hemi-protocol.md §6.1): block 1000, three miners.
        Address[] miners =
        [
            Address.Parse("43f7d4f2e15a668b443ac9bbcf944fc5200a68da"),
            Address.Parse("0bc2e7ecc5efc445b77737509256d8e0b2f98852"),
            Address.Parse("7a9cd08fcc037fa50b95833624f9640f308c23cc"),
        ];
        BigInteger[] amounts = [BigInteger.Pow(10, 18), 2 * BigInteger.Pow(10, 18), 3];
        var call = new PopPayoutCall(1000, miners, amounts);

        var hex = Hex.Encode(call.Encode());

        Assert.StartsWith("1725877d", hex);
        string Word(int index) => hex.Substring(8 + (64 * index), 64);
        Assert.Equal(1000.ToString("x64"), Word(0));
        Assert.Equal(0x60.ToString("x64"), Word(1));
        Assert.Equal(0xe0.ToString("x64"), Word(2));
        Assert.Equal(3.ToString("x64"), Word(3));
        Assert.Equal("00000000000000000000000043f7d4f2e15a668b443ac9bbcf944fc5200a68da", Word(4));
        Assert.Equal(3.ToString("x64"), Word(7));

        var decoded = PopPayoutCall.Decode(call.Encode());
        Assert.Equal(1000ul, decoded.BlockRewarded);
        Assert.Equal(miners, decoded.Miners);
        Assert.Equal(amounts, decoded.Amounts);
    }

    [Fact]
    public void Constructor_RejectsMismatchedLists()
    {
        Assert.Throws<ArgumentException>(() => new PopPayoutCall(25, [Address.Zero], []));
    }
}
