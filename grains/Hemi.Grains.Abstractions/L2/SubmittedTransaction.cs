using Hemi.Ethereum;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Grains.L2;

/// <summary>A decoded user transaction with its recovered sender and hash.</summary>
public sealed record SubmittedTransaction(UserTransaction Transaction, Address Sender, Hash32 Hash);
