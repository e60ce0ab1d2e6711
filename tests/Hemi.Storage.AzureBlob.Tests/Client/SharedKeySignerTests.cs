namespace Hemi.Storage.AzureBlob.Tests;

public sealed class SharedKeySignerTests
{
    [Fact]
    public void StringToSign_FollowsTheSpecLayout()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-version"] = "2021-12-02",
            ["X-MS-Date"] = "Sat, 21 Nov 2026 09:00:00 GMT",
            ["x-ms-meta-b"] = "  two\r\n   lines ",
            ["x-ms-blob-type"] = "BlockBlob",
            ["Content-Length"] = "11",
            ["Content-Type"] = "application/octet-stream",
            ["If-Match"] = "\"0x8D\"",
            ["User-Agent"] = "ignored",
        };
        var query = new[] { new KeyValuePair<string, string>("comp", "list"), new("Restype", "container"), new("prefix", "a b"), new("prefix", "a a") };

        var actual = SharedKeySigner.BuildStringToSign("PUT", headers, "acct", "/acct/c/d%20e", query);

        var expected = string.Join('\n',
            "PUT",
            "", // Content-Encoding
            "", // Content-Language
            "11",
            "", // Content-MD5
            "application/octet-stream",
            "", // Date (x-ms-date is used)
            "", // If-Modified-Since
            "\"0x8D\"",
            "", // If-None-Match
            "", // If-Unmodified-Since
            "", // Range
            "x-ms-blob-type:BlockBlob",
            "x-ms-date:Sat, 21 Nov 2026 09:00:00 GMT",
            "x-ms-meta-b:two lines",
            "x-ms-version:2021-12-02",
            "/acct/acct/c/d%20e",
            "comp:list",
            "prefix:a a,a b",
            "restype:container");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void StringToSign_ZeroContentLengthIsEmpty()
    {
        var headers = new Dictionary<string, string> { ["Content-Length"] = "0" };
        var lines = SharedKeySigner.BuildStringToSign("PUT", headers, "a", "/c", []).Split('\n');
        Assert.Equal(string.Empty, lines[3]);
    }

    [Fact]
    public void Sign_IsHmacSha256OfTheStringUnderTheKey()
    {
        var key = Convert.FromBase64String(AzureStorageAccount.DevelopmentAccountKey);
        var signature = SharedKeySigner.Sign("GET\n\n\n", "devstoreaccount1", key);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(key, "GET\n\n\n"u8);
        Assert.Equal($"SharedKey devstoreaccount1:{Convert.ToBase64String(mac)}", signature);
    }
}
