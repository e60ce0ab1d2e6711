using BenchmarkDotNet.Attributes;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Storage;
using Hemi.Storage.AzureBlob;

namespace Hemi.Benchmarks.Storage;

/// <summary>
/// Conditional state writes (If-Match on the current ETag) round-robin over 64 grains with a ~1 KB state:
/// each durable provider against the same writes to the in-memory provider (baseline, which also serializes
/// and checks ETags) in the same run. One operation = one write, so writes/s = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks
{
    private const int Grains = 64;

    private readonly GrainState<BenchState>[] _memoryStates = new GrainState<BenchState>[Grains];
    private readonly GrainState<BenchState>[] _providerStates = new GrainState<BenchState>[Grains];
    private readonly GrainId[] _ids = new GrainId[Grains];
    private MemoryGrainStorage _memory = null!;
    private IGrainStorage _provider = null!;
    private string? _folder;
    private int _next;

    /// <summary>The durable provider measured against the memory baseline.</summary>
    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "files";

    public static IEnumerable<string> Providers()
    {
        yield return "files";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HEMI_AZURITE_CONNECTION_STRING")))
        {
            yield return "azurite";
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _memory = new MemoryGrainStorage();
        switch (Provider)
        {
            case "files":
                _folder = Path.Combine(Path.GetTempPath(), "hemi-storage-bench", Guid.NewGuid().ToString("N"));
                _provider = new FileGrainStorage(new FileGrainStorageOptions { RootDirectory = _folder });
                break;
            case "azurite":
                var azure = new AzureBlobGrainStorage("bench", new AzureBlobStorageOptions
                {
                    ConnectionString = Environment.GetEnvironmentVariable("HEMI_AZURITE_CONNECTION_STRING"),
                    ContainerName = "bench-grainstate",
                });
                azure.InitializeAsync().GetAwaiter().GetResult();
                _provider = azure;
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }

        var run = Guid.NewGuid().ToString("N");
        for (var i = 0; i < Grains; i++)
        {
            _ids[i] = GrainId.Create("bench", $"{run}-{i}");
            _memoryStates[i] = new GrainState<BenchState>(BenchState.Create(i));
            _providerStates[i] = new GrainState<BenchState>(BenchState.Create(i));
            _memory.WriteStateAsync("state", _ids[i], _memoryStates[i]).GetAwaiter().GetResult();
            _provider.WriteStateAsync("state", _ids[i], _providerStates[i]).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_provider as IDisposable)?.Dispose();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Benchmark(Baseline = true)]
    public Task MemoryWrite()
    {
        var i = _next++ % Grains;
        _memoryStates[i].State.Counter++;
        return _memory.WriteStateAsync("state", _ids[i], _memoryStates[i]);
    }

    [Benchmark]
    public Task ProviderWrite()
    {
        var i = _next++ % Grains;
        _providerStates[i].State.Counter++;
        return _provider.WriteStateAsync("state", _ids[i], _providerStates[i]);
    }

    /// <summary>A representative small grain state (~1 KB of JSON).</summary>
    public sealed class BenchState
    {
        public long Counter { get; set; }

        public string Owner { get; set; } = string.Empty;

        public List<string> Recent { get; set; } = [];

        public Dictionary<string, long> Balances { get; set; } = [];

        public static BenchState Create(int seed) => new()
        {
            Owner = $"0x{seed:x40}",
            Recent = Enumerable.Range(0, 8).Select(i => $"0x{seed * 31 + i:x64}").ToList(),
            Balances = Enumerable.Range(0, 8).ToDictionary(i => $"token-{i}", i => (long)i * 1_000_000_007),
        };
    }
}
