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
    [InlineData("\ud800")]
    [InlineData("x\udc00y")]
    public void Validate_RejectsBadKeys(string key) => Assert.Throws<ArgumentException>(() => ObjectKey.Validate(key));

    [Fact]
    public void Validate_RejectsOverlongKeys()
    {
        ObjectKey.Validate(new string('a', ObjectKey.MaxLength));
        Assert.Throws<ArgumentException>(() => ObjectKey.Validate(new string('a', ObjectKey.MaxLength + 1)));
    }
}
