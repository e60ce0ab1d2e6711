using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

public sealed class FileGrainStorageConformanceTests : GrainStorageConformanceTests
{
    private readonly TempDirectory _folder = new();

    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult<IGrainStorage>(new FileGrainStorage(new FileGrainStorageOptions { RootDirectory = _folder.Path }));

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class FileGrainStorageTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FileGrainStorage _storage;
    private readonly GrainId _id = GrainId.Create("account", "alice");

    public FileGrainStorageTests()
    {
        _storage = new FileGrainStorage(new FileGrainStorageOptions { RootDirectory = _folder.Path });
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task State_SurvivesANewProviderInstance()
    {
        var state = new GrainState<ConformanceTestState>(new ConformanceTestState { Name = "durable", Counter = 3 });
        await _storage.WriteStateAsync("s", _id, state);

        var reopened = new FileGrainStorage(new FileGrainStorageOptions { RootDirectory = _folder.Path });
        var read = new GrainState<ConformanceTestState>();
        await reopened.ReadStateAsync("s", _id, read);
        Assert.Equal("durable", read.State.Name);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task StoredFile_HoldsNoClrTypeNames()
    {
        await _storage.WriteStateAsync("s", _id, new GrainState<ConformanceTestState>(new ConformanceTestState { Name = "x" }));
        var text = await File.ReadAllTextAsync(_storage.GetFilePath("s", _id));
        Assert.Contains("{\"schema\":1,\"state\":{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ConformanceTestState), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_LeaveNoTempFiles()
    {
        var state = new GrainState<int>(1);
        for (var i = 0; i < 5; i++)
        {
            state.State = i;
            await _storage.WriteStateAsync("s", _id, state);
        }

        var files = Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories);
        Assert.Single(files);
        Assert.EndsWith(".state", files[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../evil", "..", "../../../../etc/passwd")]
    [InlineData("..", "..", "..")]
    [InlineData(".", ".", ".")]
    [InlineData("a/b", "c\\d", "e/../../f\\..\\g")]
    [InlineData("CON", "nul", "com1")]
    public async Task HostileNames_StayInsideTheRoot(string stateName, string type, string key)
    {
        var id = GrainId.Create(type, key);
        var path = Path.GetFullPath(_storage.GetFilePath(stateName, id));
        Assert.StartsWith(_storage.RootDirectory + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.Equal(3, Path.GetRelativePath(_storage.RootDirectory, path).Split(Path.DirectorySeparatorChar).Length);

        await _storage.WriteStateAsync(stateName, id, new GrainState<string>("hostile"));
        var read = new GrainState<string>();
        await _storage.ReadStateAsync(stateName, id, read);
        Assert.Equal("hostile", read.State);
    }

    [Fact]
    public async Task VeryLongKeys_GetBoundedDistinctFileNames()
    {
        var a = GrainId.Create("long", new string('a', 3000) + "1");
        var b = GrainId.Create("long", new string('a', 3000) + "2");
        Assert.NotEqual(_storage.GetFilePath("s", a), _storage.GetFilePath("s", b));
        Assert.True(Path.GetFileName(_storage.GetFilePath("s", a)).Length < 255);
        await _storage.WriteStateAsync("s", a, new GrainState<int>(1));
        await _storage.WriteStateAsync("s", b, new GrainState<int>(2));
        var read = new GrainState<int>();
        await _storage.ReadStateAsync("s", a, read);
        Assert.Equal(1, read.State);
    }

    [Fact]
    public async Task GarbageFile_ThrowsGrainStorageException()
    {
        await WriteRawAsync(Encoding.UTF8.GetBytes("this is not a state file"));
        await Assert.ThrowsAsync<GrainStorageException>(() => _storage.ReadStateAsync("s", _id, new GrainState<int>()));
    }

    [Fact]
    public async Task EmptyFile_ThrowsGrainStorageException()
    {
        await WriteRawAsync([]);
        await Assert.ThrowsAsync<GrainStorageException>(() => _storage.ReadStateAsync("s", _id, new GrainState<int>()));
    }

    [Fact]
    public async Task TruncatedFile_ThrowsGrainStorageException()
    {
        await _storage.WriteStateAsync("s", _id, new GrainState<ConformanceTestState>(new ConformanceTestState { Name = "whole" }));
        var path = _storage.GetFilePath("s", _id);
        var bytes = await File.ReadAllBytesAsync(path);
        for (var cut = 1; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 23))
        {
            await File.WriteAllBytesAsync(path, bytes[..cut]);
            await Assert.ThrowsAsync<GrainStorageException>(() => _storage.ReadStateAsync("s", _id, new GrainState<ConformanceTestState>()));
        }
    }

    [Fact]
    public async Task FlippedPayloadByte_ThrowsGrainStorageException()
    {
        await _storage.WriteStateAsync("s", _id, new GrainState<ConformanceTestState>(new ConformanceTestState { Name = "checksummed" }));
        var path = _storage.GetFilePath("s", _id);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^5] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<GrainStorageException>(() => _storage.ReadStateAsync("s", _id, new GrainState<ConformanceTestState>()));
        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSchemaVersion_ThrowsGrainStorageException_NotADefault()
    {
        await WriteRawAsync(WellFormedFile("0123456789abcdef0123456789abcdef", "{\"schema\":2,\"state\":{\"Name\":\"future\"}}"));
        var ex = await Assert.ThrowsAsync<GrainStorageException>(() => _storage.ReadStateAsync("s", _id, new GrainState<ConformanceTestState>()));
        Assert.Contains("schema version 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidHeaderWithCorruptJson_ThrowsGrainStorageException()
    {
        await WriteRawAsync(WellFormedFile("0123456789abcdef0123456789abcdef", "{\"schema\":1,\"state\":{\"Name\":"));
        await Assert.ThrowsAsync<GrainStorageException>(() => _storage.ReadStateAsync("s", _id, new GrainState<ConformanceTestState>()));
    }

    [Fact]
    public async Task HandWrittenFile_WithValidHeader_IsRead()
    {
        await WriteRawAsync(WellFormedFile("0123456789abcdef0123456789abcdef", "{\"schema\":1,\"state\":{\"Name\":\"by hand\"}}"));
        var read = new GrainState<ConformanceTestState>();
        await _storage.ReadStateAsync("s", _id, read);
        Assert.Equal("by hand", read.State.Name);
        Assert.Equal("0123456789abcdef0123456789abcdef", read.ETag);
    }

    [Fact]
    public async Task WriteOverCorruptFile_WithETag_ThrowsGrainStorageException()
    {
        await WriteRawAsync(Encoding.UTF8.GetBytes("garbage\n"));
        await Assert.ThrowsAsync<GrainStorageException>(
            () => _storage.WriteStateAsync("s", _id, new GrainState<int>(1, "0123456789abcdef0123456789abcdef")));
    }

    [Fact]
    public async Task OversizedFile_IsRefusedWithoutReadingIt()
    {
        var small = new FileGrainStorage(new FileGrainStorageOptions { RootDirectory = _folder.Path, MaxStateBytes = 4096 });
        await WriteRawAsync(new byte[10_000]);
        var ex = await Assert.ThrowsAsync<GrainStorageException>(() => small.ReadStateAsync("s", _id, new GrainState<int>()));
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GrainStorageException>(
            () => small.WriteStateAsync("s", GrainId.Create("big", "1"), new GrainState<string>(new string('x', 10_000))));
    }

    [Fact]
    public async Task TwoProviderInstancesOnOneFolder_CreateOnly_ExactlyOneWins()
    {
        // Separate instances share no in-process lock: only the atomic no-replace link arbitrates (as between processes).
        var providers = Enumerable.Range(0, 6)
            .Select(_ => new FileGrainStorage(new FileGrainStorageOptions { RootDirectory = _folder.Path }))
            .ToArray();
        for (var round = 0; round < 10; round++)
        {
            var id = GrainId.Create("race", round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var outcomes = await Task.WhenAll(providers.Select(async (p, i) =>
            {
                try
                {
                    await p.WriteStateAsync("s", id, new GrainState<int>(i));
                    return i;
                }
                catch (InconsistentStateException)
                {
                    return -1;
                }
            }));
            var winners = outcomes.Where(o => o >= 0).ToArray();
            Assert.Single(winners);
            var read = new GrainState<int>();
            await providers[0].ReadStateAsync("s", id, read);
            Assert.Equal(winners[0], read.State);
        }
    }

    [Fact]
    public void MissingRootDirectory_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new FileGrainStorage(new FileGrainStorageOptions()));
    }

    [Fact]
    public void RandomFileContents_OnlyEverThrowGrainStorageException()
    {
        var path = _storage.GetFilePath("s", _id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var valid = WellFormedFile("0123456789abcdef0123456789abcdef", "{\"schema\":1,\"state\":{\"Name\":\"n\",\"Counter\":1}}");
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            from position in Gen.Choose(0, valid.Length - 1)
            from value in Gen.Choose(0, 254)
            select Mutate(valid, position, value)).ToArbitrary();
        Prop.ForAll(garbage, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                var read = new GrainState<ConformanceTestState>();
                _storage.ReadStateAsync("s", _id, read).GetAwaiter().GetResult();
                return read.RecordExists && read.ETag is not null;
            }
            catch (GrainStorageException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    private static byte[] Mutate(byte[] source, int position, int value)
    {
        var copy = (byte[])source.Clone();
        copy[position] = (byte)(copy[position] ^ (1 + (value % 255)));
        return copy;
    }

    private static byte[] WellFormedFile(string eTag, string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        var header = Encoding.ASCII.GetBytes(
            $"hemi-state 1 {eTag} {payload.Length} {Convert.ToHexStringLower(SHA256.HashData(payload))}\n");
        return [.. header, .. payload];
    }

    private async Task WriteRawAsync(byte[] bytes)
    {
        var path = _storage.GetFilePath("s", _id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
    }
}
