using Hemi.Grains.Runtime.Tests.TestGrains;
using Hemi.Grains.Runtime.Tests.TestInfrastructure;

namespace Hemi.Grains.Runtime.Tests.Catalog;

public sealed class ExceptionPropagationTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ExceptionsFromGrainMethods_ReachTheCallerWithTheirType()
    {
        var grain = _silo.GrainFactory.GetGrain<IThrowingGrain>(Guid.NewGuid());
        var sync = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowSynchronously("boom"));
        Assert.Equal("boom", sync.Message);
        var async = await Assert.ThrowsAsync<GrainTestException>(() => grain.ThrowAfterAwait("later"));
        Assert.Equal("later", async.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await grain.ThrowFromValueTask());
    }

    [Fact]
    public async Task GrainKeepsWorkingAfterAnException()
    {
        var grain = _silo.GrainFactory.GetGrain<IThrowingGrain>(Guid.NewGuid());
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowSynchronously("x"));
        Assert.Equal(42, await grain.Ok());
    }
}
