using System.Net;
using Hemi.Grains.Runtime.Configuration;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Core;

internal sealed class LocalSiloDetails(IOptions<SiloOptions> options, TimeProvider timeProvider) : ILocalSiloDetails
{
    public string Name { get; } = options.Value.SiloName;

    public SiloAddress SiloAddress { get; } = new(
        new IPEndPoint(IPAddress.Parse(options.Value.AdvertisedIPAddress), options.Value.SiloPort),
        SiloAddress.AllocateGeneration(timeProvider));
}
