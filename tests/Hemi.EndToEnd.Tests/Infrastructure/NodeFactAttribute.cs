namespace Hemi.EndToEnd.Tests.Infrastructure;

/// <summary>A fact that needs Node.js and tests/e2e/ethers/node_modules; skipped with the reason when either is missing.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        Skip = NodeTool.MissingReason;
    }
}
