namespace Hemi.Bitcoin.Node;

/// <summary>
/// Why a transaction (or block) was refused: a typed <see cref="Code"/>, bitcoind's reject string in <see cref="Reason"/>
/// and optional detail, formatted like bitcoind's "reason (detail)" messages by <see cref="ToString"/>.
/// </summary>
public sealed record TransactionRejection(RejectCode Code, string? Detail = null)
{
    /// <summary>bitcoind's reject reason for <see cref="Code"/>.</summary>
    public string Reason => RejectReasons.ToReason(Code);

    /// <inheritdoc />
    public override string ToString() => Detail is null ? Reason : $"{Reason}, {Detail}";
}
