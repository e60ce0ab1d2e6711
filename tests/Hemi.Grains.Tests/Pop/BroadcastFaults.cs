using System.Collections.Concurrent;

namespace Hemi.Grains.Tests.Pop;

/// <summary>A plan of failing broadcasts for <see cref="FlakyBroadcastSource"/>, and the record of every broadcast made.</summary>
public sealed class BroadcastFaults
{
    private readonly ConcurrentQueue<string> _broadcasts = new();
    private readonly ConcurrentQueue<bool> _persisted = new();
    private int _failuresLeft;

    /// <summary>How many of the next broadcasts fail.</summary>
    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    /// <summary>Whether a failing broadcast still reaches the node before the error (the reply is lost).</summary>
    public bool FailAfterSending { get; set; }

    /// <summary>The hex of every transaction broadcast, failed ones included, in order.</summary>
    public IReadOnlyList<string> Broadcasts => _broadcasts.ToArray();

    /// <summary>Where broadcast transactions must already be stored; checked at each broadcast.</summary>
    public RecordingGrainStorage? Storage { get; set; }

    /// <summary>Per broadcast, whether <see cref="Storage"/> already held the transaction when it was sent.</summary>
    public IReadOnlyList<bool> PersistedAtBroadcast => _persisted.ToArray();

    /// <summary>Records a broadcast and answers whether it must fail.</summary>
    public bool Record(string transactionHex)
    {
        _broadcasts.Enqueue(transactionHex);
        _persisted.Enqueue(Storage?.IsPersisted(transactionHex) ?? false);
        while (true)
        {
            var left = FailuresLeft;
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
