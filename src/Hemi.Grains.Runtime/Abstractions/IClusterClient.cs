namespace Hemi.Grains.Runtime;

/// <summary>The client used by host code to call grains. In-process for now; a gateway client later.</summary>
public interface IClusterClient : IGrainFactory
{
}
