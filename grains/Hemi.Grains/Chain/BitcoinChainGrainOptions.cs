namespace Hemi.Grains.Chain;

/// <summary>How <c>BitcoinChainGrain</c> follows its source (named options: the network name; <c>ConfigureAll</c> for every network).</summary>
public sealed class BitcoinChainGrainOptions
{
    /// <summary>How often the grain polls the source while active; <see cref="TimeSpan.Zero"/> disables the timer.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first block height indexed (headers are still validated from genesis).</summary>
    public int StartHeight { get; set; }

    /// <summary>Blocks connected per refresh at most, so one turn stays short; the next refresh continues.</summary>
    public int MaxBlocksPerRefresh { get; set; } = 2_000;

    /// <summary>Whether every PoP publication is also written to its <c>IPopSubmissionGrain</c> (one grain per PoP transaction).</summary>
    public bool RecordPopSubmissions { get; set; } = true;

    /// <summary>How many submission grains are written concurrently.</summary>
    public int SubmissionWriteConcurrency { get; set; } = 32;
}
