using Hemi.Grains.Runtime.Storage;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary><see cref="ISiloBuilder"/> shortcuts for <see cref="GrainStorageServiceCollectionExtensions"/>.</summary>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>Adds an in-memory grain storage (tests).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(
        this ISiloBuilder builder,
        string name = GrainStorageServiceCollectionExtensions.DefaultProviderName,
        Action<MemoryGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMemoryGrainStorage(name, configure);
        return builder;
    }

    /// <summary>Adds an in-memory object store (tests).</summary>
    public static ISiloBuilder AddMemoryObjectStore(
        this ISiloBuilder builder,
        string name = GrainStorageServiceCollectionExtensions.DefaultProviderName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMemoryObjectStore(name);
        return builder;
    }

    /// <summary>Adds a durable file-based grain storage.</summary>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string name, Action<FileGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFileGrainStorage(name, configure);
        return builder;
    }

    /// <summary>Adds a file-based object store.</summary>
    public static ISiloBuilder AddFileObjectStore(this ISiloBuilder builder, string name, Action<FileObjectStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFileObjectStore(name, configure);
        return builder;
    }
}
