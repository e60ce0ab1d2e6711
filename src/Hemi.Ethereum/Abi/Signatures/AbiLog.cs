namespace Hemi.Ethereum.Abi;

/// <summary>The topics and data of an event log, as produced by <see cref="AbiEvent.EncodeLog(IReadOnlyList{object?})"/>.</summary>
public sealed record AbiLog(IReadOnlyList<Hash32> Topics, byte[] Data);
