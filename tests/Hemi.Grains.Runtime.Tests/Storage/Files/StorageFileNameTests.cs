using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

public sealed class StorageFileNameTests
{
    [Theory]
    [InlineData("", "~")]
    [InlineData("abc-09_", "abc-09_")]
    [InlineData("A", "~41")]
    [InlineData(".", "~2E")]
    [InlineData("..", "~2E~2E")]
    [InlineData("a/b", "a~2Fb")]
    [InlineData("~", "~7E")]
    [InlineData("é", "~C3~A9")]
    public void Encode_KnownValues(string value, string expected)
    {
        Assert.Equal(expected, StorageFileName.Encode(value));
        Assert.True(StorageFileName.TryDecode(expected, out var back));
        Assert.Equal(value, back);
    }

    [Fact]
    public void Encode_RoundTripsAndUsesOnlySafeCharacters()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), raw =>
        {
            var value = ToValidUtf16(raw ?? string.Empty);
            var encoded = StorageFileName.Encode(value);
            return encoded.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '~' or (>= 'A' and <= 'F'))
                && StorageFileName.TryDecode(encoded, out var back)
                && back == value;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("~")]
    [InlineData("~4")]
    [InlineData("~zz")]
    [InlineData("~61")] // 'a' must not be escaped: not canonical
    [InlineData("~2e")] // lower-case hex is not canonical
    [InlineData("A")]
    [InlineData("a.b")]
    [InlineData("~FF")] // invalid UTF-8
    [InlineData("")]
    public void TryDecode_RejectsNonCanonicalNames(string name)
    {
        if (name == "~")
        {
            Assert.True(StorageFileName.TryDecode(name, out var empty));
            Assert.Equal(string.Empty, empty);
            return;
        }

        Assert.False(StorageFileName.TryDecode(name, out _));
    }

    [Fact]
    public void EncodeBounded_IsShortAndDistinctForLongValues()
    {
        var a = StorageFileName.EncodeBounded(new string('é', 500) + "a");
        var b = StorageFileName.EncodeBounded(new string('é', 500) + "b");
        Assert.NotEqual(a, b);
        Assert.True(a.Length <= StorageFileName.MaxEncodedLength);
        Assert.False(StorageFileName.TryDecode(a, out _));
        Assert.Equal("short", StorageFileName.EncodeBounded("short"));
    }

    private static string ToValidUtf16(string s) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(s));
}
