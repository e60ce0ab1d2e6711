namespace Hemi.Silo.Hosting;

/// <summary>The exit code the process returns after the host stops: a service that could not do its job sets a failure code before stopping it.</summary>
public sealed class HostExitCode
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void Fail(int code) => Interlocked.CompareExchange(ref _value, code, 0);
}
