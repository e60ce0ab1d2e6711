using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Storage.AzureBlob.Tests;

public sealed class AzureStorageAccountTests
{
    private const string Key = AzureStorageAccount.DevelopmentAccountKey;

    [Fact]
    public void Parse_DevelopmentStorage_UsesTheEmulatorAccount()
    {
        var account = AzureStorageAccount.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), account.BlobEndpoint);
    }

    [Fact]
    public void Parse_ExplicitBlobEndpoint()
    {
        var account = AzureStorageAccount.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:41234/devstoreaccount1/;");
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal("http://127.0.0.1:41234/devstoreaccount1", account.BlobEndpoint.ToString());
    }

    [Fact]
    public void Parse_DerivesEndpointFromProtocolAndSuffix()
    {
        var account = AzureStorageAccount.Parse($"DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal("https://myacct.blob.core.chinacloudapi.cn/", account.BlobEndpoint.ToString());
        var defaulted = AzureStorageAccount.Parse($"AccountName=other;AccountKey={Key}");
        Assert.Equal("https://other.blob.core.windows.net/", defaulted.BlobEndpoint.ToString());
    }

    [Theory]
    [InlineData("", "no AccountName")]
    [InlineData("AccountName=a", "no AccountKey")]
    [InlineData("AccountName=a;AccountKey=!!notbase64!!", "not valid base64")]
    [InlineData("AccountName=a;AccountKey=AAAA;BlobEndpoint=ftp://x/", "not an absolute http(s) URI")]
    [InlineData("AccountName=a;AccountKey=AAAA;BlobEndpoint=relative/path", "not an absolute http(s) URI")]
    [InlineData("AccountName=a;AccountKey=AAAA;DefaultEndpointsProtocol=gopher", "neither http nor https")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=AAAA", "twice")]
    [InlineData("garbage", "Name=Value")]
    [InlineData("UseDevelopmentStorage=false", "must be 'true'")]
    [InlineData("BlobEndpoint=https://x/;SharedAccessSignature=sv=1", "SAS")]
    public void Parse_RejectsBadStrings(string text, string messagePart)
    {
        var ex = Assert.Throws<AzureConnectionStringException>(() => AzureStorageAccount.Parse(text));
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void Parse_NeverEchoesTheKey()
    {
        var ex = Assert.Throws<AzureConnectionStringException>(() => AzureStorageAccount.Parse("AccountKeyWithoutEquals" + Key));
        Assert.DoesNotContain(Key[..20], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsOverlongInput()
    {
        Assert.Throws<AzureConnectionStringException>(() => AzureStorageAccount.Parse(new string('a', 5000)));
    }

    [Fact]
    public void Parse_RandomStrings_OnlyThrowsConnectionStringException()
    {
        var pieces = Gen.Elements("AccountName=", "AccountKey=", "BlobEndpoint=", "http://", "=", ";", "a", Key, "UseDevelopmentStorage=true", " ", "DefaultEndpointsProtocol=");
        var strings = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            Gen.ListOf(pieces).Select(parts => string.Concat(parts))).ToArbitrary();
        Prop.ForAll(strings, text =>
        {
            try
            {
                AzureStorageAccount.Parse(text ?? string.Empty);
            }
            catch (AzureConnectionStringException)
            {
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
