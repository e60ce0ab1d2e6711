using Microsoft.Extensions.Options;

namespace Hemi.Grains.Runtime.Storage;

/// <summary>
/// Runs an options class's own <c>Validate</c> method for one named instance, turning its
/// <see cref="ArgumentException"/> into a validation failure (reported at host start with ValidateOnStart).
/// </summary>
public sealed class DelegatingOptionsValidator<TOptions>(string name, Action<TOptions> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (!string.Equals(optionsName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
