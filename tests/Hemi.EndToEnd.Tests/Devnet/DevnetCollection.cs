namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>The silo-process tests run one at a time: each starts a whole devnet, and the machine has few cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DevnetCollection
{
    public const string Name = "Devnet";
}
