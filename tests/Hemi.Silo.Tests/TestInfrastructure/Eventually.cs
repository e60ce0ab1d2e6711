namespace Hemi.Silo.Tests.TestInfrastructure;

/// <summary>Polls a condition with a deadline, failing with a message that says what did not happen.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{failure} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string failure)
        where T : class
    {
        T? value = null;
        await UntilAsync(async () => (value = await probe()) is not null, timeout, failure);
        return value!;
    }
}
