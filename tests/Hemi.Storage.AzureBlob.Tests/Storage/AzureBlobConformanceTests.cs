using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.Storage;

namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>The grain storage conformance suite on Azurite, Orleans defaults (clear deletes the blob).</summary>
public sealed class AzureBlobGrainStorageConformanceTests : GrainStorageConformanceTests
{
    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = Azurite.NewGrainStorage("grainstate");
        await storage.InitializeAsync();
        return storage;
    }

    public override Task DisposeAsync()
    {
        ((IDisposable)Storage).Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The grain storage conformance suite on Azurite with <c>DeleteStateOnClear = false</c> (clear writes an empty blob).</summary>
public sealed class AzureBlobGrainStorageKeepOnClearConformanceTests : GrainStorageConformanceTests
{
    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = Azurite.NewGrainStorage("grainstate-keep", deleteOnClear: false);
        await storage.InitializeAsync();
        return storage;
    }

    public override Task DisposeAsync()
    {
        ((IDisposable)Storage).Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The object store conformance suite on Azurite.</summary>
public sealed class AzureBlobObjectStoreConformanceTests : ObjectStoreConformanceTests
{
    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        var store = Azurite.NewObjectStore("objects");
        await store.InitializeAsync();
        return store;
    }

    public override Task DisposeAsync()
    {
        ((IDisposable)Store).Dispose();
        return Task.CompletedTask;
    }
}
