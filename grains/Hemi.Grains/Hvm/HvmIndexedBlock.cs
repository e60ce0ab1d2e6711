using System.Collections.Immutable;
using Hemi.Protocol.Hvm;

namespace Hemi.Grains.Hvm;

/// <summary>A block connected to the index: its header at its height and the journal that undoes it.</summary>
internal sealed record HvmIndexedBlock(HvmHeaderRecord Header, ImmutableArray<IndexJournalEntry> Journal, int TransactionCount);
