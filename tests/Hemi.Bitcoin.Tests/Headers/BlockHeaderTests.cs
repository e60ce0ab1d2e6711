using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Tests.Headers;

public sealed class BlockHeaderTests
{
    [VectorFact("bitcoinjs-lib/block.json")]
    public void Parse_MatchesBitcoinjsHeaderFields_AndProofOfWork()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText("bitcoinjs-lib/block.json"));
        var checkedCount = 0;
        foreach (var item in doc.RootElement.GetProperty("valid").EnumerateArray())
        {
            var hex = item.GetProperty("hex").GetString()!;
            var header = BlockHeader.ParseHex(hex[..160]);
            Assert.Equal(item.GetProperty("version").GetInt32(), header.Version);
            Assert.Equal(item.GetProperty("prevHash").GetString(), header.PrevBlock.ToInternalHex());
            Assert.Equal(item.GetProperty("merkleRoot").GetString(), header.MerkleRoot.ToInternalHex());
            Assert.Equal(item.GetProperty("timestamp").GetUInt32(), header.Time);
            Assert.Equal(item.GetProperty("bits").GetUInt32(), header.Bits);
            Assert.Equal(item.GetProperty("nonce").GetUInt32(), header.Nonce);
            Assert.Equal(item.GetProperty("id").GetString(), header.GetHash().ToString());
            Assert.Equal(item.GetProperty("hash").GetString(), header.GetHash().ToInternalHex());
            Assert.Equal(hex[..160], Convert.ToHexStringLower(header.ToBytes()));
            // The "nonce changed" entry is the one with valid=false: its hash misses the target.
            var powOk = Target.CheckProofOfWork(header.GetHash(), header.Bits, Network.Mainnet);
            Assert.Equal(item.GetProperty("valid").GetBoolean(), powOk);
            checkedCount++;
        }

        Assert.True(checkedCount >= 8);
    }

    [VectorFact("bitcoinjs-lib/block.json")]
    public void Parse_RejectsBitcoinjsInvalidHeaders()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText("bitcoinjs-lib/block.json"));
        foreach (var item in doc.RootElement.GetProperty("invalid").EnumerateArray())
        {
            var raw = Convert.FromHexString(item.GetProperty("hex").GetString()!);
            Assert.Throws<BitcoinFormatException>(() => BlockHeader.Parse(raw));
        }
    }

    [Fact]
    public void Parse_RejectsWrongLength()
    {
        Assert.Throws<BitcoinFormatException>(() => BlockHeader.Parse(new byte[79]));
        Assert.Throws<BitcoinFormatException>(() => BlockHeader.Parse(new byte[81]));
        Assert.Throws<BitcoinFormatException>(() => BlockHeader.ParseHex("00"));
    }

    [Fact]
    public void ToBytes_RoundTripsRandomHeaders() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), 80)), raw =>
        {
            var header = BlockHeader.Parse(raw);
            return header.ToBytes().AsSpan().SequenceEqual(raw)
                && header.GetHash() == Hash256.DoubleSha256(raw)
                && header.Equals(BlockHeader.Parse(header.ToBytes()));
        }).QuickCheckThrowOnFailure();
}
