using System.Net;
using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Configuration;

/// <summary>Validates every runtime options class at start (fail fast on nonsense such as a zero timeout).</summary>
internal sealed class SiloOptionsValidator :
    IValidateOptions<SiloOptions>,
    IValidateOptions<SiloMessagingOptions>,
    IValidateOptions<GrainCollectionOptions>,
    IValidateOptions<SchedulingOptions>,
    IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SiloName))
        {
            errors.Add("SiloOptions.SiloName must be set.");
        }

        if (!IPAddress.TryParse(options.AdvertisedIPAddress, out _))
        {
            errors.Add($"SiloOptions.AdvertisedIPAddress '{options.AdvertisedIPAddress}' is not an IP address.");
        }

        if (options.SiloPort is < 0 or > 65535)
        {
            errors.Add("SiloOptions.SiloPort must be within 0..65535.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, SiloMessagingOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "SiloMessagingOptions.ResponseTimeout", options.ResponseTimeout);
        if (options.MaxForwardCount < 0)
        {
            errors.Add("SiloMessagingOptions.MaxForwardCount must not be negative.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "GrainCollectionOptions.CollectionAge", options.CollectionAge);
        Positive(errors, "GrainCollectionOptions.CollectionQuantum", options.CollectionQuantum);
        Positive(errors, "GrainCollectionOptions.ActivationTimeout", options.ActivationTimeout);
        Positive(errors, "GrainCollectionOptions.DeactivationTimeout", options.DeactivationTimeout);
        foreach (var (type, age) in options.ClassSpecificCollectionAge)
        {
            Positive(errors, $"GrainCollectionOptions.ClassSpecificCollectionAge[{type}]", age);
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "SchedulingOptions.TurnWarningLengthThreshold", options.TurnWarningLengthThreshold);
        Positive(errors, "SchedulingOptions.ActivationSchedulingQuantum", options.ActivationSchedulingQuantum);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "ReminderOptions.MinimumReminderPeriod", options.MinimumReminderPeriod);
        Positive(errors, "ReminderOptions.TickTimeout", options.TickTimeout);
        if (string.IsNullOrWhiteSpace(options.StorageName))
        {
            errors.Add("ReminderOptions.StorageName must be set.");
        }

        return Result(errors);
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{name} must be positive (was {value}).");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
