using Hemi.Cluster.TestHost.Control;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// hemi-cluster-testhost: one silo process (see TestHostOptions for the arguments). Prints
//   READY silo=<address> gateway=<port> pid=<pid>   once the silo is Active in membership;
// exits 0 on SIGTERM (graceful leave), 70 when it reads itself Dead (ExitingFatalErrorHandler), 1 when it cannot start,
// 2 on bad arguments. SIGKILL ends it with no goodbye, which is the point.
var events = new HostEvents(Console.Out);
TestHostOptions options;
try
{
    options = TestHostOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (TestHostArgumentException e)
{
    events.Line("FAILED arguments " + e.Message);
    return 2;
}

using var host = TestSiloHost.Build(options, events);
try
{
    await host.StartAsync();
}
catch (Exception e)
{
    events.Line($"FAILED start {e.GetType().Name} {e.Message}");
    return 1;
}

var membership = host.Services.GetRequiredService<IClusterMembershipService>();
var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
var status = membership.CurrentSnapshot.GetSiloStatus(silo);
if (status != SiloStatus.Active)
{
    events.Line($"FAILED start silo {SiloAddressText.Format(silo)} is {status} after start");
    await host.StopAsync();
    return 1;
}

// The client gateway port the silo advertises in membership (the silo listener also accepts clients).
var gateway = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.GatewayPort;
events.Line($"READY silo={SiloAddressText.Format(silo)} gateway={gateway} pid={Environment.ProcessId}");

var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var control = new ControlChannel(Console.In, events, host.Services.GetRequiredService<IClusterClient>(), membership);
_ = Task.Run(() => control.RunAsync(lifetime.StopApplication, lifetime.ApplicationStopping));

await host.WaitForShutdownAsync();
events.Line("STOPPED");
return 0;
