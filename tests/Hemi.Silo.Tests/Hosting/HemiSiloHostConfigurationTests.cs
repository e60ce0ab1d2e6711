using System.Collections;
using Hemi.Silo.Configuration;
using Hemi.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hemi.Silo.Tests.Hosting;

public sealed class HemiSiloHostConfigurationTests
{
    [Fact]
    public void PrefixedEnvironment_MapsHemiVariablesIntoTheHemiSection()
    {
        var values = HemiSiloHost.PrefixedEnvironment(new Hashtable
        {
            ["HEMI_STORAGE__PROVIDER"] = "AzureBlob",
            ["HEMI_DATAPATH"] = "/var/hemi",
            ["HEMI_URLS"] = "http://0.0.0.0:9545",
            ["PATH"] = "/usr/bin",
            ["HEMI_"] = "ignored",
        });
        Assert.Equal("AzureBlob", values["Hemi:STORAGE:PROVIDER"]);
        Assert.Equal("/var/hemi", values["Hemi:DATAPATH"]);
        Assert.Equal("http://0.0.0.0:9545", values["urls"]);
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public void CommandLine_OverridesEnvironmentWhichOverridesAppSettings()
    {
        var builder = HemiSiloHost.CreateBuilder(["--data", "/from/args"], new Hashtable { ["HEMI_DATAPATH"] = "/from/env", ["HEMI_CHAINID"] = "99" });
        Assert.Equal("/from/args", builder.Configuration["Hemi:DataPath"]);
        Assert.Equal("99", builder.Configuration["Hemi:ChainId"]);
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!;
        Assert.Equal(StorageProvider.Files, storage.Provider);
    }

    [Fact]
    public void DefaultUrl_IsLoopback8545UnlessUrlsIsGiven()
    {
        Assert.Equal("http://127.0.0.1:8545", HemiSiloHost.DefaultUrl);
        var builder = HemiSiloHost.CreateBuilder(["--urls", "http://127.0.0.1:0"], new Hashtable());
        Assert.Equal("http://127.0.0.1:0", builder.Configuration["urls"]);
    }

    [Theory]
    [InlineData("--Hemi:Storage:Provider=AzureBlob", "ConnectionString is required")]
    [InlineData("--Hemi:Sequencer:BlockInterval=00:00:00", "BlockInterval must be positive")]
    [InlineData("--Hemi:PopMiner:PrivateKeyHex=abc", "64 hex digits")]
    [InlineData("--Hemi:Bitcoin:RpcPort=70000", "RpcPort")]
    [InlineData("--Hemi:ChainId=0", "ChainId")]
    [InlineData("--Hemi:Sequencer:PopPayoutDelay=30", "multiple of KeystonePeriod")]
    public void Build_RejectsInvalidSettingsWithTheirKey(string argument, string message)
    {
        var builder = HemiSiloHost.CreateBuilder(["--urls", "http://127.0.0.1:0", argument], new Hashtable());
        var e = Assert.Throws<OptionsValidationException>(() => HemiSiloHost.Build(builder));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RejectsInvalidRpcLimits()
    {
        var builder = HemiSiloHost.CreateBuilder(["--Hemi:Rpc:MaxBatchSize=0"], new Hashtable());
        Assert.Throws<ArgumentException>(() => HemiSiloHost.Build(builder));
    }
}
