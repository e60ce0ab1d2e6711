using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hemi.Silo.Tests.TestInfrastructure;

public static class ApplicationExtensions
{
    public sealed record LifetimeView(IHostApplicationLifetime Lifetime)
    {
        public bool IsRunning() => !Lifetime.ApplicationStopping.IsCancellationRequested;
    }

    public static LifetimeView Lifetime(this WebApplication app) => new(app.Services.GetRequiredService<IHostApplicationLifetime>());
}
