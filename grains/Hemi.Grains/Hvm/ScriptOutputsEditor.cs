using System.Collections.Immutable;

namespace Hemi.Grains.Hvm;

/// <summary>
/// Applies one block's changes to the per-script output sets: each touched script's set is edited through one builder
/// (mutating the nodes it already copied) and written back once, instead of copying a path of the set per output.
/// </summary>
internal sealed class ScriptOutputsEditor(ImmutableDictionary<ScriptKey, ScriptOutputs> original)
{
    private readonly Dictionary<ScriptKey, Entry> _touched = [];

    /// <summary>The key to store for <paramref name="script"/>: an existing key's bytes when the script is known, else a private copy.</summary>
    public ScriptKey KeyOf(byte[] script)
    {
        var probe = new ScriptKey(script);
        if (_touched.TryGetValue(probe, out var entry))
        {
            return entry.Key;
        }

        // A copy, so nothing outside the index can change a key after it was hashed.
        return original.TryGetKey(probe, out var existing) ? existing : new ScriptKey(script.ToArray());
    }

    public void Add(IndexedOutput output)
    {
        var entry = Edit(output.Script);
        entry.Outputs.Add(output);
        entry.Balance += output.Value;
    }

    public void Remove(IndexedOutput output)
    {
        var entry = Edit(output.Script);
        entry.Outputs.Remove(output);
        entry.Balance -= output.Value;
    }

    public ImmutableDictionary<ScriptKey, ScriptOutputs> ToImmutable()
    {
        if (_touched.Count == 0)
        {
            return original;
        }

        var result = original.ToBuilder();
        foreach (var entry in _touched.Values)
        {
            if (entry.Outputs.Count == 0)
            {
                result.Remove(entry.Key);
            }
            else
            {
                result[entry.Key] = new ScriptOutputs(entry.Outputs.ToImmutable(), entry.Balance);
            }
        }

        return result.ToImmutable();
    }

    private Entry Edit(ScriptKey key)
    {
        if (!_touched.TryGetValue(key, out var entry))
        {
            var existing = original.GetValueOrDefault(key, ScriptOutputs.Empty);
            entry = new Entry(key, existing.Outputs.ToBuilder(), existing.Balance);
            _touched.Add(key, entry);
        }

        return entry;
    }

    private sealed class Entry(ScriptKey key, ImmutableSortedSet<IndexedOutput>.Builder outputs, UInt128 balance)
    {
        public ScriptKey Key { get; } = key;

        public ImmutableSortedSet<IndexedOutput>.Builder Outputs { get; } = outputs;

        public UInt128 Balance { get; set; } = balance;
    }
}
