using System.Globalization;
using Hemi.Benchmarks.Cluster;
using Hemi.Cluster.TestHost.Hosting;

// Cluster benchmarks over real test-host processes against Azurite (HEMI_AZURITE_CONNECTION_STRING):
//   calls    [--seconds 10] [--callers 64] [--profile production|test]  cross-silo vs in-silo calls/s (ratio)
//   failover [--profile test|production] [--grains 20]  SIGKILL → the victim's grains answer again from survivors
if (args.Length == 0 || args[0] is not ("calls" or "failover"))
{
    Console.Error.WriteLine("usage: calls [--seconds N] [--callers N] [--profile production|test] | failover [--profile test|production] [--grains N]");
    return 2;
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

return args[0] == "calls"
    ? await new CallRateBenchmark(TimeSpan.FromSeconds(Number("seconds", 10)), Number("callers", 64), FailureDetectionProfiles.Parse(Option("profile", "production"))).RunAsync()
    : await new FailoverBenchmark(FailureDetectionProfiles.Parse(Option("profile", "test")), Number("grains", 20)).RunAsync();
