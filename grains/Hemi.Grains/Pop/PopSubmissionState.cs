namespace Hemi.Grains.Pop;

/// <summary>The persisted state of a PoP submission grain: its PoP outputs, ascending by output index.</summary>
public sealed class PopSubmissionState
{
    /// <summary>One record per PoP output of the transaction.</summary>
    public List<PopSubmission> Outputs { get; set; } = [];
}
