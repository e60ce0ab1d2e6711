namespace Hemi.Grains.Runtime;

/// <summary>Lifecycle states of an activation (Orleans' names).</summary>
internal enum ActivationState
{
    Creating,
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
