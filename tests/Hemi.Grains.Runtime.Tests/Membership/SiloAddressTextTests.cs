using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Grains.Runtime.Tests.Membership;

public sealed class SiloAddressTextTests
{
    [Fact]
    public void Format_IPv4AndIPv6_RoundTrip()
    {
        var v4 = new SiloAddress(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 11111), 12345);
        var v6 = new SiloAddress(new IPEndPoint(IPAddress.IPv6Loopback, 30000), 1);
        Assert.Equal("10.0.0.7:11111@12345", SiloAddressText.Format(v4));
        Assert.Equal("[::1]:30000@1", SiloAddressText.Format(v6));
        Assert.True(SiloAddressText.TryParse(SiloAddressText.Format(v4), out var p4));
        Assert.True(SiloAddressText.TryParse(SiloAddressText.Format(v6), out var p6));
        Assert.Equal(v4, p4);
        Assert.Equal(v6, p6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("127.0.0.1@5")]
    [InlineData("127.0.0.1:80@")]
    [InlineData("127.0.0.1:80@-1")]
    [InlineData("127.0.0.1:80@ 1")]
    [InlineData("127.0.0.1:99999@1")]
    [InlineData("::1:80@1")]
    [InlineData("host:80@1")]
    [InlineData("127.0.0.1:80@99999999999")]
    public void TryParse_RejectsMalformedText(string text)
    {
        Assert.False(SiloAddressText.TryParse(text, out var silo));
        Assert.Null(silo);
    }

    [Fact]
    public void TryParse_RejectsOverlongText() => Assert.False(SiloAddressText.TryParse(new string('1', 200) + ":1@1", out _));

    [Fact]
    public void RoundTrip_RandomAddresses()
    {
        var gen =
            from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 4)
            from v6 in ArbMap.Default.GeneratorFor<bool>()
            from bytes6 in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16)
            from port in Gen.Choose(0, 65535)
            from generation in Gen.Choose(0, int.MaxValue)
            select new SiloAddress(new IPEndPoint(new IPAddress(v6 ? bytes6 : bytes), port), generation);
        Prop.ForAll(gen.ToArbitrary(), silo =>
            SiloAddressText.TryParse(SiloAddressText.Format(silo), out var parsed) && parsed == silo).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryParse_RandomGarbage_NeverThrows()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            SiloAddressText.TryParse(text, out _);
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
