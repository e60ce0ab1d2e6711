using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("blocks/000001")]
    [InlineData("a.b/c..d/...")]
    [InlineData("ünï/😀")]
    public void Validate_AcceptsOrdinaryKeys(string key) => ObjectKey.Validate(key);

    [Theory]
    [InlineData("")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a//b")]
    [InlineData(".")]
    [InlineData("a/../b")]
    [InlineData("tab\there")]
    [InlineData("back\\slash")]
    public void Validate_RejectsBadKeys(string key) => Assert.Throws<ArgumentException>(() => ObjectKey.Validate(key));

    [Fact]
    public void Validate_RejectsUnpairedSurrogates()
    {
        // Not as InlineData: xunit's serialization would replace the lone surrogates.
        Assert.Throws<ArgumentException>(() => ObjectKey.Validate("\ud800"));
        Assert.Throws<ArgumentException>(() => ObjectKey.Validate("x\udc00y"));
        Assert.Throws<ArgumentException>(() => ObjectKey.Validate("a\ud800"));
    }

    [Fact]
    public void Validate_RejectsOverlongKeys()
    {
        ObjectKey.Validate(new string('a', ObjectKey.MaxLength));
        Assert.Throws<ArgumentException>(() => ObjectKey.Validate(new string('a', ObjectKey.MaxLength + 1)));
    }
}
