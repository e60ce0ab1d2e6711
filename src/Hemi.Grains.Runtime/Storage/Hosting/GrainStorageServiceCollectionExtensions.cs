using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>
/// Registers grain storage providers and object stores as keyed singletons (key = provider name), with
/// named options validated at host start. The provider named "Default" is also the unkeyed service.
/// </summary>
public static class GrainStorageServiceCollectionExtensions
{
    /// <summary>The provider name used when a grain does not name one.</summary>
    public const string DefaultProviderName = "Default";

    /// <summary>Registers <paramref name="factory"/> as the <see cref="IGrainStorage"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddGrainStorage(
        this IServiceCollection services,
        string name,
        Func<IServiceProvider, string, IGrainStorage> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddKeyedSingleton(name, (sp, key) => factory(sp, (string)key!));
        if (name == DefaultProviderName)
        {
            services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(DefaultProviderName));
        }

        return services;
    }

    /// <summary>Registers <paramref name="factory"/> as the <see cref="IObjectStore"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddObjectStore(
        this IServiceCollection services,
        string name,
        Func<IServiceProvider, string, IObjectStore> factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddKeyedSingleton(name, (sp, key) => factory(sp, (string)key!));
        if (name == DefaultProviderName)
        {
            services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IObjectStore>(DefaultProviderName));
        }

        return services;
    }

    /// <summary>Adds an in-memory grain storage (tests).</summary>
    public static IServiceCollection AddMemoryGrainStorage(
        this IServiceCollection services,
        string name = DefaultProviderName,
        Action<MemoryGrainStorageOptions>? configure = null)
    {
        var options = services.AddOptions<MemoryGrainStorageOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services.AddGrainStorage(
            name,
            (sp, key) => new MemoryGrainStorage(sp.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(key)));
    }

    /// <summary>Adds an in-memory object store (tests).</summary>
    public static IServiceCollection AddMemoryObjectStore(this IServiceCollection services, string name = DefaultProviderName) =>
        services.AddObjectStore(name, (_, _) => new MemoryObjectStore());

    /// <summary>Adds a durable file-based grain storage rooted at <see cref="FileGrainStorageOptions.RootDirectory"/>.</summary>
    public static IServiceCollection AddFileGrainStorage(
        this IServiceCollection services,
        string name,
        Action<FileGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FileGrainStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FileGrainStorageOptions>>(
            new DelegatingOptionsValidator<FileGrainStorageOptions>(name, o => o.Validate(name)));
        return services.AddGrainStorage(
            name,
            (sp, key) => new FileGrainStorage(sp.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(key), key));
    }

    /// <summary>Adds a file-based object store rooted at <see cref="FileObjectStoreOptions.RootDirectory"/>.</summary>
    public static IServiceCollection AddFileObjectStore(
        this IServiceCollection services,
        string name,
        Action<FileObjectStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FileObjectStoreOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FileObjectStoreOptions>>(
            new DelegatingOptionsValidator<FileObjectStoreOptions>(name, o => o.Validate(name)));
        return services.AddObjectStore(
            name,
            (sp, key) => new FileObjectStore(sp.GetRequiredService<IOptionsMonitor<FileObjectStoreOptions>>().Get(key), key));
    }
}
