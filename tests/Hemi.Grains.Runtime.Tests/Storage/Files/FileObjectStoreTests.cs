using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

public sealed class FileObjectStoreConformanceTests : ObjectStoreConformanceTests
{
    private readonly TempDirectory _folder = new();

    protected override Task<IObjectStore> CreateStoreAsync() =>
        Task.FromResult<IObjectStore>(new FileObjectStore(new FileObjectStoreOptions { RootDirectory = _folder.Path }));

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class FileObjectStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private FileObjectStore NewStore(int max = FileObjectStoreOptions.DEFAULT_MAX_OBJECT_BYTES) =>
        new(new FileObjectStoreOptions { RootDirectory = _folder.Path, MaxObjectBytes = max });

    [Fact]
    public async Task SeparateInstances_PutIfAbsent_ExactlyOneWins()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => NewStore()).ToArray();
        for (var round = 0; round < 10; round++)
        {
            var key = $"race/{round}";
            var results = await Task.WhenAll(stores.Select((s, i) => s.PutIfAbsentAsync(key, new byte[] { (byte)i })));
            Assert.Equal(1, results.Count(r => r));
        }
    }

    [Fact]
    public async Task ConcurrentDeletes_ExactlyOneReportsSuccess()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => NewStore()).ToArray();
        for (var round = 0; round < 10; round++)
        {
            var key = $"doomed/{round}";
            Assert.True(await stores[0].PutIfAbsentAsync(key, new byte[] { 1 }));
            var results = await Task.WhenAll(stores.Select(s => s.DeleteAsync(key)));
            Assert.Equal(1, results.Count(r => r));
        }
    }

    [Fact]
    public async Task Keys_MapToSubfoldersInsideTheRoot_AndKeyAndPrefixCanCoexist()
    {
        var store = NewStore();
        Assert.True(await store.PutIfAbsentAsync("a", new byte[] { 1 }));
        Assert.True(await store.PutIfAbsentAsync("a/b", new byte[] { 2 }));
        Assert.Equal(new byte[] { 1 }, await store.GetAsync("a"));
        Assert.Equal(new byte[] { 2 }, await store.GetAsync("a/b"));
        foreach (var file in Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories))
        {
            Assert.StartsWith(store.RootDirectory, Path.GetFullPath(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ForeignAndTempFiles_AreIgnoredByList()
    {
        var store = NewStore();
        await store.PutIfAbsentAsync("k/1", new byte[] { 1 });
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "k", ".tmp-leftover"), [1]);
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "k", "NOT~ZZvalid.obj"), [1]);
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "README.txt"), [1]);
        var keys = new List<string>();
        await foreach (var key in store.ListAsync(""))
        {
            keys.Add(key);
        }

        Assert.Equal(["k/1"], keys);
    }

    [Fact]
    public async Task OversizedObjects_AreRefused()
    {
        var store = NewStore(max: 100);
        await Assert.ThrowsAsync<GrainStorageException>(() => store.PutIfAbsentAsync("big", new byte[101]));
        Assert.True(await NewStore().PutIfAbsentAsync("big", new byte[101]));
        await Assert.ThrowsAsync<GrainStorageException>(() => store.GetAsync("big"));
    }

    [Fact]
    public void RandomKeys_BehaveLikeTheMemoryStore()
    {
        // Keys from a small alphabet (so prefixes and segments collide often) plus arbitrary unicode.
        var segment = Gen.OneOf(
            Gen.Elements("a", "b", "A", "ab", ".x", "x.", "~", "%2F", "ü", "😀", " ", "-", "_"),
            ArbMap.Default.GeneratorFor<string>().Where(s => !string.IsNullOrEmpty(s) && s.Length < 20));
        var key = Gen.NonEmptyListOf(segment).Select(parts => string.Join('/', parts.Take(4)))
            .Where(k => ObjectKey.IsValid(k, out _));
        var scenario = (from keys in Gen.ListOf(key)
                        from prefix in Gen.Elements("", "a", "a/", "ab", "A/b", "ü", ".")
                        select (Keys: keys.ToArray(), Prefix: prefix)).ToArbitrary();
        var run = 0;
        var property = Prop.ForAll(scenario, s =>
        {
            var folder = Path.Combine(_folder.Path, (run++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var files = new FileObjectStore(new FileObjectStoreOptions { RootDirectory = folder });
            var memory = new MemoryObjectStore();
            foreach (var k in s.Keys)
            {
                var data = System.Text.Encoding.UTF8.GetBytes(k);
                if (files.PutIfAbsentAsync(k, data).GetAwaiter().GetResult() != memory.PutIfAbsentAsync(k, data).GetAwaiter().GetResult())
                {
                    return false;
                }
            }

            var fromFiles = ToList(files.ListAsync(s.Prefix));
            var fromMemory = ToList(memory.ListAsync(s.Prefix));
            return fromFiles.SequenceEqual(fromMemory) &&
                   fromFiles.All(k => files.GetAsync(k).GetAwaiter().GetResult()!.AsSpan()
                       .SequenceEqual(System.Text.Encoding.UTF8.GetBytes(k)));
        });
        // Every put is fsynced: 40 scenarios keep this test to a few seconds.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    private static List<string> ToList(IAsyncEnumerable<string> source)
    {
        var list = new List<string>();
        var e = source.GetAsyncEnumerator();
        while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
        {
            list.Add(e.Current);
        }

        return list;
    }

    [Fact]
    public async Task OverlongSegment_IsRejectedWithArgumentException()
    {
        var store = NewStore();
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutIfAbsentAsync(new string('é', 200), new byte[] { 1 }));
    }
}
