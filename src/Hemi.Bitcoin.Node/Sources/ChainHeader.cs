using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin.Node;

/// <summary>A known block header with its height and whether it is on the best chain.</summary>
public sealed record ChainHeader(BlockHeader Header, Hash256 Hash, int Height, bool IsOnBestChain);
