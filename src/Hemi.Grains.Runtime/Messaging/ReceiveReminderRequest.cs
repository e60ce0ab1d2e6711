using System.Text.Json;
using Hemi.Grains.Runtime.Metadata;

namespace Hemi.Grains.Runtime.Messaging;

/// <summary>
/// A reminder tick as a grain call to <see cref="IRemindable.ReceiveReminder"/> that can cross silos (the reminder
/// owner on the hash ring need not host the grain). <see cref="GrainCallCodec"/> knows the interface without a
/// generated manifest.
/// </summary>
internal sealed class ReceiveReminderRequest : VoidRequest
{
    public const string Interface = "Hemi.Grains.Runtime.IRemindable";

    public string ReminderName = string.Empty;

    public TickStatus Status;

    public override string InterfaceName => Interface;

    public override int MethodId => 0;

    public override string MethodName => nameof(IRemindable.ReceiveReminder);

    /// <summary>The codec's entry for <see cref="IRemindable"/>: requests only, no proxies.</summary>
    public static GrainInterfaceInfo InterfaceInfo { get; } = new(
        typeof(IRemindable),
        Interface,
        static (_, id) => throw new NotSupportedException($"{id}: IRemindable is called by the reminder service only."),
        new Invoker());

    public override ValueTask InvokeAsync(object grain)
    {
        if (grain is not IRemindable remindable)
        {
            throw new InvalidOperationException($"{grain.GetType()} has a reminder '{ReminderName}' but does not implement IRemindable.");
        }

        return Complete(remindable.ReceiveReminder(ReminderName, Status));
    }

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        JsonSerializer.Serialize(writer, ReminderName, options);
        JsonSerializer.Serialize(writer, Status, options);
        writer.WriteEndArray();
    }

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        GrainCallArguments.ReadStart(ref reader);
        ReminderName = GrainCallArguments.Read<string>(ref reader, options) ?? throw new GrainCallFormatException("A reminder name is required.");
        Status = GrainCallArguments.Read<TickStatus>(ref reader, options);
        GrainCallArguments.ReadEnd(ref reader);
    }

    private sealed class Invoker : IGrainMethodInvoker
    {
        public Type InterfaceType => typeof(IRemindable);

        public ValueTask Invoke(object grain, Message request) => request.InvokeAsync(grain);

        public Message? CreateRequest(int methodId) => methodId == 0 ? new ReceiveReminderRequest() : null;
    }
}
