using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Ring;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Reminders;

/// <summary>Adds durable reminders to a silo.</summary>
public static class ReminderSiloBuilderExtensions
{
    /// <summary>
    /// Adds the reminder service with rows kept in the keyed <see cref="IGrainStorage"/> named by
    /// <see cref="ReminderOptions.StorageName"/> (default "Default"). A custom <see cref="IReminderTable"/> registered
    /// before this call is used instead. On its own this is the one-silo service: it ticks every row.
    /// </summary>
    public static ISiloBuilder UseGrainStorageReminderService(this ISiloBuilder builder, Action<ReminderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        builder.Services.TryAddSingleton<IReminderTable>(sp =>
        {
            string name = sp.GetRequiredService<IOptions<ReminderOptions>>().Value.StorageName;
            var storage = sp.GetKeyedService<IGrainStorage>(name)
                ?? throw new InvalidOperationException($"The reminder service needs an IGrainStorage named '{name}'.");
            return new GrainStorageReminderTable(storage);
        });
        if (!builder.Services.Any(d => d.ServiceType == typeof(LocalReminderService)))
        {
            builder.Services.AddSingleton<LocalReminderService>();
            builder.Services.AddSingleton<IReminderService>(sp => sp.GetRequiredService<LocalReminderService>());
            builder.Services.AddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<LocalReminderService>());
            builder.Services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<LocalReminderService>());
        }

        return builder;
    }

    /// <summary>
    /// Adds the reminder service of a cluster (use with clustering, e.g. <c>UseInMemoryClustering</c> or
    /// <c>UseAzureBlobClustering</c>, and a storage shared by all silos): reminders are spread over the Active silos by
    /// a <see cref="ConsistentRing"/> (<see cref="ConsistentRingOptions.VirtualPointsPerSilo"/> points per silo, 30 by
    /// default), each silo ticks only the rows of its ranges, survivors take over a dead silo's rows when the ring
    /// changes, and every tick is claimed in the table first so no due time is delivered twice
    /// (<see cref="IReminderTable.TryClaimTick"/>). Rows are kept as by <see cref="UseGrainStorageReminderService"/>.
    /// </summary>
    public static ISiloBuilder UseClusteredReminderService(
        this ISiloBuilder builder,
        Action<ReminderOptions>? configure = null,
        Action<ClusteredReminderOptions>? configureCluster = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (configureCluster is not null)
        {
            builder.Services.Configure(configureCluster);
        }

        if (!builder.Services.Any(d => d.ServiceType == typeof(ReminderRingPartitioning)))
        {
            builder.Services.AddOptions<ClusteredReminderOptions>().Validate(o =>
            {
                o.Validate();
                return true;
            });
            builder.Services.AddConsistentRing();
            builder.Services.AddSingleton<ReminderRingPartitioning>();
        }

        return builder.UseGrainStorageReminderService(configure);
    }
}
