using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Storage.AzureBlob.Tests.GrainDirectory;

public sealed class AzureBlobGrainDirectoryDocumentTests
{
    private static readonly GrainId Grain = GrainId.Create("counter", "k1");

    private static GrainDirectoryEntry Sample() =>
        new(new GrainAddress(Grain, new SiloAddress(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 11111), 99), ActivationId.NewId()), new MembershipVersion(17));

    [Fact]
    public void Serialize_ThenParse_RoundTrips()
    {
        var entry = Sample();
        Assert.Equal(entry, AzureBlobGrainDirectoryDocument.Parse(AzureBlobGrainDirectoryDocument.Serialize(entry), Grain));
    }

    [Fact]
    public void RoundTrip_RandomEntries()
    {
        var gen =
            from type in Gen.Elements("a", "counter", "x.y")
            from key in ArbMap.Default.GeneratorFor<NonNull<string>>()
            from ip in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 4)
            from port in Gen.Choose(0, 65535)
            from generation in Gen.Choose(0, int.MaxValue)
            from version in ArbMap.Default.GeneratorFor<long>()
            select new GrainDirectoryEntry(
                new GrainAddress(GrainId.Create(type, key.Get), new SiloAddress(new IPEndPoint(new IPAddress(ip), port), generation), ActivationId.NewId()),
                new MembershipVersion(version));
        Prop.ForAll(gen.ToArbitrary(), entry =>
            AzureBlobGrainDirectoryDocument.Parse(AzureBlobGrainDirectoryDocument.Serialize(entry), entry.GrainId) == entry).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_EntryOfAnotherGrain_IsRejected()
    {
        var bytes = AzureBlobGrainDirectoryDocument.Serialize(Sample());
        Assert.Throws<GrainDirectoryFormatException>(() => AzureBlobGrainDirectoryDocument.Parse(bytes, GrainId.Create("counter", "k2")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"schema\":2,\"grain\":\"counter/k1\",\"silo\":\"1.2.3.4:5@6\",\"activation\":\"0123456789abcdef0123456789abcdef\",\"membershipVersion\":1}")]
    [InlineData("{\"schema\":1,\"grain\":\"counter/k1\",\"silo\":\"1.2.3.4@6\",\"activation\":\"0123456789abcdef0123456789abcdef\",\"membershipVersion\":1}")]
    [InlineData("{\"schema\":1,\"grain\":\"counter/k1\",\"silo\":\"1.2.3.4:5@6\",\"activation\":\"xyz\",\"membershipVersion\":1}")]
    [InlineData("{\"schema\":1,\"grain\":\"counter/k1\",\"silo\":\"1.2.3.4:5@6\",\"activation\":\"0123456789abcdef0123456789abcdef\",\"membershipVersion\":1.5}")]
    [InlineData("{\"schema\":1,\"grain\":\"counter/k1\",\"silo\":\"1.2.3.4:5@6\",\"activation\":\"0123456789abcdef0123456789abcdef\"}")]
    [InlineData("{\"schema\":1,\"grain\":7,\"silo\":\"1.2.3.4:5@6\",\"activation\":\"0123456789abcdef0123456789abcdef\",\"membershipVersion\":1}")]
    [InlineData("{\"schema\":1,\"grain\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}")]
    public void Parse_Malformed_ThrowsTypedException(string json) =>
        Assert.Throws<GrainDirectoryFormatException>(() => AzureBlobGrainDirectoryDocument.Parse(Encoding.UTF8.GetBytes(json), Grain));

    [Fact]
    public void Parse_Oversized_IsRejectedBeforeParsing() =>
        Assert.Throws<GrainDirectoryFormatException>(() => AzureBlobGrainDirectoryDocument.Parse(new byte[AzureBlobGrainDirectoryDocument.MaxDocumentBytes + 1], Grain));

    [Fact]
    public void Parse_RandomGarbageAndTruncations_OnlyTypedExceptions()
    {
        var valid = AzureBlobGrainDirectoryDocument.Serialize(Sample());
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => ParsesOrTypedFailure(bytes)).QuickCheckThrowOnFailure();
        for (var n = 0; n < valid.Length; n++)
        {
            Assert.True(ParsesOrTypedFailure(valid[..n]));
        }

        Prop.ForAll(Gen.Choose(0, valid.Length - 1).ToArbitrary(), ArbMap.Default.ArbFor<byte>(), (index, value) =>
        {
            var mutated = (byte[])valid.Clone();
            mutated[index] = value;
            return ParsesOrTypedFailure(mutated);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void BlobNames_AreSafeDistinctAndBounded()
    {
        var a = AzureBlobGrainDirectoryDocument.GetBlobName("c1", GrainId.Create("t", "a/b"));
        var b = AzureBlobGrainDirectoryDocument.GetBlobName("c1", GrainId.Create("t", "a~2Fb"));
        var c = AzureBlobGrainDirectoryDocument.GetBlobName("c1", GrainId.Create("t", "A/B"));
        Assert.Equal("c1/t~2Fa~2Fb", a);
        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        var longName = AzureBlobGrainDirectoryDocument.GetBlobName("c1", GrainId.Create("t", new string('é', 5000)));
        Assert.StartsWith("c1/~h", longName);
        Assert.True(longName.Length < 100);
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), key =>
        {
            var name = AzureBlobGrainDirectoryDocument.GetBlobName("c1", GrainId.Create("t", key.Get));
            return AzureBlobNames.IsValidBlobName(name, out _) && name.Count(ch => ch == '/') == 1 && name.Length <= 600;
        }).QuickCheckThrowOnFailure();
    }

    private static bool ParsesOrTypedFailure(byte[] bytes)
    {
        try
        {
            AzureBlobGrainDirectoryDocument.Parse(bytes, Grain);
            return true;
        }
        catch (GrainDirectoryFormatException)
        {
            return true;
        }
    }
}
