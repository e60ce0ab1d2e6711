namespace Hemi.Grains.Runtime.Scheduler;

/// <summary>A unit of work run as one turn of an activation (not a <see cref="Task"/>, to avoid an allocation per turn).</summary>
internal interface IActivationWorkItem
{
    /// <summary>Runs the work; must not throw.</summary>
    void Execute();
}
