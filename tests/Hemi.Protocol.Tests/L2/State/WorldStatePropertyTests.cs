using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Ethereum;
using Hemi.Protocol.L2.State;

namespace Hemi.Protocol.Tests.L2.State;

public sealed class WorldStatePropertyTests
{
    private static readonly Address[] Accounts =
        Enumerable.Range(1, 4).Select(i => new Address([.. new byte[19], (byte)i])).ToArray();

    private sealed record Op(int Account, int Kind, ulong Slot, ulong Value);

    private static readonly Gen<Op> OpGen =
        from account in Gen.Choose(0, Accounts.Length - 1)
        from kind in Gen.Choose(0, 2)
        from slot in Gen.Choose(0, 3)
        from value in Gen.Choose(0, 5)
        select new Op(account, kind, (ulong)slot, (ulong)value);

    private static void Apply(WorldState state, Op op)
    {
        var address = Accounts[op.Account];
        switch (op.Kind)
        {
            case 0:
                state.SetBalance(address, op.Value);
                break;
            case 1:
                state.SetNonce(address, op.Value);
                break;
            default:
                state.SetStorage(address, StorageSlots.Slot(op.Slot), op.Value);
                break;
        }
    }

    [Fact]
    public void Revert_RestoresExactlyTheRootOfTheOperationsBeforeTheSnapshot()
    {
        var gen = from kept in Gen.ListOf(OpGen)
                  from undone in Gen.ListOf(OpGen)
                  from peek in ArbMap.Default.GeneratorFor<bool>()
                  select (kept, undone, peek);
        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var state = new WorldState();
            foreach (var op in input.kept)
            {
                Apply(state, op);
            }

            var snapshot = state.Snapshot();
            foreach (var op in input.undone)
            {
                Apply(state, op);
                if (input.peek)
                {
                    _ = state.StateRoot;
                }
            }

            state.Revert(snapshot);

            var expected = new WorldState();
            foreach (var op in input.kept)
            {
                Apply(expected, op);
            }

            return state.StateRoot == expected.StateRoot
                && Accounts.All(a => state.GetBalance(a) == expected.GetBalance(a) && state.GetNonce(a) == expected.GetNonce(a));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void StateRoot_DependsOnlyOnFinalValues_NotOnHistoryOrCommits()
    {
        Prop.ForAll(Gen.ListOf(OpGen).ToArbitrary(), ops =>
        {
            var incremental = new WorldState();
            foreach (var op in ops)
            {
                Apply(incremental, op);
                incremental.Commit();
            }

            // Replay only the last write of each (account, kind, slot).
            var last = ops.Select((op, i) => (op, i))
                .GroupBy(x => (x.op.Account, x.op.Kind, x.op.Kind == 2 ? x.op.Slot : 0))
                .Select(g => g.Last().op);
            var direct = new WorldState();
            foreach (var op in last)
            {
                Apply(direct, op);
            }

            return incremental.StateRoot == direct.StateRoot;
        }).QuickCheckThrowOnFailure();
    }
}
