using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Hemi.Crypto.Secp256k1;

namespace Hemi.Benchmarks.Crypto;

/// <summary>
/// ECDSA verification through the Hemi.Crypto binding vs. a C program calling libsecp256k1 directly on the same
/// records. BenchmarkDotNet times the binding (per verification); the extra columns run the C baseline once, in the
/// host process after the measurements, and show binding throughput / native throughput (target ≥ 0.9).
/// Run: <c>dotnet run -c Release --project tests/Hemi.Benchmarks -- --filter '*NativeEcdsaComparison*' --job short</c>.
/// </summary>
[Config(typeof(Config))]
public class NativeEcdsaComparison
{
    private NativeEcdsaHarness.Record[] _records = [];

    [GlobalSetup]
    public void Setup() => _records = [.. NativeEcdsaHarness.CreateRecords()];

    [Benchmark(OperationsPerInvoke = NativeEcdsaHarness.RecordCount)]
    public int BindingVerifyCompact()
    {
        var ok = 0;
        foreach (var record in _records)
        {
            ok += Ecdsa.VerifyCompact(record.Key, record.Hash, record.Signature) ? 1 : 0;
        }

        if (ok != _records.Length)
        {
            throw new InvalidOperationException("a benchmark signature failed to verify");
        }

        return ok;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            var native = new Lazy<(double? Rate, string Note)>(MeasureNative);
            AddColumn(new NativeColumn("Native ns/verify", native, (rate, _) => (1e9 / rate).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)));
            AddColumn(new NativeColumn("Binding/Native throughput", native, (rate, mean) => (1e9 / rate / mean).ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));
        }

        private static (double? Rate, string Note) MeasureNative()
        {
            try
            {
                var rate = NativeEcdsaHarness.MeasureNativeVerificationsPerSecond(NativeEcdsaHarness.CreateRecords(), NativeEcdsaHarness.NativeVerifications);
                Console.WriteLine($"// native libsecp256k1 baseline: {rate:F1} verifications/second");
                return (rate, string.Empty);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                Console.WriteLine($"// native baseline unavailable: {e.Message}");
                return (null, "n/a: " + e.Message);
            }
        }
    }

    private sealed class NativeColumn(string name, Lazy<(double? Rate, string Note)> native, Func<double, double, string> format) : IColumn
    {
        public string Id => nameof(NativeColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name.StartsWith("Native", StringComparison.Ordinal)
            ? "Time per verification of the C program calling libsecp256k1 directly (same records, same parse+verify work)"
            : "Binding verifications/second divided by native verifications/second (1.0 = parity)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var (rate, note) = native.Value;
            return rate is { } r && mean is { } m ? format(r, m) : (note.Length > 0 ? "n/a" : "?");
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
