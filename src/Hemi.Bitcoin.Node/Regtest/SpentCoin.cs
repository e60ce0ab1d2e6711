using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

/// <summary>Undo record: a coin a block spent, restored when the block is disconnected.</summary>
internal sealed record SpentCoin(OutPoint OutPoint, UtxoEntry Coin);
