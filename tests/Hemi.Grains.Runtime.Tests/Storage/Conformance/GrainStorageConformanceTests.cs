using System.Text;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

/// <summary>
/// The provider conformance suite (the cases of Orleans' <c>GrainStorageTestRunner</c>), written once and run
/// against every <see cref="IGrainStorage"/>. Each test uses fresh grain ids, so providers may share a store.
/// The test attribute <see cref="ConformanceFactAttribute"/> is defined per test project (plain in-process,
/// service-gated for Azurite).
/// </summary>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    private IGrainStorage? _storage;

    /// <summary>The provider under test, created fresh for each test.</summary>
    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("Storage not created.");

    /// <summary>Size of the "large state" case.</summary>
    protected virtual int LargeStateBytes => 3 * 1024 * 1024;

    /// <summary>Concurrent writers per round in the contention case.</summary>
    protected virtual int ConcurrentWriters => 8;

    protected abstract Task<IGrainStorage> CreateStorageAsync();

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static GrainId NewGrainId(string type = "conformance") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    protected static ConformanceTestState Sample(string name, long counter) => new()
    {
        Name = name,
        Counter = counter,
        Items = ["a", "b", name],
        Scores = new() { ["x"] = 1, ["ü"] = 2 },
        Blob = [1, 2, 3, (byte)counter],
    };

    [ConformanceFact]
    public async Task Read_MissingRecord_GivesNewStateNullETagAndNoRecord()
    {
        var state = new GrainState<ConformanceTestState> { ETag = "leftover", RecordExists = true };
        await Storage.ReadStateAsync("state", NewGrainId(), state);
        Assert.NotNull(state.State);
        Assert.Equal(string.Empty, state.State.Name);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [ConformanceFact]
    public async Task WriteThenRead_RoundTripsStateAndETag()
    {
        var id = NewGrainId();
        var written = new GrainState<ConformanceTestState>(Sample("alice", 7));
        await Storage.WriteStateAsync("state", id, written);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.True(written.RecordExists);

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSameState(written.State, read.State);
    }

    [ConformanceFact]
    public async Task Write_WithCurrentETag_UpdatesAndChangesETagEvenForIdenticalData()
    {
        var id = NewGrainId();
        var state = new GrainState<ConformanceTestState>(Sample("bob", 1));
        await Storage.WriteStateAsync("state", id, state);
        var first = state.ETag;

        await Storage.WriteStateAsync("state", id, state);
        var second = state.ETag;
        Assert.NotEqual(first, second);

        state.State.Counter = 2;
        await Storage.WriteStateAsync("state", id, state);
        Assert.NotEqual(second, state.ETag);

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.Equal(2, read.State.Counter);
        Assert.Equal(state.ETag, read.ETag);
    }

    [ConformanceFact]
    public async Task Write_WithStaleETag_ThrowsInconsistentState_AndKeepsLatestValue()
    {
        var id = NewGrainId();
        var state = new GrainState<ConformanceTestState>(Sample("carol", 1));
        await Storage.WriteStateAsync("state", id, state);
        var stale = state.ETag;
        state.State.Counter = 2;
        await Storage.WriteStateAsync("state", id, state);

        var zombie = new GrainState<ConformanceTestState>(Sample("zombie", 99), stale) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, zombie));

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.Equal("carol", read.State.Name);
        Assert.Equal(2, read.State.Counter);
        Assert.Equal(state.ETag, read.ETag);
    }

    [ConformanceFact]
    public async Task Write_WithNullETagOverExistingRecord_ThrowsInconsistentState()
    {
        var id = NewGrainId();
        await Storage.WriteStateAsync("state", id, new GrainState<ConformanceTestState>(Sample("first", 1)));
        var second = new GrainState<ConformanceTestState>(Sample("second", 2));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, second));

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.Equal("first", read.State.Name);
    }

    [ConformanceFact]
    public async Task Write_WithETagWhenNoRecordExists_ThrowsInconsistentState()
    {
        var state = new GrainState<ConformanceTestState>(Sample("ghost", 1), "0x8DEADBEEF");
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", NewGrainId(), state));
    }

    [ConformanceFact]
    public async Task ClearThenRead_GivesNewStateNullETagAndNoRecord()
    {
        var id = NewGrainId();
        var state = new GrainState<ConformanceTestState>(Sample("dave", 3));
        await Storage.WriteStateAsync("state", id, state);
        var before = state.ETag;

        await Storage.ClearStateAsync("state", id, state);
        Assert.False(state.RecordExists);
        Assert.NotEqual(before, state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Counter);

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.False(read.RecordExists);
        Assert.NotNull(read.State);
        Assert.Equal(string.Empty, read.State.Name);
        Assert.Equal(state.ETag, read.ETag);
    }

    [ConformanceFact]
    public async Task Clear_WithStaleETag_ThrowsInconsistentState_AndKeepsRecord()
    {
        var id = NewGrainId();
        var state = new GrainState<ConformanceTestState>(Sample("erin", 1));
        await Storage.WriteStateAsync("state", id, state);
        var stale = new GrainState<ConformanceTestState>(Sample("erin", 1), state.ETag);
        await Storage.WriteStateAsync("state", id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", id, stale));

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [ConformanceFact]
    public async Task Clear_WithNullETagOverExistingRecord_ThrowsInconsistentState()
    {
        var id = NewGrainId();
        await Storage.WriteStateAsync("state", id, new GrainState<ConformanceTestState>(Sample("frank", 1)));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync("state", id, new GrainState<ConformanceTestState>()));
    }

    [ConformanceFact]
    public async Task Clear_Repeated_IsIdempotent()
    {
        var id = NewGrainId();
        var state = new GrainState<ConformanceTestState>(Sample("gina", 1));
        await Storage.WriteStateAsync("state", id, state);
        await Storage.ClearStateAsync("state", id, state);
        await Storage.ClearStateAsync("state", id, state);
        await Storage.ClearStateAsync("state", id, state);
        Assert.False(state.RecordExists);

        // Clearing a record that never existed is fine too.
        await Storage.ClearStateAsync("state", NewGrainId(), new GrainState<ConformanceTestState>());
    }

    [ConformanceFact]
    public async Task Write_AfterClear_RecreatesRecord()
    {
        var id = NewGrainId();
        var state = new GrainState<ConformanceTestState>(Sample("hank", 1));
        await Storage.WriteStateAsync("state", id, state);
        var original = state.ETag;
        await Storage.ClearStateAsync("state", id, state);

        state.State = Sample("hank-again", 2);
        await Storage.WriteStateAsync("state", id, state);
        Assert.True(state.RecordExists);

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.Equal("hank-again", read.State.Name);
        Assert.Equal(state.ETag, read.ETag);

        // The ETag from before the clear must not come back to life.
        var zombie = new GrainState<ConformanceTestState>(Sample("zombie", 9), original);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, zombie));
    }

    [ConformanceFact]
    public async Task LargeState_RoundTrips()
    {
        var id = NewGrainId();
        var random = new Random(1234);
        var blob = new byte[LargeStateBytes / 2];
        random.NextBytes(blob);
        var text = new StringBuilder(LargeStateBytes / 4);
        while (text.Length < LargeStateBytes / 4)
        {
            text.Append("løng-ståte-").Append(random.Next());
        }

        var state = new GrainState<ConformanceTestState>(new ConformanceTestState { Name = text.ToString(), Blob = blob });
        await Storage.WriteStateAsync("state", id, state);

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.Equal(state.State.Name, read.State.Name);
        Assert.Equal(blob, read.State.Blob);
        Assert.Equal(state.ETag, read.ETag);
    }

    [ConformanceFact]
    public async Task ConcurrentWriters_OnOneGrain_ExactlyOneWinsEachRound()
    {
        var id = NewGrainId();
        const int rounds = 4;
        for (var round = 0; round < rounds; round++)
        {
            var snapshot = new GrainState<ConformanceTestState>();
            await Storage.ReadStateAsync("state", id, snapshot);
            var etag = snapshot.ETag;
            var writers = Enumerable.Range(0, ConcurrentWriters).Select(async writer =>
            {
                var attempt = new GrainState<ConformanceTestState>(
                    new ConformanceTestState { Counter = snapshot.State.Counter + 1, Writer = $"w{writer}" },
                    etag);
                try
                {
                    await Storage.WriteStateAsync("state", id, attempt);
                    return attempt;
                }
                catch (InconsistentStateException)
                {
                    return null;
                }
            }).ToArray();

            var results = await Task.WhenAll(writers);
            var winners = results.Where(r => r is not null).ToList();
            Assert.Single(winners);

            var read = new GrainState<ConformanceTestState>();
            await Storage.ReadStateAsync("state", id, read);
            Assert.Equal(round + 1, read.State.Counter);
            Assert.Equal(winners[0]!.State.Writer, read.State.Writer);
            Assert.Equal(winners[0]!.ETag, read.ETag);
        }
    }

    [ConformanceFact]
    public async Task ManyGrains_InParallel_KeepIndependentState()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => NewGrainId("parallel")).ToArray();
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            var state = new GrainState<ConformanceTestState>(Sample($"g{i}", i));
            await Storage.WriteStateAsync("state", id, state);
            state.State.Counter += 1000;
            await Storage.WriteStateAsync("state", id, state);
        }));

        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            var read = new GrainState<ConformanceTestState>();
            await Storage.ReadStateAsync("state", id, read);
            Assert.True(read.RecordExists);
            Assert.Equal($"g{i}", read.State.Name);
            Assert.Equal(i + 1000, read.State.Counter);
        }));
    }

    [ConformanceFact]
    public async Task StateNames_AreIndependentRecords()
    {
        var id = NewGrainId();
        var profile = new GrainState<ConformanceTestState>(Sample("profile", 1));
        var wallet = new GrainState<ConformanceTestState>(Sample("wallet", 2));
        await Storage.WriteStateAsync("profile", id, profile);
        await Storage.WriteStateAsync("wallet", id, wallet);
        await Storage.ClearStateAsync("profile", id, profile);

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("wallet", id, read);
        Assert.Equal("wallet", read.State.Name);
        await Storage.ReadStateAsync("profile", id, read);
        Assert.False(read.RecordExists);
    }

    [ConformanceFact]
    public async Task GrainTypes_WithSameKey_AreIndependentRecords()
    {
        var key = Guid.NewGuid().ToString("N");
        await Storage.WriteStateAsync("state", GrainId.Create("alpha", key), new GrainState<ConformanceTestState>(Sample("alpha", 1)));
        await Storage.WriteStateAsync("state", GrainId.Create("beta", key), new GrainState<ConformanceTestState>(Sample("beta", 2)));

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", GrainId.Create("alpha", key), read);
        Assert.Equal("alpha", read.State.Name);
    }

    public static TheoryData<string> SpecialKeys() => new()
    {
        "ünïcødé-鍵-🔑",
        "with space and+plus",
        "slash/inside/key",
        "../../etc/passwd",
        "..",
        ".",
        "trailing.dot.",
        "percent%2F%20and?query#frag&amp=",
        "UPPER-lower",
        "~tilde~7E",
        "quote\"'<xml>",
        new string('k', 400),
    };

    [ConformanceTheory]
    [MemberData(nameof(SpecialKeys))]
    public async Task SpecialKeys_RoundTripAndStayDistinct(string special)
    {
        var unique = Guid.NewGuid().ToString("N");
        var id = GrainId.Create("special", special + unique);
        var sibling = GrainId.Create("special", "x" + special + unique);
        var state = new GrainState<ConformanceTestState>(Sample(special, 5));
        await Storage.WriteStateAsync("state", id, state);
        await Storage.WriteStateAsync("state", sibling, new GrainState<ConformanceTestState>(Sample("sibling", 6)));

        var read = new GrainState<ConformanceTestState>();
        await Storage.ReadStateAsync("state", id, read);
        Assert.True(read.RecordExists);
        Assert.Equal(special, read.State.Name);
        Assert.Equal(state.ETag, read.ETag);

        await Storage.ClearStateAsync("state", id, read);
        await Storage.ReadStateAsync("state", sibling, read);
        Assert.Equal("sibling", read.State.Name);
    }

    [ConformanceFact]
    public async Task SpecialStateNames_RoundTrip()
    {
        var id = NewGrainId();
        foreach (var name in new[] { "../escape", "Ünï code", "a/b" })
        {
            var state = new GrainState<ConformanceTestState>(Sample(name, 1));
            await Storage.WriteStateAsync(name, id, state);
            var read = new GrainState<ConformanceTestState>();
            await Storage.ReadStateAsync(name, id, read);
            Assert.Equal(name, read.State.Name);
        }
    }

    [ConformanceFact]
    public async Task PrimitiveAndNullStates_RoundTrip()
    {
        var id = NewGrainId();
        var number = new GrainState<long>(42);
        await Storage.WriteStateAsync("number", id, number);
        var readNumber = new GrainState<long>();
        await Storage.ReadStateAsync("number", id, readNumber);
        Assert.Equal(42, readNumber.State);

        var nothing = new GrainState<ConformanceTestState?>(null);
        await Storage.WriteStateAsync("nothing", id, nothing);
        var readNothing = new GrainState<ConformanceTestState?>();
        await Storage.ReadStateAsync("nothing", id, readNothing);
        Assert.True(readNothing.RecordExists);
        Assert.NotNull(readNothing.State); // a stored null reads back as a new state, never null
    }

    private static void AssertSameState(ConformanceTestState expected, ConformanceTestState actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Counter, actual.Counter);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.Scores, actual.Scores);
        Assert.Equal(expected.Blob, actual.Blob);
    }
}
