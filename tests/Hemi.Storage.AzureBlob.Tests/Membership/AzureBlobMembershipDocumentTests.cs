using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Storage.AzureBlob.Tests.Membership;

public sealed class AzureBlobMembershipDocumentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static SiloAddress Silo(int port) => new(new IPEndPoint(IPAddress.Loopback, port), 5);

    private static MembershipTableRow Row(int port, SiloStatus status = SiloStatus.Active) => new(
        new MembershipEntry
        {
            SiloAddress = Silo(port),
            Status = status,
            SuspectTimes = [new SuspectVote(Silo(port + 1), T0.AddTicks(7))],
            ProxyPort = 30000,
            HostName = "h",
            SiloName = "s",
            StartTime = T0,
            IAmAliveTime = T0.AddSeconds(30),
        },
        "etag-" + port);

    private static void AssertSameRows(IReadOnlyList<MembershipTableRow> expected, IReadOnlyList<MembershipTableRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i].Entry, actual[i].Entry);
            Assert.Equal(expected[i].ETag, actual[i].ETag);
            Assert.Equal(e.SiloAddress, a.SiloAddress);
            Assert.Equal(e.Status, a.Status);
            Assert.Equal(e.SuspectTimes, a.SuspectTimes);
            Assert.Equal((e.ProxyPort, e.HostName, e.SiloName, e.StartTime, e.IAmAliveTime), (a.ProxyPort, a.HostName, a.SiloName, a.StartTime, a.IAmAliveTime));
        }
    }

    [Fact]
    public void Serialize_ThenParse_RoundTrips()
    {
        var rows = new[] { Row(1000), Row(2000, SiloStatus.Dead) };
        var (version, parsed) = AzureBlobMembershipDocument.Parse(AzureBlobMembershipDocument.Serialize(12, rows));
        Assert.Equal(12, version);
        AssertSameRows(rows, parsed);
    }

    [Fact]
    public void RoundTrip_RandomTables()
    {
        var rowGen =
            from port in Gen.Choose(1, 65535)
            from status in Gen.Elements(SiloStatus.Created, SiloStatus.Joining, SiloStatus.Active, SiloStatus.ShuttingDown, SiloStatus.Stopping, SiloStatus.Dead)
            from votes in Gen.Choose(0, 3)
            from ticks in Gen.Choose(0, int.MaxValue)
            from name in Gen.Elements("", "silo-1", "ünï", "a\"b\\c")
            select new MembershipTableRow(
                new MembershipEntry
                {
                    SiloAddress = Silo(port),
                    Status = status,
                    SuspectTimes = Enumerable.Range(0, votes).Select(v => new SuspectVote(Silo(v + 1), T0.AddTicks(ticks + v))).ToList(),
                    ProxyPort = port,
                    HostName = name,
                    SiloName = name,
                    StartTime = T0.AddTicks(ticks),
                    IAmAliveTime = T0.AddTicks(ticks * 3L),
                },
                "e" + ticks);
        var gen =
            from version in Gen.Choose(0, int.MaxValue)
            from count in Gen.Choose(0, 6)
            from rows in Gen.ListOf(rowGen, count)
            select (Version: version, Rows: rows.DistinctBy(r => r.Entry.SiloAddress).ToList());
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (version, parsed) = AzureBlobMembershipDocument.Parse(AzureBlobMembershipDocument.Serialize(t.Version, t.Rows));
            Assert.Equal(t.Version, version);
            AssertSameRows(t.Rows, parsed);
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"schema\":1,\"version\":1}")]
    [InlineData("{\"schema\":9,\"version\":1,\"rows\":[]}")]
    [InlineData("{\"schema\":1,\"version\":-1,\"rows\":[]}")]
    [InlineData("{\"schema\":1,\"version\":1,\"rows\":{}}")]
    [InlineData("{\"schema\":1,\"version\":1,\"rows\":[1]}")]
    [InlineData("{\"schema\":1,\"version\":1e3,\"rows\":[]}")]
    [InlineData("{\"schema\":1,\"version\":1,\"rows\":[{\"etag\":\"e\",\"silo\":\"x\",\"status\":\"Active\"}]}")]
    public void Parse_Malformed_ThrowsTypedException(string json) =>
        Assert.Throws<MembershipTableFormatException>(() => AzureBlobMembershipDocument.Parse(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("Active", "3")]
    [InlineData("Active", "None")]
    [InlineData("Active", "active")]
    [InlineData("Active", "Active ")]
    [InlineData("\"etag-1000\"", "\"\"")]
    [InlineData("\"proxyPort\":30000", "\"proxyPort\":70000")]
    [InlineData("127.0.0.1:1001@5", "127.0.0.1:1001")]
    public void Parse_InvalidField_ThrowsTypedException(string from, string to)
    {
        var json = Encoding.UTF8.GetString(AzureBlobMembershipDocument.Serialize(1, [Row(1000)]));
        Assert.Contains(from, json);
        Assert.Throws<MembershipTableFormatException>(() => AzureBlobMembershipDocument.Parse(Encoding.UTF8.GetBytes(json.Replace(from, to))));
    }

    [Fact]
    public void Parse_DuplicateSilo_IsRejected()
    {
        var bytes = AzureBlobMembershipDocument.Serialize(1, [Row(1000), Row(1000) with { ETag = "other" }]);
        Assert.Throws<MembershipTableFormatException>(() => AzureBlobMembershipDocument.Parse(bytes));
    }

    [Fact]
    public void Parse_RandomGarbageTruncationsAndMutations_OnlyTypedExceptions()
    {
        var valid = AzureBlobMembershipDocument.Serialize(3, [Row(1000), Row(2000)]);
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
    public void Heartbeat_RoundTripsAndRejectsGarbage()
    {
        Assert.Equal(T0, AzureBlobMembershipDocument.ParseHeartbeat(AzureBlobMembershipDocument.SerializeHeartbeat(T0)));
        Assert.Throws<MembershipTableFormatException>(() => AzureBlobMembershipDocument.ParseHeartbeat([]));
        Assert.Throws<MembershipTableFormatException>(() => AzureBlobMembershipDocument.ParseHeartbeat(new byte[65]));
        Assert.Throws<MembershipTableFormatException>(() => AzureBlobMembershipDocument.ParseHeartbeat("yesterday"u8));
        Assert.Throws<MembershipTableFormatException>(() => AzureBlobMembershipDocument.ParseHeartbeat([0xC3, 0xA9]));
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            try
            {
                AzureBlobMembershipDocument.ParseHeartbeat(bytes);
            }
            catch (MembershipTableFormatException)
            {
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static bool ParsesOrTypedFailure(byte[] bytes)
    {
        try
        {
            AzureBlobMembershipDocument.Parse(bytes);
            return true;
        }
        catch (MembershipTableFormatException)
        {
            return true;
        }
    }
}
