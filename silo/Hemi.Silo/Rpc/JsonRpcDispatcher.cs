using System.Text.Json;
using System.Text.Json.Nodes;
using Hemi.Grains.L2;
using Microsoft.Extensions.Logging;

namespace Hemi.Silo.Rpc;

/// <summary>
/// JSON-RPC 2.0 over one request body: single calls, batches (bounded), notifications (no answer), and the standard
/// error codes. Method failures become error objects; nothing a client sends can make it throw.
/// </summary>
public sealed partial class JsonRpcDispatcher
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    private readonly IReadOnlyDictionary<string, RpcMethod> _methods;
    private readonly JsonRpcLimits _limits;
    private readonly ILogger _logger;

    public JsonRpcDispatcher(IReadOnlyDictionary<string, RpcMethod> methods, JsonRpcLimits limits, ILogger<JsonRpcDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(limits);
        _methods = methods;
        _limits = limits;
        _logger = logger;
    }

    /// <summary>Names of the served methods.</summary>
    public IEnumerable<string> Methods => _methods.Keys;

    /// <summary>Answers one request body; null when it held only notifications (nothing to send back).</summary>
    public async Task<JsonNode?> DispatchAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, s_documentOptions);
        }
        catch (JsonException e)
        {
            return Error(null, JsonRpcErrorCodes.ParseError, "parse error: " + FirstLine(e.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var count = root.GetArrayLength();
                if (count == 0)
                {
                    return Error(null, JsonRpcErrorCodes.InvalidRequest, "empty batch");
                }

                if (count > _limits.MaxBatchSize)
                {
                    return Error(null, JsonRpcErrorCodes.InvalidRequest, $"batch too large: {count} entries, the limit is {_limits.MaxBatchSize}");
                }

                var answers = new JsonArray();
                foreach (var item in root.EnumerateArray())
                {
                    if (await DispatchOneAsync(item, cancellationToken).ConfigureAwait(false) is { } answer)
                    {
                        answers.Add(answer);
                    }
                }

                return answers.Count == 0 ? null : answers;
            }

            return await DispatchOneAsync(root, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The error response object.</summary>
    public static JsonObject Error(JsonNode? id, int code, string message, JsonNode? data = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (data is not null)
        {
            error["data"] = data;
        }

        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = error };
    }

    private async Task<JsonObject?> DispatchOneAsync(JsonElement request, CancellationToken cancellationToken)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            return Error(null, JsonRpcErrorCodes.InvalidRequest, "invalid request: a request must be a JSON object");
        }

        var isNotification = !request.TryGetProperty("id", out var idElement);
        JsonNode? id = null;
        if (!isNotification)
        {
            switch (idElement.ValueKind)
            {
                case JsonValueKind.String:
                case JsonValueKind.Number:
                    id = JsonNode.Parse(idElement.GetRawText());
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    return Error(null, JsonRpcErrorCodes.InvalidRequest, "invalid request: id must be a string, a number or null");
            }
        }

        if (!request.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            return Error(id, JsonRpcErrorCodes.InvalidRequest, "invalid request: jsonrpc must be \"2.0\"");
        }

        if (!request.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            return Error(id, JsonRpcErrorCodes.InvalidRequest, "invalid request: method must be a string");
        }

        var name = methodElement.GetString()!;
        JsonObject response;
        if (!_methods.TryGetValue(name, out var method))
        {
            var shown = name.Length > 64 ? name[..64] + "…" : name;
            response = Error(id, JsonRpcErrorCodes.MethodNotFound, $"the method {shown} does not exist/is not available");
        }
        else
        {
            response = await InvokeAsync(method, name, id, request, cancellationToken).ConfigureAwait(false);
        }

        return isNotification ? null : response;
    }

    private async Task<JsonObject> InvokeAsync(RpcMethod method, string name, JsonNode? id, JsonElement request, CancellationToken cancellationToken)
    {
        try
        {
            var parameters = RpcParams.From(request.TryGetProperty("params", out var p) ? p : null);
            var result = await method(parameters, cancellationToken).ConfigureAwait(false);
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result };
        }
        catch (JsonRpcException e)
        {
            return Error(id, e.Code, e.Message, e.ErrorData);
        }
        catch (TransactionRejectedException e)
        {
            return Error(id, JsonRpcErrorCodes.ServerError, TransactionRejections.Message(e));
        }
        catch (CallRevertedException e)
        {
            return Error(id, JsonRpcErrorCodes.ExecutionReverted, RevertMessage(e.Message), RpcHex.Data(e.RevertData));
        }
        catch (StateUnavailableException e)
        {
            return Error(id, JsonRpcErrorCodes.ServerError, "state not available: " + e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutException)
        {
            return Error(id, JsonRpcErrorCodes.ServerError, "request timed out");
        }
        catch (Exception e)
        {
            LogMethodFailed(_logger, name, e);
            return Error(id, JsonRpcErrorCodes.InternalError, "internal error");
        }
    }

    private static string RevertMessage(string reason) =>
        string.IsNullOrEmpty(reason) || reason == "execution reverted" || reason.StartsWith("execution reverted", StringComparison.Ordinal)
            ? (string.IsNullOrEmpty(reason) ? "execution reverted" : reason)
            : "execution reverted: " + reason;

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "JSON-RPC method {Method} failed")]
    private static partial void LogMethodFailed(ILogger logger, string method, Exception exception);
}
