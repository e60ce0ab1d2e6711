using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

/// <summary>
/// Conformance suite for <see cref="IObjectStore"/>, written once and run against every implementation.
/// Each test works under its own random key prefix, so implementations may share a store.
/// </summary>
public abstract class ObjectStoreConformanceTests : IAsyncLifetime
{
    private IObjectStore? _store;

    protected IObjectStore Store => _store ?? throw new InvalidOperationException("Store not created.");

    /// <summary>A prefix unique to this test.</summary>
    protected string Root { get; } = "t" + Guid.NewGuid().ToString("N")[..12] + "/";

    protected abstract Task<IObjectStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ConformanceFact]
    public async Task PutThenGet_RoundTrips()
    {
        var data = new byte[] { 0, 1, 2, 255, 254 };
        Assert.True(await Store.PutIfAbsentAsync(Root + "blocks/1", data));
        Assert.Equal(data, await Store.GetAsync(Root + "blocks/1"));
    }

    [ConformanceFact]
    public async Task Put_EmptyObject_RoundTripsAsEmpty()
    {
        Assert.True(await Store.PutIfAbsentAsync(Root + "empty", ReadOnlyMemory<byte>.Empty));
        var read = await Store.GetAsync(Root + "empty");
        Assert.NotNull(read);
        Assert.Empty(read);
    }

    [ConformanceFact]
    public async Task Put_ExistingKey_ReturnsFalseAndKeepsOriginal()
    {
        Assert.True(await Store.PutIfAbsentAsync(Root + "k", new byte[] { 1 }));
        Assert.False(await Store.PutIfAbsentAsync(Root + "k", new byte[] { 2, 2 }));
        Assert.Equal(new byte[] { 1 }, await Store.GetAsync(Root + "k"));
    }

    [ConformanceFact]
    public async Task Get_MissingKey_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync(Root + "nothing/here"));
    }

    [ConformanceFact]
    public async Task Delete_ExistingThenMissing()
    {
        await Store.PutIfAbsentAsync(Root + "gone", new byte[] { 9 });
        Assert.True(await Store.DeleteAsync(Root + "gone"));
        Assert.Null(await Store.GetAsync(Root + "gone"));
        Assert.False(await Store.DeleteAsync(Root + "gone"));
        // After a delete the key can be stored again.
        Assert.True(await Store.PutIfAbsentAsync(Root + "gone", new byte[] { 10 }));
        Assert.Equal(new byte[] { 10 }, await Store.GetAsync(Root + "gone"));
    }

    [ConformanceFact]
    public async Task List_ByPrefix_ReturnsMatchingKeysInOrdinalOrder()
    {
        string[] keys =
        [
            "blocks/000010", "blocks/000002", "blocks/000001", "blocks/0001/nested", "blocksX", "blocks-2/a",
            "snapshots/a", "snapshots/B", "b", "Z",
        ];
        foreach (var key in keys)
        {
            Assert.True(await Store.PutIfAbsentAsync(Root + key, new byte[] { 1 }));
        }

        Assert.Equal(
            keys.Select(k => Root + k).Order(StringComparer.Ordinal),
            await ToListAsync(Store.ListAsync(Root)));
        Assert.Equal(
            new[] { "blocks/000001", "blocks/000002", "blocks/000010", "blocks/0001/nested" }.Select(k => Root + k).Order(StringComparer.Ordinal),
            await ToListAsync(Store.ListAsync(Root + "blocks/0")));
        Assert.Equal(
            new[] { "blocks-2/a", "blocks/000001", "blocks/000002", "blocks/000010", "blocks/0001/nested", "blocksX" }.Select(k => Root + k).Order(StringComparer.Ordinal),
            await ToListAsync(Store.ListAsync(Root + "blocks")));
        Assert.Equal(
            new[] { "snapshots/B", "snapshots/a" }.Select(k => Root + k),
            await ToListAsync(Store.ListAsync(Root + "snapshots/")));
        Assert.Empty(await ToListAsync(Store.ListAsync(Root + "nope")));
    }

    [ConformanceFact]
    public async Task List_SpansMoreKeysThanOnePage()
    {
        var keys = Enumerable.Range(0, 130).Select(i => $"{Root}many/{i:D4}").ToArray();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
            Assert.True(await Store.PutIfAbsentAsync(key, new byte[] { 7 }, ct)));
        Assert.Equal(keys, await ToListAsync(Store.ListAsync(Root + "many/")));
    }

    [ConformanceFact]
    public async Task ConcurrentPuts_OfOneKey_ExactlyOneWins()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = $"{Root}race/{round}";
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Store.PutIfAbsentAsync(key, new byte[] { (byte)i, (byte)i, (byte)i })));
            Assert.Equal(1, results.Count(r => r));
            var winner = Array.IndexOf(results, true);
            Assert.Equal(new byte[] { (byte)winner, (byte)winner, (byte)winner }, await Store.GetAsync(key));
        }
    }

    [ConformanceFact]
    public async Task LargeObject_RoundTrips()
    {
        var data = new byte[4 * 1024 * 1024 + 17];
        new Random(99).NextBytes(data);
        Assert.True(await Store.PutIfAbsentAsync(Root + "large", data));
        Assert.Equal(data, await Store.GetAsync(Root + "large"));
    }

    [ConformanceFact]
    public async Task SpecialCharacterKeys_RoundTripAndList()
    {
        string[] keys = ["ünï/cødé 鍵", "sp ace/+plus", "per%2Fcent", "q?uery#frag", "UPPER/lower", "a.b/c.d", "~tilde", "emoji/😀"];
        foreach (var key in keys)
        {
            Assert.True(await Store.PutIfAbsentAsync(Root + key, System.Text.Encoding.UTF8.GetBytes(key)));
        }

        foreach (var key in keys)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(key), await Store.GetAsync(Root + key));
        }

        Assert.Equal(keys.Select(k => Root + k).Order(StringComparer.Ordinal), await ToListAsync(Store.ListAsync(Root)));
    }

    [ConformanceFact]
    public async Task InvalidKeys_AreRejected()
    {
        foreach (var key in new[] { "", "/leading", "trailing/", "dou//ble", "../up", "a/./b", "ctl\u0001", "back\\slash", new string('x', 1025) })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Store.PutIfAbsentAsync(key, new byte[] { 1 }));
        }
    }

    protected static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> source)
    {
        var list = new List<string>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
