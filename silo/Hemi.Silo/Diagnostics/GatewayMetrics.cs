namespace Hemi.Silo.Diagnostics;

/// <summary>Counters of the gateway itself (thread-safe; one instance per host).</summary>
public sealed class GatewayMetrics
{
    private long _rpcRequests;
    private long _rpcErrors;
    private long _transactionsSubmitted;
    private long _transactionsRejected;

    public long RpcRequests => Interlocked.Read(ref _rpcRequests);

    public long RpcErrors => Interlocked.Read(ref _rpcErrors);

    public long TransactionsSubmitted => Interlocked.Read(ref _transactionsSubmitted);

    public long TransactionsRejected => Interlocked.Read(ref _transactionsRejected);

    public void RpcRequest() => Interlocked.Increment(ref _rpcRequests);

    public void RpcError() => Interlocked.Increment(ref _rpcErrors);

    public void TransactionSubmitted() => Interlocked.Increment(ref _transactionsSubmitted);

    public void TransactionRejected() => Interlocked.Increment(ref _transactionsRejected);
}
