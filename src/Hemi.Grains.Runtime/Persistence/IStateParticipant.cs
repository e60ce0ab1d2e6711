namespace Hemi.Grains.Runtime.Persistence;

/// <summary>A persistent state that must be read before <c>OnActivateAsync</c> (Orleans' SetupState lifecycle stage).</summary>
internal interface IStateParticipant
{
    Task ReadOnActivateAsync();
}
