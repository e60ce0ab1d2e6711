using Hemi.Grains.Runtime;

namespace Hemi.Cluster.TestHost.Grains;

/// <summary>A grain whose calls take a while: keeps calls pending on a silo that is then killed.</summary>
public interface ISlowGrain : IGrainWithStringKey
{
    /// <summary>Waits <paramref name="milliseconds"/>, then answers with the hosting silo.</summary>
    Task<string> Sleep(int milliseconds);
}
