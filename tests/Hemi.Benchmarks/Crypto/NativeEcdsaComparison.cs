using System.Globalization;
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
/// host process after the measurements, and show binding throughput / native throughput (target ≥ 0.9), both against
/// the BenchmarkDotNet mean and as medians of paired rounds (native and binding alternating) in wall and thread-CPU time.
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
        private const int PairedRounds = 5;

        public Config()
        {
            var native = new Lazy<NativeFigures?>(MeasureNative);
            AddColumn(new NativeColumn(
                "Native ns/verify",
                "Wall time per verification of the C program calling libsecp256k1 directly (same records, same parse+verify work)",
                native,
                (figures, _) => Format(1e9 / figures.Native.Wall, "F0")));
            AddColumn(new NativeColumn(
                "Binding/Native",
                "Binding throughput / native throughput, BenchmarkDotNet mean vs the native run taken after it (1.0 = parity)",
                native,
                (figures, mean) => Format(1e9 / figures.Native.Wall / mean, "F3")));
            AddColumn(new NativeColumn(
                "Paired wall",
                $"Median over {PairedRounds} alternating native/binding rounds of binding/native throughput, wall clock",
                native,
                (figures, _) => Format(figures.PairedWallRatio, "F3")));
            AddColumn(new NativeColumn(
                "Paired CPU",
                $"Median over {PairedRounds} alternating rounds of binding/native throughput per thread CPU second (least disturbed by other load)",
                native,
                (figures, _) => Format(figures.PairedCpuRatio, "F3")));
        }

        private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

        private static NativeFigures? MeasureNative()
        {
            try
            {
                var records = NativeEcdsaHarness.CreateRecords();
                var n = NativeEcdsaHarness.NativeVerifications;
                var native = NativeEcdsaHarness.MeasureNative(records, n);
                Console.WriteLine($"// native libsecp256k1 baseline: {native.Wall:F1} verifications/s wall, {native.Cpu:F1}/s CPU ({n} verifications)");
                var rounds = NativeEcdsaHarness.MeasurePaired(records, n, PairedRounds);
                foreach (var (nativeRates, bindingRates) in rounds)
                {
                    Console.WriteLine(
                        $"// paired round: native {nativeRates.Wall:F1}/s wall {nativeRates.Cpu:F1}/s CPU, " +
                        $"binding {bindingRates.Wall:F1}/s wall {bindingRates.Cpu:F1}/s CPU, " +
                        $"ratio wall {bindingRates.Wall / nativeRates.Wall:F3} CPU {bindingRates.Cpu / nativeRates.Cpu:F3}");
                }

                return new NativeFigures(
                    native,
                    Median(rounds.Select(r => r.Binding.Wall / r.Native.Wall)),
                    Median(rounds.Select(r => r.Binding.Cpu / r.Native.Cpu)));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                Console.WriteLine($"// native baseline unavailable: {e.Message}");
                return null;
            }
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    private sealed record NativeFigures(NativeEcdsaHarness.Rates Native, double PairedWallRatio, double PairedCpuRatio);

    private sealed class NativeColumn(string name, string legend, Lazy<NativeFigures?> native, Func<NativeFigures, double, string> format) : IColumn
    {
        public string Id => nameof(NativeColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return native.Value is { } figures && mean is { } m ? format(figures, m) : "n/a";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
