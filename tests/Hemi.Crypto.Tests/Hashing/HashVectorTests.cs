using System.Text.Json;

namespace Hemi.Crypto.Tests.Hashing;

public sealed class HashVectorTests
{
    private const string Hashes = "ethers-testcases/hashes.json.gz";

    [VectorFact(Hashes)]
    public void Sha256_Ripemd160_Keccak256_MatchEthersHashCases()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(Hashes));
        var count = 0;
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var data = Hex.Decode(item.GetProperty("data").GetString());
            Assert.Equal(item.GetProperty("sha256").GetString(), Hex.EncodePrefixed(Sha256.Hash(data)));
            Assert.Equal(item.GetProperty("ripemd160").GetString(), Hex.EncodePrefixed(Ripemd160.Hash(data)));
            Assert.Equal(item.GetProperty("keccak256").GetString(), Hex.EncodePrefixed(Keccak256.Hash(data)));

            using var sha = new Sha256Hasher();
            sha.Append(data);
            Assert.Equal(item.GetProperty("sha256").GetString(), Hex.EncodePrefixed(sha.GetHashAndReset()));
            count++;
        }

        Assert.True(count > 200);
    }

    [Fact]
    public void Ripemd160_MatchesSpecificationExamples()
    {
        // From the RIPEMD-160 reference page (Bosselaers): "", "abc", and one million 'a'.
        Assert.Equal("9c1185a5c5e9fc54612808977ee8f548b2258d31", Hex.Encode(Ripemd160.Hash([])));
        Assert.Equal("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", Hex.Encode(Ripemd160.Hash("abc"u8)));
        Assert.Equal("0bdc9d2d256b3ee9daae347be6f4dc835a467ffe", Hex.Encode(Ripemd160.Hash("a"u8)));
        Assert.Equal("5d0689ef49d2fae572b881b123a85ffa21595f36", Hex.Encode(Ripemd160.Hash("message digest"u8)));
        Assert.Equal("f71c27109c692c1b56bbdceb5b9d2865b3708dbc", Hex.Encode(Ripemd160.Hash("abcdefghijklmnopqrstuvwxyz"u8)));
        Assert.Equal("52783243c1697bdbe16d37f97f68f08325dc1528", Hex.Encode(Ripemd160.Hash(Enumerable.Repeat((byte)'a', 1_000_000).ToArray())));
    }

    [Fact]
    public void Ripemd160_PaddingBoundaries_MatchAcrossLengths()
    {
        // Lengths 55, 56, 63, 64 straddle the one/two padding-block boundary; Hash160 chains through it.
        var into = new byte[20];
        foreach (var length in new[] { 55, 56, 57, 63, 64, 65, 119, 120 })
        {
            var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
            Ripemd160.Hash(data, into);
            Assert.Equal(Ripemd160.Hash(data), into);
            Assert.Equal(Ripemd160.Hash(Sha256.Hash(data)), Hash160.Hash(data));
        }
    }

    [Fact]
    public void Sha256_DoubleHash_IsShaOfSha()
    {
        var data = "hello"u8.ToArray();
        Assert.Equal(Sha256.Hash(Sha256.Hash(data)), Sha256.DoubleHash(data));
        Assert.Equal("9595c9df90075148eb06860365df33584b75bff782a510c6cd4883a419833d50", Hex.Encode(Sha256.DoubleHash(data)));
        Span<byte> into = stackalloc byte[32];
        Sha256.DoubleHash(data, into);
        Assert.Equal(Sha256.DoubleHash(data), into.ToArray());
    }

    [Fact]
    public void Hash160_IsRipemdOfSha()
    {
        // The compressed public key of secret key 1 hashes to the well-known P2PKH hash160.
        var pubkey = Hex.Decode("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        Assert.Equal("751e76e8199196d454941c45d1b3a323f1433bd6", Hex.Encode(Hash160.Hash(pubkey)));
        Assert.Equal(Ripemd160.Hash(Sha256.Hash(pubkey)), Hash160.Hash(pubkey));
    }

    [Fact]
    public void TaggedHash_IsShaOfDoubledTagHashAndMessage()
    {
        var message = "payload"u8.ToArray();
        var tag = Sha256.Hash("BIP0340/challenge"u8);
        var expected = Sha256.Hash([.. tag, .. tag, .. message]);
        Assert.Equal(expected, TaggedHash.Hash("BIP0340/challenge", message));
    }

    [Fact]
    public void Hmac_MatchesRfc4231TestCase2()
    {
        var key = "Jefe"u8;
        var data = "what do ya want for nothing?"u8;
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.Encode(Hmac.Sha256(key, data)));
        Assert.Equal(
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            Hex.Encode(Hmac.Sha512(key, data)));
    }

    [Fact]
    public void HashSpanOverloads_RejectShortDestinations()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash([1], new byte[31]));
        Assert.Throws<ArgumentException>(() => Sha256.Hash([1], new byte[31]));
        Assert.Throws<ArgumentException>(() => Ripemd160.Hash([1], new byte[19]));
    }
}
