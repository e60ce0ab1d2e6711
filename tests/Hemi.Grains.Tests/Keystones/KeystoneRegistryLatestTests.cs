using Hemi.Grains.Keystones;
using Hemi.Grains.Tests.TestInfrastructure;

namespace Hemi.Grains.Tests.Keystones;

public sealed class KeystoneRegistryLatestTests
{
    [Fact]
    public async Task GetLatestAsync_ListsTheNewestFirstAndAtMostCount()
    {
        await using var harness = await GrainsHarness.StartAsync();
        foreach (var number in new uint[] { 75, 25, 100, 50 })
        {
            await harness.SubmitAsync(GrainsHarness.Keystone(number));
        }

        var registry = harness.Grains.GetGrain<IKeystoneRegistryGrain>(KeystoneRegistry.DefaultKey);

        Assert.Equal([100u, 75u], (await registry.GetLatestAsync(2)).Select(k => k.L2BlockNumber));
        Assert.Equal([100u, 75u, 50u, 25u], (await registry.GetLatestAsync(KeystoneRegistry.MaxLatestCount)).Select(k => k.L2BlockNumber));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(KeystoneRegistry.MaxLatestCount + 1)]
    public async Task GetLatestAsync_RejectsACountOutsideOneToFifty(int count)
    {
        await using var harness = await GrainsHarness.StartAsync();
        var registry = harness.Grains.GetGrain<IKeystoneRegistryGrain>(KeystoneRegistry.DefaultKey);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => registry.GetLatestAsync(count));
    }

    [Fact]
    public async Task GetLatestAsync_OnAnEmptyRegistry_IsEmpty()
    {
        await using var harness = await GrainsHarness.StartAsync();

        Assert.Empty(await harness.Grains.GetGrain<IKeystoneRegistryGrain>(KeystoneRegistry.DefaultKey).GetLatestAsync(12));
    }
}
