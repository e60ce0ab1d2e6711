using Hemi.Protocol.L2.Blocks;
using Hemi.Protocol.L2.State;

namespace Hemi.Protocol.L2.Genesis;

/// <summary>Block 0 of an L2 chain: its header and the committed state its state root names.</summary>
public sealed record L2GenesisBlock(L2BlockHeader Header, WorldState State);
