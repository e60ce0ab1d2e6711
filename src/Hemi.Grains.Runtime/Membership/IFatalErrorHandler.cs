namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// What the silo does when it must stop serving at once, e.g. on reading itself Dead (Orleans: <c>IFatalErrorHandler</c>).
/// The host's implementation ends the process; a Dead identity never serves again (invariant I3).
/// </summary>
public interface IFatalErrorHandler
{
    /// <summary>Called once with the reason; must not return control to grain code.</summary>
    void OnFatalError(string reason, Exception? exception);
}
