namespace Hemi.Grains.Runtime;

/// <summary>Identifies one activation (one in-memory incarnation) of a grain; a new activation gets a new id.</summary>
public readonly record struct ActivationId(Guid Value)
{
    /// <summary>Creates a fresh, unique activation id.</summary>
    public static ActivationId NewId() => new(Guid.NewGuid());

    /// <inheritdoc/>
    public override string ToString() => "@" + Value.ToString("N");
}
