using Hemi.Cluster.TestHost.Grains;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Configuration;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Networking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Hemi.Cluster.TestHost.Hosting;

/// <summary>
/// Builds the generic host of one test silo: Azure Blob clustering, directory and grain storage on the given
/// account, the silo-to-silo transport, the test grains, and a fatal-error handler that ends the process.
/// </summary>
public static class TestSiloHost
{
    /// <summary>The grain storage provider name the test grains use (the runtime default).</summary>
    public const string StorageName = "Default";

    /// <summary>Creates (does not start) the host.</summary>
    public static IHost Build(TestHostOptions options, HostEvents events)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        // stdout carries only the machine-readable lines; every log goes to stderr.
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Hemi.Grains.Runtime.Membership", LogLevel.Information);
        builder.Logging.AddFilter("Hemi.Grains.Runtime.GrainDirectory", LogLevel.Information);
        builder.Services.AddSingleton(events);

        builder.UseSilo(silo =>
        {
            silo.Configure<SiloOptions>(o =>
                {
                    o.SiloName = options.Name;
                    o.AdvertisedIPAddress = "127.0.0.1";
                    o.SiloPort = options.SiloPort;
                })
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = "hemi-cluster-tests";
                })
                .Configure<ClusterMembershipOptions>(o => FailureDetectionProfiles.Apply(options.Profile, o))
                .UseAzureBlobClustering(o => o.ConnectionString = options.ConnectionString)
                .UseAzureBlobGrainDirectory(o => o.ConnectionString = options.ConnectionString)
                .AddAzureBlobGrainStorage(StorageName, o =>
                {
                    o.ConnectionString = options.ConnectionString;
                    o.ContainerName = options.StateContainer;
                })
                .UseSiloNetworking()
                .AddGrainsFromAssembly(typeof(CounterGrain).Assembly);
            silo.Services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler, ExitingFatalErrorHandler>());
        });

        return builder.Build();
    }
}
