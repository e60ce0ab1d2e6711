using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Tests.Storage;

public sealed class MemoryGrainStorageConformanceTests : GrainStorageConformanceTests
{
    protected override Task<IGrainStorage> CreateStorageAsync() => Task.FromResult<IGrainStorage>(new MemoryGrainStorage());
}

public sealed class MemoryObjectStoreConformanceTests : ObjectStoreConformanceTests
{
    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new MemoryObjectStore());
}

public sealed class MemoryGrainStorageTests
{
    [Fact]
    public async Task StoredState_IsACopy_NotTheCallersObject()
    {
        var storage = new MemoryGrainStorage();
        var id = GrainId.Create("copy", "1");
        var state = new GrainState<ConformanceTestState>(new ConformanceTestState { Name = "before" });
        await storage.WriteStateAsync("s", id, state);
        state.State.Name = "mutated after write";

        var read = new GrainState<ConformanceTestState>();
        await storage.ReadStateAsync("s", id, read);
        Assert.Equal("before", read.State.Name);
    }

    [Fact]
    public async Task Clear_RemovesTheRecord()
    {
        var storage = new MemoryGrainStorage();
        var id = GrainId.Create("clear", "1");
        var state = new GrainState<int>(5);
        await storage.WriteStateAsync("s", id, state);
        Assert.Equal(1, storage.Count);
        await storage.ClearStateAsync("s", id, state);
        Assert.Equal(0, storage.Count);
    }
}
