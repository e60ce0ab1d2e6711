using System.Collections;
using System.Reflection;
using Hemi.Bitcoin.Node;
using Hemi.Ethereum;
using Hemi.Grains;
using Hemi.Grains.Hvm;
using Hemi.Grains.L2;
using Hemi.Grains.L2.Sequencing;
using Hemi.Grains.Pop;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Silo.Bfg;
using Hemi.Silo.Chain;
using Hemi.Silo.Configuration;
using Hemi.Silo.Devnet;
using Hemi.Silo.Diagnostics;
using Hemi.Silo.Rpc;
using Hemi.Silo.Rpc.Filters;
using Hemi.Silo.Rpc.Methods;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hemi.Silo.Hosting;

/// <summary>
/// Builds the <c>hemi-silo</c> application: configuration (appsettings.json, then <c>HEMI_</c> environment variables,
/// then the command line), storage, the embedded regtest node, the grains (Bitcoin chain, keystones, PoP miner, L2),
/// and the gateway (JSON-RPC, BFG finality, health, metrics). Tests build it the same way and start it in process.
/// </summary>
public static class HemiSiloHost
{
    /// <summary>Where Kestrel listens unless <c>--urls</c> (or <c>ASPNETCORE_URLS</c>/<c>HEMI_URLS</c>) says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8545";

    /// <summary>Environment variables with this prefix map into the <c>Hemi</c> section: <c>HEMI_STORAGE__PROVIDER</c> → <c>Hemi:Storage:Provider</c>.</summary>
    public const string EnvironmentPrefix = "HEMI_";

    private static readonly Dictionary<string, string> s_switches = new(StringComparer.Ordinal)
    {
        ["--data"] = "Hemi:DataPath",
        ["--chain-id"] = "Hemi:ChainId",
        ["--storage"] = "Hemi:Storage:Provider",
        ["--bitcoin-rpc-port"] = "Hemi:Bitcoin:RpcPort",
    };

    /// <summary>The builder with configuration sources in place; <paramref name="environment"/> defaults to the process environment.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(HemiSiloHost).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(PrefixedEnvironment(environment ?? Environment.GetEnvironmentVariables()));
        builder.Configuration.AddCommandLine(args, s_switches);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(builder.Configuration["Hemi:Urls"] is { Length: > 0 } urls ? urls : DefaultUrl);
        }

        return builder;
    }

    /// <summary>Registers everything and builds the application (endpoints mapped). Throws <see cref="OptionsValidationException"/> for bad settings.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        var hemi = Bind<HemiOptions>(services, configuration, HemiOptions.SectionName, o => o.Validate());
        var storage = Bind<StorageOptions>(services, configuration, StorageOptions.SectionName, o => o.Validate());
        var bitcoin = Bind<BitcoinOptions>(services, configuration, BitcoinOptions.SectionName, o => o.Validate());
        var popMiner = Bind<PopMinerSection>(services, configuration, PopMinerSection.SectionName, o => o.Validate());
        var sequencer = Bind<SequencerSection>(services, configuration, SequencerSection.SectionName, o => o.Validate());
        var devAccounts = Bind<DevAccountsOptions>(services, configuration, DevAccountsOptions.SectionName, o => o.Validate());
        var limits = configuration.GetSection(JsonRpcLimits.SectionName).Get<JsonRpcLimits>() ?? new JsonRpcLimits();
        limits.Validate();
        services.AddSingleton(limits);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        AddStorage(services, hemi, storage);

        // Started before the silo (hosted services start in registration order) and stopped after it.
        services.AddSingleton<BitcoinNodeHost>();
        services.AddHostedService(sp => sp.GetRequiredService<BitcoinNodeHost>());
        services.AddSingleton(sp => sp.GetRequiredService<BitcoinNodeHost>().Node);
        services.AddSingleton<IBitcoinSource>(sp => sp.GetRequiredService<BitcoinNodeHost>().Node);

        var accounts = DevAccounts.Derive(devAccounts.Count);
        builder.UseSilo(silo =>
        {
            silo.AddHemiGrains(chain => chain.PollInterval = bitcoin.PollInterval, keystones => keystones.BitcoinNetwork = bitcoin.Network);
            silo.AddHvmBitcoinIndex(o => o.RebuildOnStart.Add(bitcoin.Network));
            silo.AddHemiL2(o => ConfigureSequencer(o, hemi, sequencer, bitcoin, accounts, devAccounts));
        });
        if (popMiner.Enabled)
        {
            services.AddPopMiner(popMiner.MinerId, o =>
            {
                o.PrivateKeyHex = popMiner.PrivateKeyHex;
                o.StaticFeeSatPerVByte = popMiner.StaticFeeSatPerVByte;
                o.BitcoinNetwork = bitcoin.Network;
                // The devnet service drives the passes (see DevnetService).
                o.LoopInterval = TimeSpan.Zero;
            });
        }

        services.AddSingleton<HostExitCode>();
        services.AddHostedService<DevnetService>();

        services.TryAddSingletonTimeProvider();
        services.AddSingleton<FinalizedBlockTracker>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<ChainStatistics>();
        services.AddSingleton(sp => new RpcFilterRegistry(limits, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IL2Chain>(sp => new GrainL2Chain(sp.GetRequiredService<IClusterClient>(), sp.GetRequiredService<IBitcoinSource>(), hemi.ChainId, sequencer.KeystonePeriod, bitcoin.Network, Hemi.Grains.Keystones.KeystoneRegistry.DefaultKey));
        services.AddSingleton(sp => new JsonRpcDispatcher(
            CreateMethods(sp, limits, sequencer.KeystonePeriod),
            limits,
            sp.GetRequiredService<ILogger<JsonRpcDispatcher>>()));

        var app = builder.Build();
        app.MapJsonRpc("/rpc", "/");
        app.MapKeystoneFinality();
        app.MapHemiDiagnostics();
        return app;
    }

    /// <summary>Runs the silo until Ctrl+C/SIGTERM; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(CreateBuilder(args));
        }
        catch (Exception e) when (e is OptionsValidationException or ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("hemi-silo: invalid configuration: " + e.Message);
            return 2;
        }

        var exitCode = app.Services.GetRequiredService<HostExitCode>();
        await using (app)
        {
            try
            {
                await app.RunAsync();
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SiloStartupException)
            {
                // A port in use or an unreachable store: say what failed instead of a stack trace.
                await Console.Error.WriteLineAsync("hemi-silo: failed to start: " + e.Message);
                return 1;
            }
        }

        // A service that could not do its job (the sequencer did not start) set a failure code before stopping the host.
        return exitCode.Value;
    }

    /// <summary><c>hemi-silo/v{version}/dotnet{runtime}</c>, as geth's <c>Geth/v1.x/linux-amd64/go1.x</c>.</summary>
    public static string ClientVersion
    {
        get
        {
            var version = typeof(HemiSiloHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return $"hemi-silo/v{(plus < 0 ? version : version[..plus])}/{Environment.Version}";
        }
    }

    internal static Dictionary<string, string?> PrefixedEnvironment(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string key && key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && key.Length > EnvironmentPrefix.Length)
            {
                var rest = key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                values[rest.Equals("URLS", StringComparison.OrdinalIgnoreCase) ? "urls" : "Hemi:" + rest] = entry.Value as string;
            }
        }

        return values;
    }

    private static IReadOnlyDictionary<string, RpcMethod> CreateMethods(IServiceProvider services, JsonRpcLimits limits, uint keystonePeriod)
    {
        var chain = services.GetRequiredService<IL2Chain>();
        var metrics = services.GetRequiredService<GatewayMetrics>();
        var methods = new Dictionary<string, RpcMethod>(StringComparer.Ordinal);
        new EthRpcMethods(chain, limits, services.GetRequiredService<FinalizedBlockTracker>(), services.GetRequiredService<RpcFilterRegistry>(), ClientVersion).Register(methods);
        new HemiRpcMethods(chain, keystonePeriod).Register(methods);
        var send = methods["eth_sendRawTransaction"];
        methods["eth_sendRawTransaction"] = async (p, ct) =>
        {
            try
            {
                var result = await send(p, ct);
                metrics.TransactionSubmitted();
                return result;
            }
            catch (Exception)
            {
                metrics.TransactionRejected();
                throw;
            }
        };
        return methods;
    }

    private static void ConfigureSequencer(
        SequencerOptions options,
        HemiOptions hemi,
        SequencerSection sequencer,
        BitcoinOptions bitcoin,
        IReadOnlyList<DevAccount> accounts,
        DevAccountsOptions devAccounts)
    {
        options.ChainId = hemi.ChainId;
        options.BlockInterval = sequencer.BlockInterval;
        options.GasLimit = sequencer.GasLimit;
        options.KeystonePeriod = sequencer.KeystonePeriod;
        options.SnapshotInterval = sequencer.SnapshotInterval;
        options.MinBlockTransactions = sequencer.MinBlockTransactions;
        options.MaxBlockTransactions = sequencer.MaxBlockTransactions;
        options.GenesisTimestamp = sequencer.GenesisTimestamp;
        options.HemiBtcAddress = Address.Parse(sequencer.HemiBtcAddress);
        options.Coinbase = Address.Parse(sequencer.Coinbase);
        options.BitcoinNetwork = bitcoin.Network;
        options.PopPayoutDelay = sequencer.PopPayoutDelay;
        options.ObjectStoreName = GrainStorageServiceCollectionExtensions.DefaultProviderName;
        options.GenesisAlloc = [.. DevAccounts.GenesisAlloc(accounts, devAccounts)];
    }

    private static void AddStorage(IServiceCollection services, HemiOptions hemi, StorageOptions storage)
    {
        const string name = GrainStorageServiceCollectionExtensions.DefaultProviderName;
        switch (storage.Provider)
        {
            case StorageProvider.Files:
                services.AddFileGrainStorage(name, o => o.RootDirectory = Path.Combine(hemi.DataFullPath, "grains"));
                services.AddFileObjectStore(name, o => o.RootDirectory = Path.Combine(hemi.DataFullPath, "objects"));
                break;
            case StorageProvider.AzureBlob:
                services.AddAzureBlobGrainStorage(name, o =>
                {
                    o.ConnectionString = storage.ConnectionString;
                    o.ContainerName = storage.GrainStateContainer;
                });
                services.AddAzureBlobObjectStore(name, o =>
                {
                    o.ConnectionString = storage.ConnectionString;
                    o.ContainerName = storage.ObjectContainer;
                });
                break;
            case StorageProvider.Memory:
                services.AddMemoryGrainStorage(name);
                services.AddMemoryObjectStore(name);
                break;
        }
    }

    /// <summary>Binds a section eagerly (the composition needs its values) and registers it with start-time validation.</summary>
    private static T Bind<T>(IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate)
        where T : class, new()
    {
        var value = configuration.GetSection(section).Get<T>() ?? new T();
        var failures = validate(value).ToArray();
        if (failures.Length > 0)
        {
            throw new OptionsValidationException(section, typeof(T), failures);
        }

        services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
            .Validate(o => !validate(o).Any(), $"{section} is invalid.")
            .ValidateOnStart();
        return value;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
}
