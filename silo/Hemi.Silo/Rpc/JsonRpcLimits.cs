namespace Hemi.Silo.Rpc;

/// <summary>Bounds on what one JSON-RPC request may ask for (configuration section <c>Hemi:Rpc</c>).</summary>
public sealed class JsonRpcLimits
{
    public const string SectionName = "Hemi:Rpc";

    /// <summary>Largest request body; bigger ones get HTTP 413.</summary>
    public int MaxBodyBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most entries in a batch.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Widest <c>eth_getLogs</c> block range.</summary>
    public int MaxLogsBlockRange { get; set; } = 10_000;

    /// <summary>Most logs one <c>eth_getLogs</c> returns.</summary>
    public int MaxLogs { get; set; } = 10_000;

    /// <summary>Largest raw transaction accepted by <c>eth_sendRawTransaction</c>, and largest call data.</summary>
    public int MaxTransactionBytes { get; set; } = 128 * 1024;

    /// <summary>Most blocks <c>eth_feeHistory</c> covers.</summary>
    public int MaxFeeHistoryBlocks { get; set; } = 1024;

    /// <summary>Priority fee suggested by <c>eth_maxPriorityFeePerGas</c> and added to the base fee by <c>eth_gasPrice</c>, in wei.</summary>
    public long SuggestedPriorityFeeWei { get; set; } = 1_000_000;

    /// <summary>Most filters installed at once (<c>eth_newFilter</c>, <c>eth_newBlockFilter</c>).</summary>
    public int MaxFilters { get; set; } = 1000;

    /// <summary>A filter not polled for this long is removed, as in geth.</summary>
    public TimeSpan FilterTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Require(MaxBodyBytes >= 1024, "MaxBodyBytes must be at least 1024");
        Require(MaxBatchSize is >= 1 and <= 100_000, "MaxBatchSize must be between 1 and 100000");
        Require(MaxLogsBlockRange >= 1, "MaxLogsBlockRange must be positive");
        Require(MaxLogs >= 1, "MaxLogs must be positive");
        Require(MaxTransactionBytes >= 1024, "MaxTransactionBytes must be at least 1024");
        Require(MaxFeeHistoryBlocks >= 1, "MaxFeeHistoryBlocks must be positive");
        Require(SuggestedPriorityFeeWei >= 0, "SuggestedPriorityFeeWei cannot be negative");
        Require(MaxFilters >= 1, "MaxFilters must be positive");
        Require(FilterTimeout > TimeSpan.Zero, "FilterTimeout must be positive");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{SectionName}: {message}.");
        }
    }
}
