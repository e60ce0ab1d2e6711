using System.Runtime.CompilerServices;

namespace Hemi.Bitcoin.Node.Client;

public sealed partial class BitcoindRpcClient
{
    private readonly Lock _pollerLock = new();
    private EventHandler<TipChange>? _tipChanged;
    private CancellationTokenSource? _poller;

    /// <summary>
    /// Raised for every tip change seen by a background poller, which runs while at least one handler is attached.
    /// Handlers run on the poller's thread; a failing poll (bitcoind down) is retried on the next interval.
    /// </summary>
    public event EventHandler<TipChange>? TipChanged
    {
        add
        {
            lock (_pollerLock)
            {
                _tipChanged += value;
                if (_tipChanged is not null && _poller is null)
                {
                    _poller = new CancellationTokenSource();
                    _ = RunPollerAsync(_poller.Token);
                }
            }
        }

        remove
        {
            lock (_pollerLock)
            {
                _tipChanged -= value;
                if (_tipChanged is null)
                {
                    StopPollerLocked();
                }
            }
        }
    }

    /// <summary>
    /// Polls the tip every <see cref="BitcoindRpcOptions.PollInterval"/> (on the client's <see cref="TimeProvider"/>) and
    /// yields a <see cref="TipChange"/> whenever it moved, with the blocks disconnected and connected since the last poll
    /// found by walking both tips back to their fork point. Polls that fail to reach bitcoind are skipped; changes that
    /// happen and revert between two polls are not seen.
    /// </summary>
    public async IAsyncEnumerable<TipChange> WatchTipChangesAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var last = await GetTipAsync(ct).ConfigureAwait(false);
        while (true)
        {
            try
            {
                await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                yield break;
            }

            var change = await PollOnceAsync(last, ct).ConfigureAwait(false);
            if (change is null)
            {
                continue;
            }

            last = change.NewTip;
            yield return change;
        }
    }

    private async Task<TipChange?> PollOnceAsync(ChainTip last, CancellationToken ct)
    {
        try
        {
            var current = await GetTipAsync(ct).ConfigureAwait(false);
            return current == last ? null : await DescribeChangeAsync(last, current, ct).ConfigureAwait(false);
        }
        catch (BitcoindUnavailableException ex) when (ex is not BitcoindAuthenticationException)
        {
            return null; // bitcoind restarting or unreachable: try again next interval
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Walks both tips back, one header at a time, to their common ancestor.</summary>
    private async Task<TipChange> DescribeChangeAsync(ChainTip oldTip, ChainTip newTip, CancellationToken ct)
    {
        var disconnected = new List<ChainTip>();
        var connected = new List<ChainTip>();
        var a = oldTip;
        var b = newTip;
        while (a.Height > b.Height)
        {
            disconnected.Add(a);
            a = await ParentAsync(a, ct).ConfigureAwait(false);
            CheckDepth(disconnected, oldTip, newTip);
        }

        while (b.Height > a.Height)
        {
            connected.Add(b);
            b = await ParentAsync(b, ct).ConfigureAwait(false);
        }

        while (a.Hash != b.Hash)
        {
            disconnected.Add(a);
            connected.Add(b);
            a = await ParentAsync(a, ct).ConfigureAwait(false);
            b = await ParentAsync(b, ct).ConfigureAwait(false);
            CheckDepth(disconnected, oldTip, newTip);
        }

        connected.Reverse();
        return new TipChange(newTip, oldTip, a, disconnected, connected);
    }

    private void CheckDepth(List<ChainTip> disconnected, ChainTip oldTip, ChainTip newTip)
    {
        if (disconnected.Count > _options.MaxReorgDepth)
        {
            throw new BitcoindResponseException("getblockheader", $"no common ancestor of {oldTip} and {newTip} within {_options.MaxReorgDepth} blocks");
        }
    }

    private async Task<ChainTip> ParentAsync(ChainTip block, CancellationToken ct)
    {
        if (block.Height == 0)
        {
            throw new BitcoindResponseException("getblockheader", $"walked past genesis from {block} without meeting the other chain");
        }

        var header = await GetHeaderAsync(block.Hash, ct).ConfigureAwait(false)
            ?? throw new BitcoindResponseException("getblockheader", $"block {block} is unknown to the node it came from");
        if (header.Height != block.Height)
        {
            throw new BitcoindResponseException("getblockheader", $"block {block.Hash} reported at height {header.Height}, not {block.Height}");
        }

        return new ChainTip(block.Height - 1, header.Header.PrevBlock);
    }

    private async Task RunPollerAsync(CancellationToken ct)
    {
        // The first tip read can fail while bitcoind starts: keep trying until it answers or the poller stops.
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in WatchTipChangesAsync(ct).ConfigureAwait(false))
                {
                    _tipChanged?.Invoke(this, change);
                }

                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // A malformed answer or a throwing handler must not end notifications; resume after an interval.
                try
                {
                    await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void StopPoller()
    {
        lock (_pollerLock)
        {
            StopPollerLocked();
        }
    }

    private void StopPollerLocked()
    {
        if (_poller is null)
        {
            return;
        }

        // Not disposed: the poller loop may still observe the token; an un-timed source holds nothing to release.
        _poller.Cancel();
        _poller = null;
    }
}
