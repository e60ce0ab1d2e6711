using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hemi.Silo.Rpc;

/// <summary>How the gateway writes JSON: compact, with only the escaping JSON requires (quotes stay <c>\"</c>, not <c>\u0022</c>).</summary>
public static class RpcJson
{
    public static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
