namespace Hemi.Grains.Runtime;

/// <summary>The reason passed to <c>OnDeactivateAsync</c>.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description, Exception? Exception = null)
{
    /// <inheritdoc/>
    public override string ToString() => Exception is null ? $"{ReasonCode}: {Description}" : $"{ReasonCode}: {Description} ({Exception.GetType().Name})";
}
