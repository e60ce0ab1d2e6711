using Hemi.Grains.Runtime.Storage;
using Hemi.Storage.AzureBlob;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Hosting;

/// <summary>Registers the Azure Blob grain storage and object store (keyed singletons, validated named options, start-up check).</summary>
public static class AzureBlobStorageServiceCollectionExtensions
{
    /// <summary>Adds an <see cref="AzureBlobGrainStorage"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddAzureBlobGrainStorage(
        this IServiceCollection services,
        string name,
        Action<AzureBlobStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AzureBlobStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureBlobStorageOptions>>(
            new DelegatingOptionsValidator<AzureBlobStorageOptions>(name, o => o.Validate(name)));
        services.AddGrainStorage(
            name,
            (sp, key) => new AzureBlobGrainStorage(key, sp.GetRequiredService<IOptionsMonitor<AzureBlobStorageOptions>>().Get(key)));
        services.AddSingleton<IHostedService>(sp => new AzureBlobStartupCheck(
            ct => ((AzureBlobGrainStorage)sp.GetRequiredKeyedService<IGrainStorage>(name)).InitializeAsync(ct)));
        return services;
    }

    /// <summary>Adds an <see cref="AzureBlobObjectStore"/> named <paramref name="name"/>.</summary>
    public static IServiceCollection AddAzureBlobObjectStore(
        this IServiceCollection services,
        string name,
        Action<AzureBlobObjectStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AzureBlobObjectStoreOptions>(name).Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AzureBlobObjectStoreOptions>>(
            new DelegatingOptionsValidator<AzureBlobObjectStoreOptions>(name, o => o.Validate(name)));
        services.AddObjectStore(
            name,
            (sp, key) => new AzureBlobObjectStore(key, sp.GetRequiredService<IOptionsMonitor<AzureBlobObjectStoreOptions>>().Get(key)));
        services.AddSingleton<IHostedService>(sp => new AzureBlobStartupCheck(
            ct => ((AzureBlobObjectStore)sp.GetRequiredKeyedService<IObjectStore>(name)).InitializeAsync(ct)));
        return services;
    }

    /// <summary><see cref="ISiloBuilder"/> form of <see cref="AddAzureBlobGrainStorage(IServiceCollection, string, Action{AzureBlobStorageOptions})"/>.</summary>
    public static ISiloBuilder AddAzureBlobGrainStorage(this ISiloBuilder builder, string name, Action<AzureBlobStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAzureBlobGrainStorage(name, configure);
        return builder;
    }

    /// <summary><see cref="ISiloBuilder"/> form of <see cref="AddAzureBlobObjectStore(IServiceCollection, string, Action{AzureBlobObjectStoreOptions})"/>.</summary>
    public static ISiloBuilder AddAzureBlobObjectStore(this ISiloBuilder builder, string name, Action<AzureBlobObjectStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAzureBlobObjectStore(name, configure);
        return builder;
    }
}
