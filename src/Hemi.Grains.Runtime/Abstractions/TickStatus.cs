namespace Hemi.Grains.Runtime;

/// <summary>Describes one reminder tick: when the reminder first fired, its period and when this tick was due.</summary>
public readonly record struct TickStatus(DateTime FirstTickTime, TimeSpan Period, DateTime CurrentTickTime);
