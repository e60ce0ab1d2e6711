using Hemi.Crypto.Secp256k1;

namespace Hemi.Crypto.Tests.Secp256k1;

public sealed class PrivateKeyTests
{
    [Fact]
    public void Dispose_ZeroesTheOwnedBuffer_AndBlocksFurtherUse()
    {
        var key = PrivateKey.Generate();
        var buffer = key.OwnedBufferForTesting;
        Assert.Contains(buffer, b => b != 0);

        key.Dispose();

        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => key.ToBytes());
        Assert.Throws<ObjectDisposedException>(() => Ecdsa.SignCompact(key, new byte[32]));
    }

    [Fact]
    public void ToBytes_ReturnsACopy()
    {
        var secret = Hex.Decode("0000000000000000000000000000000000000000000000000000000000000001");
        using var key = PrivateKey.FromBytes(secret);
        var copy = key.ToBytes();
        Assert.Equal(secret, copy);
        copy[31] = 9;
        Assert.Equal(secret, key.ToBytes());
    }

    [Fact]
    public void PublicKey_OfOne_IsTheGenerator()
    {
        using var key = PrivateKey.FromBytes(Hex.Decode("0000000000000000000000000000000000000000000000000000000000000001"));
        Assert.Equal("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", Hex.Encode(key.PublicKey.ToCompressed()));
        Assert.Equal("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", Hex.Encode(key.XOnlyPublicKey.ToBytes()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    public void FromBytes_RejectsInvalidSecrets(string hex)
    {
        var bytes = Hex.Decode(hex);
        Assert.False(PrivateKey.IsValid(bytes));
        Assert.Throws<ArgumentException>(() => PrivateKey.FromBytes(bytes));
    }

    [Fact]
    public void FromBytes_AcceptsNMinusOne()
    {
        using var key = PrivateKey.FromBytes(Hex.Decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"));
        Assert.Equal(33, key.PublicKey.ToCompressed().Length);
    }

    [Fact]
    public void Generate_ProducesDistinctValidKeys()
    {
        using var a = PrivateKey.Generate();
        using var b = PrivateKey.Generate();
        Assert.True(PrivateKey.IsValid(a.ToBytes()));
        Assert.NotEqual(a.ToBytes(), b.ToBytes());
    }
}
