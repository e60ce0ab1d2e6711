using System.Text.Json.Nodes;

namespace Hemi.Silo.Rpc;

/// <summary>One JSON-RPC method: reads its parameters, returns the <c>result</c> (null is JSON null) or throws <see cref="JsonRpcException"/>.</summary>
public delegate Task<JsonNode?> RpcMethod(RpcParams parameters, CancellationToken cancellationToken);
