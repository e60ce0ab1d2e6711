using System.Net;

namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>
/// Sits in front of real Azurite and misbehaves on a share of requests: answers 503 without forwarding,
/// forwards and then replaces the answer with 503 (the request WAS applied), or forwards and then stalls past
/// the client's per-try timeout (applied, answer lost). Seeded, so a failing run can be replayed.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly double _faultRate;
    private readonly TimeSpan _stall;
    private readonly Random _random;
    private int _faults;
    private int _requests;

    public FaultInjectingHandler(double faultRate, TimeSpan stall, int seed)
        : base(new SocketsHttpHandler())
    {
        _faultRate = faultRate;
        _stall = stall;
        _random = new Random(seed);
    }

    public int Faults => _faults;

    public int Requests => _requests;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        int kind;
        lock (_random)
        {
            kind = _random.NextDouble() < _faultRate ? _random.Next(3) : -1;
        }

        if (kind < 0)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _faults);
        switch (kind)
        {
            case 0:
                return Busy();
            case 1:
                using (await base.SendAsync(request, cancellationToken))
                {
                    return Busy();
                }

            default:
                var response = await base.SendAsync(request, cancellationToken);
                response.Dispose();
                await Task.Delay(_stall, cancellationToken); // the client's per-try timeout cancels this
                return Busy();
        }
    }

    private static HttpResponseMessage Busy()
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation("x-ms-error-code", "ServerBusy");
        return response;
    }
}
