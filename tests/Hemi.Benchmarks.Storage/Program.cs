using BenchmarkDotNet.Running;

namespace Hemi.Benchmarks.Storage;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Hemi.Benchmarks.Storage -- --filter '*StateWrite*' --job short</c>
/// (the Azurite case runs when <c>HEMI_AZURITE_CONNECTION_STRING</c> is set, e.g. after
/// <c>eval "$(bash infra/azurite/start.sh)"</c>).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
