using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Placement;
using Hemi.Grains.Runtime.Reminders;
using Hemi.Grains.Runtime.Ring;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.Ring;

namespace Hemi.Grains.Runtime.Tests.Reminders;

public sealed class ReminderTableRangeAndClaimTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ReminderEntry Entry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = Start,
        Period = TimeSpan.FromMinutes(1),
    };

    private static async Task<GrainStorageReminderTable> TableWith(int grains)
    {
        var table = new GrainStorageReminderTable(new MemoryGrainStorage());
        for (int i = 0; i < grains; i++)
        {
            await table.UpsertRow(Entry(GrainId.Create("g", i.ToString(CultureInfo.InvariantCulture)), "r"));
        }

        return table;
    }

    [Fact]
    public async Task ReadRowsOfRanges_ReturnsExactlyTheRowsWhoseHashIsInARange_EachOnce()
    {
        var table = await TableWith(120);
        var all = (await table.ReadRows(0, 0)).Reminders;
        Assert.Equal(120, all.Count);
        Prop.ForAll(Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(
            from begin in RingArbitraries.Hash.Generator
            from end in Gen.OneOf(RingArbitraries.Hash.Generator, Gen.Constant(begin), Gen.Constant(unchecked(begin + 1)), Gen.Constant(uint.MaxValue))
            select new RingRange(begin, end), n)).ToArbitrary(), rangeSet =>
        {
            var expected = all.Where(r => RingRange.AnyContains(rangeSet, r.GrainId.GetUniformHashCode())).Select(r => r.GrainId).Order().ToList();
            var actual = table.ReadRows(rangeSet).GetAwaiter().GetResult().Reminders.Select(r => r.GrainId).Order().ToList();
            Assert.Equal(expected, actual);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public async Task ReadRowsOfARingsRanges_PartitionsTheTable()
    {
        var table = await TableWith(200);
        var silos = Enumerable.Range(0, 4).Select(i => TestMembershipService.Silo(30200 + i)).ToArray();
        var ring = new ConsistentRing(ActiveSiloList.FromSilos(silos));
        var parts = new List<GrainId>();
        foreach (var silo in silos)
        {
            var rows = (await table.ReadRows(ring.GetRanges(silo))).Reminders;
            Assert.All(rows, r => Assert.Equal(silo, ring.GetOwner(r.GrainId)));
            parts.AddRange(rows.Select(r => r.GrainId));
        }

        Assert.Equal(200, parts.Count);
        Assert.Equal(200, parts.Distinct().Count());
    }

    [Fact]
    public async Task ConcurrentClaimsOfOneDueTime_ExactlyOneWins()
    {
        var table = new GrainStorageReminderTable(new MemoryGrainStorage());
        var grain = GrainId.Create("g", "claimed");
        string eTag = await table.UpsertRow(Entry(grain, "r"));
        await table.UpsertRow(Entry(grain, "other")); // another row in the same document: concurrent writes conflict
        var due = Start.AddMinutes(3);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => table.TryClaimTick(grain, "r", eTag, due))));
        Assert.Equal(1, results.Count(r => r == ReminderTickClaim.Claimed));
        Assert.Equal(11, results.Count(r => r == ReminderTickClaim.AlreadyClaimed));

        var row = await table.ReadRow(grain, "r");
        Assert.Equal(due, row!.LastFiredDue);
        Assert.Equal(eTag, row.ETag); // a claim is not a new version of the reminder
    }

    [Fact]
    public async Task Claims_OnlyMoveForward_AndNeedTheCurrentRow()
    {
        var table = new GrainStorageReminderTable(new MemoryGrainStorage());
        var grain = GrainId.Create("g", "forward");
        string eTag = await table.UpsertRow(Entry(grain, "r"));

        Assert.Equal(ReminderTickClaim.Claimed, await table.TryClaimTick(grain, "r", eTag, Start.AddMinutes(2)));
        Assert.Equal(ReminderTickClaim.AlreadyClaimed, await table.TryClaimTick(grain, "r", eTag, Start.AddMinutes(2)));
        Assert.Equal(ReminderTickClaim.AlreadyClaimed, await table.TryClaimTick(grain, "r", eTag, Start.AddMinutes(1)));
        Assert.Equal(ReminderTickClaim.Claimed, await table.TryClaimTick(grain, "r", eTag, Start.AddMinutes(3)));
        Assert.Equal(ReminderTickClaim.RowChanged, await table.TryClaimTick(grain, "r", "stale", Start.AddMinutes(4)));
        Assert.Equal(ReminderTickClaim.RowChanged, await table.TryClaimTick(grain, "missing", eTag, Start.AddMinutes(4)));

        // Re-registering is a new reminder: a new ETag, and its due times are claimable from scratch.
        string second = await table.UpsertRow(Entry(grain, "r"));
        Assert.Equal(ReminderTickClaim.RowChanged, await table.TryClaimTick(grain, "r", eTag, Start.AddMinutes(4)));
        Assert.Null((await table.ReadRow(grain, "r"))!.LastFiredDue);
        Assert.Equal(ReminderTickClaim.Claimed, await table.TryClaimTick(grain, "r", second, Start.AddMinutes(1)));

        Assert.True(await table.RemoveRow(grain, "r", second));
        Assert.Equal(ReminderTickClaim.RowChanged, await table.TryClaimTick(grain, "r", second, Start.AddMinutes(5)));
    }

    [Fact]
    public async Task TheDefaultRangeRead_OfTheInterface_UnionsSingleRangeReads()
    {
        IReminderTable table = new SingleRangeOnlyTable(await TableWith(50));
        var ranges = new[] { new RingRange(0, 0x80000000), new RingRange(0x40000000, 0xC0000000) };
        var rows = (await table.ReadRows(ranges)).Reminders;
        var all = (await table.ReadRows(0, 0)).Reminders;
        Assert.Equal(all.Count(r => RingRange.AnyContains(ranges, r.GrainId.GetUniformHashCode())), rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.GrainId).Distinct().Count());
    }

    /// <summary>A table that implements only the interface's required members (uses the default multi-range read).</summary>
    private sealed class SingleRangeOnlyTable(GrainStorageReminderTable inner) : IReminderTable
    {
        public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

        public Task<string> UpsertRow(ReminderEntry entry) => inner.UpsertRow(entry);

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => inner.RemoveRow(grainId, reminderName, eTag);

        public Task<ReminderTickClaim> TryClaimTick(GrainId grainId, string reminderName, string eTag, DateTime dueAt) => inner.TryClaimTick(grainId, reminderName, eTag, dueAt);
    }
}
