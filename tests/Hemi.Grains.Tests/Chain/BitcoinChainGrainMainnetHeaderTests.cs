using Hemi.Bitcoin.Chain;
using Hemi.Bitcoin.Headers;
using Hemi.Bitcoin.Node;
using Hemi.Grains.Chain;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Tests.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hemi.Grains.Tests.Chain;

public sealed class BitcoinChainGrainMainnetHeaderTests
{
    private const string Headers = "hemi/mainnet_headers.bin";

    [VectorFact(Headers)]
    public async Task Activation_ValidatesTheRealMainnetHeaders()
    {
        var headers = HeaderOnlySource.ReadMainnetHeaders();

        var (tip, error) = await FollowAsync(headers);

        Assert.Null(error);
        Assert.Equal(32260, tip.Height);
        Assert.Equal(headers[^1].GetHash().ToString(), tip.Hash);
    }

    [VectorFact(Headers)]
    public async Task Activation_RefusesAHeaderWithBadProofOfWork()
    {
        var headers = HeaderOnlySource.ReadMainnetHeaders();
        // Re-chain the headers after the tampered one so only the proof of work is wrong.
        headers[1000] = headers[1000].WithNonce(headers[1000].Nonce + 1);
        Relink(headers, 1001);

        var (tip, error) = await FollowAsync(headers);

        Assert.Equal(HeaderValidationError.BadProofOfWork, Assert.IsType<HeaderValidationException>(error).Reason);
        Assert.Equal(999, tip.Height);
    }

    [VectorFact(Headers)]
    public async Task Activation_RefusesAHeaderKeepingThePreRetargetBits()
    {
        var headers = HeaderOnlySource.ReadMainnetHeaders();
        // 32256 is the first real retarget (0x1d00ffff -> 0x1d00d86a): keeping the old bits there is wrong. Changing the
        // bits also changes the hash, which then misses its target, so the validator reports the proof of work first.
        var h = headers[32256];
        headers[32256] = new BlockHeader(h.Version, h.PrevBlock, h.MerkleRoot, h.Time, headers[32255].Bits, h.Nonce);

        var (tip, error) = await FollowAsync(headers);

        Assert.Contains(
            Assert.IsType<HeaderValidationException>(error).Reason,
            new[] { HeaderValidationError.BadDifficulty, HeaderValidationError.BadProofOfWork });
        Assert.Equal(32255, tip.Height);
    }

    [VectorFact(Headers)]
    public async Task Activation_RefusesABrokenLink()
    {
        var headers = HeaderOnlySource.ReadMainnetHeaders();
        headers.RemoveAt(500);

        var (tip, error) = await FollowAsync(headers);

        Assert.Equal(HeaderValidationError.BadLink, Assert.IsType<HeaderValidationException>(error).Reason);
        Assert.Equal(499, tip.Height);
    }

    private static void Relink(List<BlockHeader> headers, int from)
    {
        for (var i = from; i < headers.Count; i++)
        {
            var h = headers[i];
            headers[i] = new BlockHeader(h.Version, headers[i - 1].GetHash(), h.MerkleRoot, h.Time, h.Bits, h.Nonce);
        }
    }

    /// <summary>Activates a mainnet chain grain over <paramref name="headers"/>: its header tip, and what a refresh then throws.</summary>
    private static async Task<(BitcoinTip HeaderTip, Exception? RefreshError)> FollowAsync(List<BlockHeader> headers)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IBitcoinSource>(new HeaderOnlySource(headers));
        builder.Services.AddGrainStorage(GrainStorageServiceCollectionExtensions.DefaultProviderName, (_, _) => new Runtime.Storage.MemoryGrainStorage());
        // Headers only: no block is fetched below this height.
        builder.Services.Configure<BitcoinChainGrainOptions>("mainnet", o => o.StartHeight = int.MaxValue);
        builder.UseSilo(silo => silo.AddHemiGrains(chain => chain.PollInterval = TimeSpan.Zero));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grain = host.Services.GetRequiredService<IClusterClient>().GetGrain<IBitcoinChainGrain>("mainnet");
            var tip = await grain.GetHeaderTipAsync();
            Assert.Equal(-1, (await grain.GetTipAsync()).Height);
            var error = await Record.ExceptionAsync(() => grain.RefreshAsync());
            Assert.Equal(tip, await grain.GetHeaderTipAsync());
            return (tip, error);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
