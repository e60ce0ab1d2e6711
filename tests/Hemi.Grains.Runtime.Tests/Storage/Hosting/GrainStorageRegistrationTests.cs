using Hemi.Grains.Runtime.Hosting;
using Hemi.Grains.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Tests.Storage;

public sealed class GrainStorageRegistrationTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Providers_AreKeyedSingletons_AndDefaultIsAlsoUnkeyed()
    {
        var services = new ServiceCollection();
        services.AddMemoryGrainStorage();
        services.AddFileGrainStorage("files", o => o.RootDirectory = Path.Combine(_folder.Path, "state"));
        services.AddFileObjectStore("blocks", o => o.RootDirectory = Path.Combine(_folder.Path, "objects"));
        services.AddMemoryObjectStore("scratch");
        using var provider = services.BuildServiceProvider();

        var memory = provider.GetRequiredKeyedService<IGrainStorage>("Default");
        Assert.IsType<MemoryGrainStorage>(memory);
        Assert.Same(memory, provider.GetRequiredService<IGrainStorage>());
        Assert.Same(memory, provider.GetRequiredKeyedService<IGrainStorage>("Default"));
        var files = Assert.IsType<FileGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>("files"));
        Assert.Equal(Path.Combine(_folder.Path, "state"), files.RootDirectory);
        Assert.IsType<FileObjectStore>(provider.GetRequiredKeyedService<IObjectStore>("blocks"));
        Assert.IsType<MemoryObjectStore>(provider.GetRequiredKeyedService<IObjectStore>("scratch"));
        Assert.Null(provider.GetService<IObjectStore>());
    }

    [Fact]
    public async Task InvalidFileOptions_FailAtHostStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFileGrainStorage("broken", _ => { });
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("RootDirectory is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloBuilderExtensions_RegisterOnItsServices()
    {
        var builder = new TestSiloBuilder();
        builder.AddMemoryGrainStorage("mem").AddFileObjectStore("obj", o => o.RootDirectory = _folder.Path);
        using var provider = builder.Services.BuildServiceProvider();
        Assert.IsType<MemoryGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>("mem"));
        Assert.IsType<FileObjectStore>(provider.GetRequiredKeyedService<IObjectStore>("obj"));
    }

    private sealed class TestSiloBuilder : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public Microsoft.Extensions.Configuration.IConfiguration Configuration { get; } =
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
    }
}
