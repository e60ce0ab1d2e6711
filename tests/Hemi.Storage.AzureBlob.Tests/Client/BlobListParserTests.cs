using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Storage.AzureBlob.Tests;

public sealed class BlobListParserTests
{
    private const string Sample = """
        <?xml version="1.0" encoding="utf-8"?>
        <EnumerationResults ServiceEndpoint="http://127.0.0.1:10000/devstoreaccount1" ContainerName="c">
          <Prefix>p/</Prefix><Marker/><MaxResults>2</MaxResults>
          <Blobs>
            <Blob><Name>p/a</Name><Properties><Last-Modified>Sat, 21 Nov 2026 09:00:00 GMT</Last-Modified><Etag>"0x1"</Etag><Content-Length>5</Content-Length></Properties><Metadata/></Blob>
            <BlobPrefix><Name>p/dir/</Name></BlobPrefix>
            <Blob><Name Encoded="true">p/%EF%BF%BE</Name><Properties><Etag>0x2</Etag><Content-Length>0</Content-Length></Properties></Blob>
          </Blobs>
          <NextMarker>2!token</NextMarker>
        </EnumerationResults>
        """;

    [Fact]
    public void Parse_ReadsNamesETagsLengthsAndMarker()
    {
        var page = BlobListParser.Parse(Encoding.UTF8.GetBytes(Sample));
        Assert.Equal(2, page.Blobs.Count);
        Assert.Equal(new BlobItem("p/a", "\"0x1\"", 5), page.Blobs[0]);
        Assert.Equal("p/\uFFFE", page.Blobs[1].Name);
        Assert.Equal("2!token", page.NextMarker);
    }

    [Fact]
    public void Parse_EmptyListingHasNoMarker()
    {
        var page = BlobListParser.Parse("<EnumerationResults><Blobs/><NextMarker/></EnumerationResults>"u8);
        Assert.Empty(page.Blobs);
        Assert.Null(page.NextMarker);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<Other/>")]
    [InlineData("<EnumerationResults><Blobs><Blob><Properties/></Blob></Blobs></EnumerationResults>")]
    [InlineData("<EnumerationResults><Blobs><Blob/></Blobs></EnumerationResults>")]
    [InlineData("<EnumerationResults><Blobs><Blob><Name>a</Name><Properties><Content-Length>-1</Content-Length></Properties></Blob></Blobs></EnumerationResults>")]
    [InlineData("<EnumerationResults><Blobs><Blob><Name>a</Name><Properties><Content-Length>99999999999999999999999</Content-Length></Properties></Blob></Blobs></EnumerationResults>")]
    [InlineData("<EnumerationResults><Blobs><Blob><Name>a</Name>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><EnumerationResults>&e;</EnumerationResults>")]
    [InlineData("<EnumerationResults><Blobs><Blob><Name><x>nested</x></Name></Blob></Blobs></EnumerationResults>")]
    public void Parse_Garbage_ThrowsMalformedResponse(string xml)
    {
        var ex = Assert.Throws<AzureBlobException>(() => BlobListParser.Parse(Encoding.UTF8.GetBytes(xml)));
        Assert.Equal(AzureBlobException.MalformedResponse, ex.ErrorCode);
    }

    [Fact]
    public void Parse_TooManyEntries_Throws()
    {
        var xml = new StringBuilder("<EnumerationResults><Blobs>");
        for (var i = 0; i <= BlobListParser.MaxEntriesPerPage; i++)
        {
            xml.Append("<Blob><Name>b").Append(i).Append("</Name></Blob>");
        }

        xml.Append("</Blobs></EnumerationResults>");
        var ex = Assert.Throws<AzureBlobException>(() => BlobListParser.Parse(Encoding.UTF8.GetBytes(xml.ToString())));
        Assert.Equal(AzureBlobException.MalformedResponse, ex.ErrorCode);
    }

    [Fact]
    public void Parse_RandomAndMutatedInput_OnlyThrowsAzureBlobException()
    {
        var valid = Encoding.UTF8.GetBytes(Sample);
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            from position in Gen.Choose(0, valid.Length - 1)
            from value in ArbMap.Default.GeneratorFor<byte>()
            select Replace(valid, position, value),
            from cut in Gen.Choose(0, valid.Length - 1)
            select valid[..cut]).ToArbitrary();
        Prop.ForAll(garbage, bytes =>
        {
            try
            {
                var page = BlobListParser.Parse(bytes);
                return page.Blobs.All(b => !string.IsNullOrEmpty(b.Name));
            }
            catch (AzureBlobException ex)
            {
                return ex.ErrorCode == AzureBlobException.MalformedResponse;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryReadErrorCode_ReadsCodeOrNull()
    {
        Assert.Equal("ConditionNotMet", BlobListParser.TryReadErrorCode("<?xml version=\"1.0\"?><Error><Code>ConditionNotMet</Code><Message>m</Message></Error>"u8.ToArray()));
        Assert.Null(BlobListParser.TryReadErrorCode("<<<"u8.ToArray()));
        Assert.Null(BlobListParser.TryReadErrorCode([]));
    }

    private static byte[] Replace(byte[] source, int position, byte value)
    {
        var copy = (byte[])source.Clone();
        copy[position] = value;
        return copy;
    }
}
