using Hemi.Silo.Chain;
using Hemi.Silo.Rpc.Methods;

namespace Hemi.Silo.Tests.Rpc;

public sealed class KeystoneCoverageTests
{
    [Theory]
    [InlineData(0UL, 25UL)]
    [InlineData(1UL, 25UL)]
    [InlineData(24UL, 25UL)]
    [InlineData(25UL, 25UL)]
    [InlineData(26UL, 50UL)]
    [InlineData(50UL, 50UL)]
    [InlineData(1_000_001UL, 1_000_025UL)]
    public void KeystoneBlockOf_IsTheNextMultipleOfThePeriod(ulong block, ulong keystone) =>
        Assert.Equal(keystone, new HemiRpcMethods(null!, 25).KeystoneBlockOf(block));

    [Theory]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000ab", true)]
    [InlineData("0x00000000000000000000000000000000000000000000000000000000000000AB", true)]
    [InlineData("00ab", false)]
    [InlineData("zz000000000000000000000000000000000000000000000000000000000000ab", false)]
    [InlineData("", false)]
    public void TryNormalizeHash_AcceptsOnly64HexDigits(string text, bool valid)
    {
        Assert.Equal(valid, KeystoneText.TryNormalizeHash(text, out var hash));
        if (valid)
        {
            Assert.Equal("00000000000000000000000000000000000000000000000000000000000000ab", hash);
        }
    }
}
