using FsCheck;
using FsCheck.Fluent;
using Hemi.Cluster.TestHost.Hosting;
using Hemi.Grains.Runtime.Membership;

namespace Hemi.Cluster.Tests.TestHost;

/// <summary>The test host's argument parsing: what a harness passes is read exactly; anything else is a typed error.</summary>
public sealed class TestHostOptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var options = TestHostOptions.Parse(
            ["--cluster-id", "c-1", "--connection-string", "UseDevelopmentStorage=true", "--silo-port", "40001", "--profile", "production", "--state-container", "state-x", "--name", "a"],
            NoEnvironment);

        Assert.Equal("c-1", options.ClusterId);
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Equal(40001, options.SiloPort);
        Assert.Equal(FailureDetectionProfile.Production, options.Profile);
        Assert.Equal("state-x", options.StateContainer);
        Assert.Equal("a", options.Name);
    }

    [Fact]
    public void Parse_FallsBackToTheEnvironment_AndPicksAFreePortForZero()
    {
        var environment = new Dictionary<string, string> { ["HEMI_CLUSTER_ID"] = "env-cluster", ["HEMI_AZURITE_CONNECTION_STRING"] = "cs" };
        var options = TestHostOptions.Parse([], environment.GetValueOrDefault);

        Assert.Equal("env-cluster", options.ClusterId);
        Assert.Equal("cs", options.ConnectionString);
        Assert.InRange(options.SiloPort, 1, 65535);
        Assert.Equal(FailureDetectionProfile.Test, options.Profile);
        Assert.Equal("state-env-cluster", options.StateContainer);
    }

    [Theory]
    [InlineData("--connection-string cs")] // no cluster id
    [InlineData("--cluster-id c")] // no connection string
    [InlineData("--cluster-id c --connection-string cs --silo-port 70000")]
    [InlineData("--cluster-id c --connection-string cs --silo-port -1")]
    [InlineData("--cluster-id c --connection-string cs --silo-port x")]
    [InlineData("--cluster-id c --connection-string cs --profile fast")]
    [InlineData("--cluster-id c --connection-string cs --gateway-port 1")] // unknown option
    [InlineData("--cluster-id c --connection-string")] // value missing
    [InlineData("cluster-id c")] // not an option
    public void Parse_RejectsBadArguments_WithATypedError(string commandLine)
    {
        var args = commandLine.Split(' ');
        Assert.Throws<TestHostArgumentException>(() => TestHostOptions.Parse(args, NoEnvironment));
    }

    [Fact]
    public void Parse_NeverThrowsAnythingButItsOwnError_OnArbitraryArguments()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string[]>(), args =>
        {
            try
            {
                TestHostOptions.Parse(args.Select(a => a ?? string.Empty).ToArray(), NoEnvironment);
            }
            catch (TestHostArgumentException)
            {
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DefaultStateContainer_IsAValidBlobContainerName_ForEveryValidClusterId()
    {
        var clusterIdChar = Gen.Elements("abcXYZ019-_.".ToCharArray());
        var clusterIds = Gen.ArrayOf(clusterIdChar).Where(a => a.Length is >= 1 and <= 128).Select(a => new string(a))
            .Where(id => id.Any(char.IsAsciiLetterOrDigit));
        Prop.ForAll(clusterIds.ToArbitrary(), id =>
        {
            new ClusterOptions { ClusterId = id }.Validate(); // only ids the runtime accepts
            var name = TestHostOptions.DefaultStateContainer(id);
            Assert.InRange(name.Length, 3, 63);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", name);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Profiles_TestIsSeconds_ProductionIsTheRuntimeDefaults()
    {
        var test = new ClusterMembershipOptions();
        FailureDetectionProfiles.Apply(FailureDetectionProfile.Test, test);
        test.Validate();
        Assert.Equal(TimeSpan.FromSeconds(2), test.ProbeTimeout);
        Assert.Equal(3, test.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), test.IAmAliveTablePublishTimeout);

        var production = new ClusterMembershipOptions();
        FailureDetectionProfiles.Apply(FailureDetectionProfile.Production, production);
        var defaults = new ClusterMembershipOptions();
        Assert.Equal(defaults.ProbeTimeout, production.ProbeTimeout);
        Assert.Equal(defaults.NumMissedProbesLimit, production.NumMissedProbesLimit);
        Assert.Equal(defaults.TableRefreshTimeout, production.TableRefreshTimeout);
        Assert.Equal(defaults.IAmAliveTablePublishTimeout, production.IAmAliveTablePublishTimeout);
    }
}
