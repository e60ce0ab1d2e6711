using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Grains.Runtime.Tests.Identity;

public sealed class GrainIdTests
{
    [Fact]
    public void ToString_IsTypeSlashKey()
        => Assert.Equal("sequencer/main", GrainId.Create("sequencer", "main").ToString());

    [Fact]
    public void Parse_SplitsAtTheFirstSlashOnly()
    {
        var id = GrainId.Parse("blob/a/b/c");
        Assert.Equal("blob", id.Type.Value);
        Assert.Equal("a/b/c", id.Key);
    }

    [Fact]
    public void Parse_AllowsAnEmptyKey()
        => Assert.Equal(string.Empty, GrainId.Parse("t/").Key);

    [Theory]
    [InlineData("")]
    [InlineData("noslash")]
    [InlineData("/key")]
    public void Parse_RejectsMalformedText(string text)
    {
        Assert.Throws<FormatException>(() => GrainId.Parse(text));
        Assert.False(GrainId.TryParse(text, out _));
    }

    [Fact]
    public void GrainType_RejectsEmptyOrSlash()
    {
        Assert.Throws<ArgumentException>(() => new GrainType(""));
        Assert.Throws<ArgumentException>(() => new GrainType("a/b"));
    }

    [Fact]
    public void Equality_IsByTypeAndKey()
    {
        var a = GrainId.Create("t", "k");
        Assert.Equal(a, GrainId.Parse("t/k"));
        Assert.True(a == GrainId.Create("t", "k"));
        Assert.NotEqual(a, GrainId.Create("t", "K"));
        Assert.NotEqual(a, GrainId.Create("u", "k"));
        Assert.Equal(a.GetHashCode(), GrainId.Parse("t/k").GetHashCode());
    }

    [Fact]
    public void UniformHash_IsStableAndFollowsTheDocumentedFormula()
    {
        var id = GrainId.Create("abc", "a");
        // XXH32("abc") * 31 + XXH32("a"), both seed 0, from the reference values.
        Assert.Equal(unchecked((0x32D153FFu * 31) + 0x550D7456u), id.GetUniformHashCode());
        Assert.Equal(id.GetUniformHashCode(), GrainId.Parse("abc/a").GetUniformHashCode());
    }

    [Fact]
    public void ParseFormat_RoundTripsRandomIds()
    {
        var types = ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get.Replace("/", "_"));
        var keys = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty);
        Prop.ForAll(Arb.From(types), Arb.From(keys), (type, key) =>
        {
            var id = GrainId.Create(type, key);
            var parsed = GrainId.Parse(id.ToString());
            return parsed == id && parsed.GetUniformHashCode() == id.GetUniformHashCode() && parsed.Key == key;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryParse_NeverThrowsOnGarbage()
    {
        Prop.ForAll<string>(text =>
        {
            bool ok = GrainId.TryParse(text, out var id);
            return !ok || id.ToString() == text;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void KeyExtensions_RoundTripGuidAndIntegerKeys()
    {
        var guid = Guid.NewGuid();
        var guidId = GrainId.Create("g", GrainIdKeyExtensions.CreateGuidKey(guid, "ext"));
        Assert.Equal(guid, guidId.GetGuidKey(out var ext));
        Assert.Equal("ext", ext);

        var longId = GrainId.Create("i", GrainIdKeyExtensions.CreateIntegerKey(-1));
        Assert.Equal("i/FFFFFFFFFFFFFFFF", longId.ToString());
        Assert.Equal(-1, longId.GetIntegerKey(out var none));
        Assert.Null(none);

        Assert.Throws<InvalidOperationException>(() => GrainId.Create("i", "zz").GetIntegerKey(out _));
        Assert.Throws<InvalidOperationException>(() => GrainId.Create("g", "not-a-guid").GetGuidKey(out _));
    }

    [Fact]
    public void SiloAddress_NewerGenerationSucceedsOlder()
    {
        var endpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 11111);
        var old = new SiloAddress(endpoint, 100);
        var restarted = new SiloAddress(endpoint, 101);
        Assert.True(restarted.IsSuccessorOf(old));
        Assert.False(old.IsSuccessorOf(restarted));
        Assert.False(new SiloAddress(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 2), 200).IsSuccessorOf(old));
        Assert.Equal(old.GetConsistentHashCode(), new SiloAddress(endpoint, 100).GetConsistentHashCode());
    }
}
