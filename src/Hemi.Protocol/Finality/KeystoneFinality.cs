using Hemi.Protocol.Keystones;

namespace Hemi.Protocol.Finality;

/// <summary>
/// BFG-v2 keystone finality as a pure function ("finality inheritance"): a later keystone of the same L2 chain
/// being published on Bitcoin also finalizes its ancestors. Confirmations are <c>tip − publication height</c>
/// (no +1), maximised over the keystone and up to <see cref="KeystoneFinalityOptions.DescendantsPerStep"/>
/// descendants; while that maximum is below <see cref="KeystoneFinalityOptions.SearchStopDepth"/> and newer
/// descendants exist, the search continues from the newest one examined.
/// </summary>
public static class KeystoneFinality
{
    /// <summary>Computes the finality of <c>chain[0]</c>.</summary>
    /// <param name="chain">The keystone first, then its known descendants in ascending L2 order.</param>
    /// <param name="firstPublication">The first Bitcoin publication of a keystone (by its abbreviated hash), or null.</param>
    /// <param name="tipHeight">The Bitcoin tip height.</param>
    /// <param name="options">Depths; <see cref="KeystoneFinalityOptions.Default"/> when null.</param>
    public static KeystoneFinalityResult Compute(
        IReadOnlyList<L2Keystone> chain,
        Func<L2KeystoneAbrev, KeystonePublication?> firstPublication,
        uint tipHeight,
        KeystoneFinalityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(firstPublication);
        if (chain.Count == 0)
        {
            throw new ArgumentException("The chain must start with the keystone whose finality is asked.", nameof(chain));
        }

        options ??= KeystoneFinalityOptions.Default;
        if (options.DescendantsPerStep < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DescendantsPerStep must be at least 1.");
        }

        // Look every keystone up once: the v2 search and the v1 value read the same publications.
        var publications = new KeystonePublication?[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            var found = firstPublication(chain[i].Abbreviate());
            // A publication above the tip is inconsistent data (e.g. a racing reorg): ignore it, as BFG does.
            publications[i] = found is not null && found.BlockHeight <= tipHeight ? found : null;
        }

        var best = -1;
        var bestConfirmations = 0u;
        var start = 0;
        while (true)
        {
            var end = Math.Min(chain.Count - 1, start + options.DescendantsPerStep);
            for (var i = start; i <= end; i++)
            {
                if (publications[i] is not { } publication)
                {
                    continue;
                }

                var confirmations = tipHeight - publication.BlockHeight;
                // Strictly greater: on a tie the older keystone (examined first) keeps the credit, as BFG does.
                if (best < 0 || confirmations > bestConfirmations)
                {
                    best = i;
                    bestConfirmations = confirmations;
                }
            }

            if (end == chain.Count - 1 || bestConfirmations >= options.SearchStopDepth)
            {
                break;
            }

            start = end;
        }

        var legacy = options.LegacyUnpublished;
        uint? lowestHeight = null;
        foreach (var publication in publications)
        {
            if (publication is not null && (lowestHeight is null || publication.BlockHeight < lowestHeight))
            {
                lowestHeight = publication.BlockHeight;
            }
        }

        if (lowestHeight is { } height)
        {
            var legacyValue = (long)tipHeight - height - 8;
            legacy = (int)Math.Min(legacyValue, options.LegacyFinalityCap);
        }

        if (best < 0)
        {
            return new KeystoneFinalityResult(chain[0], null, null, 0, 0, false, legacy);
        }

        return new KeystoneFinalityResult(
            chain[0],
            chain[best],
            publications[best]!.BlockHash,
            publications[best]!.BlockHeight,
            bestConfirmations,
            bestConfirmations >= options.SuperFinalityDepth,
            legacy);
    }

    /// <summary>
    /// The keystone that gives an L2 block its finality: the next multiple of the period at or above it
    /// (op-node's <c>bvm_api_helper</c>).
    /// </summary>
    public static uint KeystoneNumberFor(uint l2BlockNumber, uint period = L2Keystone.DefaultPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfZero(period);
        var remainder = l2BlockNumber % period;
        return remainder == 0 ? l2BlockNumber : checked(l2BlockNumber + (period - remainder));
    }
}
