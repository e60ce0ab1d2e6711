namespace Hemi.Silo.Tests.TestInfrastructure;

/// <summary>One devnet silo shared by the tests of <see cref="SiloCollection"/> (starting one costs seconds).</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private SiloInstance? _silo;

    public SiloInstance Silo => _silo ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _silo = await SiloInstance.StartAsync();
        await _silo.WaitForBlockAsync(1);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "devnet silo";
}
