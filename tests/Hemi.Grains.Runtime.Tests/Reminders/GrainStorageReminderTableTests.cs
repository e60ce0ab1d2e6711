using Hemi.Grains.Runtime.Reminders;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Reminders;

public sealed class GrainStorageReminderTableTests
{
    private readonly GrainStorageReminderTable _table = new(new MemoryGrainStorage());

    private static ReminderEntry Entry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task UpsertReadRemove_RoundTrips()
    {
        var grain = GrainId.Create("g", "1");
        string eTag = await _table.UpsertRow(Entry(grain, "a"));
        var row = await _table.ReadRow(grain, "a");
        Assert.NotNull(row);
        Assert.Equal(eTag, row.ETag);
        Assert.Equal(TimeSpan.FromMinutes(1), row.Period);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), row.StartAt);

        Assert.True(await _table.RemoveRow(grain, "a", eTag));
        Assert.Null(await _table.ReadRow(grain, "a"));
        Assert.Empty((await _table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_WithStaleETag_Fails()
    {
        var grain = GrainId.Create("g", "2");
        string first = await _table.UpsertRow(Entry(grain, "a"));
        string second = await _table.UpsertRow(Entry(grain, "a") with { Period = TimeSpan.FromMinutes(2) });
        Assert.NotEqual(first, second);
        Assert.False(await _table.RemoveRow(grain, "a", first));
        Assert.True(await _table.RemoveRow(grain, "a", second));
    }

    [Fact]
    public async Task ReadRowsByRange_ReturnsOnlyGrainsInTheRange()
    {
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("g", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        await Task.WhenAll(grains.Select(g => _table.UpsertRow(Entry(g, "r"))));

        Assert.Equal(40, (await _table.ReadRows(0, 0)).Reminders.Count);
        uint begin = 0x40000000, end = 0xC0000000;
        var inRange = (await _table.ReadRows(begin, end)).Reminders;
        var outside = (await _table.ReadRows(end, begin)).Reminders;
        Assert.All(inRange, r => Assert.InRange(r.GrainId.GetUniformHashCode(), begin + 1, end));
        Assert.Equal(40, inRange.Count + outside.Count);
    }

    [Fact]
    public async Task ConcurrentUpserts_OnOneGrain_AllLand()
    {
        var grain = GrainId.Create("g", "busy");
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => _table.UpsertRow(Entry(grain, "r" + i)))));
        Assert.Equal(10, (await _table.ReadRows(grain)).Reminders.Count);
    }
}
