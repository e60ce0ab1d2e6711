using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
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
    /// before this call is used instead.
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
            builder.Services.AddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<LocalReminderService>());
            builder.Services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<LocalReminderService>());
        }

        return builder;
    }
}
