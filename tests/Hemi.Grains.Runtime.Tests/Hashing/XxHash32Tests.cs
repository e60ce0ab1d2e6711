using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Hashing;

namespace Hemi.Grains.Runtime.Tests.Hashing;

public sealed class XxHash32Tests
{
    [Theory]
    [InlineData("", 0u, 0x02CC5D05u)]
    [InlineData("a", 0u, 0x550D7456u)]
    [InlineData("abc", 0u, 0x32D153FFu)]
    // Longer than one 16-byte stripe, so the four-lane path and the tail are both exercised.
    [InlineData("Nobody inspects the spammish repetition", 0u, 0xE2293B2Fu)]
    public void Hash_MatchesReferenceValues(string text, uint seed, uint expected)
        => Assert.Equal(expected, XxHash32.Hash(Encoding.ASCII.GetBytes(text), seed));

    [Fact]
    public void Hash_DependsOnSeedAndEveryByte()
    {
        var data = Encoding.ASCII.GetBytes("0123456789abcdef0123456789");
        uint baseline = XxHash32.Hash(data);
        Assert.NotEqual(baseline, XxHash32.Hash(data, 1));
        for (int i = 0; i < data.Length; i++)
        {
            var copy = (byte[])data.Clone();
            copy[i] ^= 1;
            Assert.NotEqual(baseline, XxHash32.Hash(copy));
        }
    }

    [Fact]
    public void Hash_IsDeterministicForRandomInputs()
    {
        Prop.ForAll<byte[], uint>((bytes, seed) =>
            XxHash32.Hash(bytes ?? [], seed) == XxHash32.Hash((byte[])(bytes ?? []).Clone(), seed)).QuickCheckThrowOnFailure();
    }
}
