namespace Hemi.Grains.Runtime;

/// <summary>This silo's identity.</summary>
public interface ILocalSiloDetails
{
    /// <summary>The silo name from <c>SiloOptions</c>.</summary>
    string Name { get; }

    /// <summary>The silo address (endpoint + generation).</summary>
    SiloAddress SiloAddress { get; }
}
