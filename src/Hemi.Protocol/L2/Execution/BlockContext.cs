using System.Numerics;
using Hemi.Ethereum;

namespace Hemi.Protocol.L2.Execution;

/// <summary>The environment a block executes in: its number, time, fee recipient, base fee, gas limit and chain.</summary>
public sealed record BlockContext(ulong Number, ulong Timestamp, Address Coinbase, BigInteger BaseFee, ulong GasLimit, ulong ChainId);
