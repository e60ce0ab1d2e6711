namespace Hemi.Cluster.TestHost.Hosting;

/// <summary>
/// The machine-readable lines this process prints on stdout (logs go to stderr): <c>READY …</c>, <c>FATAL …</c>,
/// <c>EVENT name field…</c> and control replies <c>@id OK|ERR …</c>. One line per write, flushed at once, so a
/// harness that kills the process right after reading a line loses nothing it relied on.
/// </summary>
public sealed class HostEvents
{
    private readonly TextWriter _out;
    private readonly object _gate = new();

    /// <summary>Writes to <paramref name="output"/> (stdout in the executable).</summary>
    public HostEvents(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
    }

    /// <summary>Prints one raw line.</summary>
    public void Line(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        // Fields are space-separated; a newline inside one would forge a second line.
        var safe = line.ReplaceLineEndings(" ");
        lock (_gate)
        {
            _out.WriteLine(safe);
            _out.Flush();
        }
    }

    /// <summary>Prints <c>EVENT name field…</c>.</summary>
    public void Write(string name, params string[] fields) =>
        Line(fields.Length == 0 ? $"EVENT {name}" : $"EVENT {name} {string.Join(' ', fields.Select(Field))}");

    /// <summary>Fields never contain whitespace (it would shift the columns a reader splits on, or start a new line).</summary>
    public static string Field(string value) =>
        string.IsNullOrEmpty(value) ? "-" : string.Create(value.Length, value, static (span, v) =>
        {
            for (var i = 0; i < v.Length; i++)
            {
                span[i] = char.IsWhiteSpace(v[i]) || char.IsControl(v[i]) ? '_' : v[i];
            }
        });
}
