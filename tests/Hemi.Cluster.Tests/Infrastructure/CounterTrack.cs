namespace Hemi.Cluster.Tests.Infrastructure;

/// <summary>
/// What a test knows about one counter grain: the values its increments acknowledged (each ack returns the new value)
/// and how many increments are in doubt (failed calls that may or may not have been written).
/// Used by one sequential caller at a time.
/// </summary>
public sealed class CounterTrack(string key)
{
    private readonly List<long> _acknowledged = [];

    /// <summary>The counter grain's key.</summary>
    public string Key { get; } = key;

    /// <summary>Acknowledged values, in the order the acks arrived.</summary>
    public IReadOnlyList<long> Acknowledged => _acknowledged;

    /// <summary>Increments whose outcome is unknown.</summary>
    public int InDoubt { get; set; }

    /// <summary>The last failure's type (diagnostics).</summary>
    public string? LastError { get; set; }

    /// <summary>The silo it lived on before a kill (test bookkeeping).</summary>
    public string? HomeBeforeKill { get; set; }

    /// <summary>When it first answered after a kill (test bookkeeping).</summary>
    public TimeSpan? AnsweredAfterKill { get; set; }

    /// <summary>Records an acknowledged increment; a value not above the previous one means the counter went backwards.</summary>
    public void Acknowledge(long value)
    {
        if (_acknowledged.Count > 0 && value <= _acknowledged[^1])
        {
            throw new Xunit.Sdk.XunitException($"Counter {Key} went backwards or repeated: acknowledged {value} after {_acknowledged[^1]}.");
        }

        _acknowledged.Add(value);
    }

    /// <summary>
    /// Every acknowledged increment is in <paramref name="stored"/>: stored ≥ acks and ≥ the last acked value; stored
    /// exceeds the acks by at most the in-doubt increments, and equals them exactly when none was in doubt.
    /// </summary>
    public void AssertConsistentWith(long stored)
    {
        var acked = _acknowledged.Count;
        var last = acked == 0 ? 0 : _acknowledged[^1];
        Assert.True(stored >= last, $"{Key}: stored {stored} is below the last acknowledged value {last} (a lost write).");
        Assert.True(stored >= acked, $"{Key}: stored {stored} holds fewer than the {acked} acknowledged increments.");
        Assert.True(stored <= acked + InDoubt, $"{Key}: stored {stored} exceeds {acked} acknowledged + {InDoubt} in-doubt increments.");
        if (InDoubt == 0)
        {
            Assert.Equal(acked, stored);
        }
    }
}
