using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Durq.Core.Tasks;

/// <summary>
/// The JSON form of <see cref="TaskOptions"/>, the same shape as the <c>options</c> member of the API, so stores keep
/// it as text and the HTTP layer reads it back as the task's options. Its members are <see cref="TaskOptionFields.All"/>.
/// </summary>
internal static class TaskOptionsJson
{
    public static string Serialize(TaskOptions options) => Encoding.UTF8.GetString(WriteToBuffer(options).WrittenSpan);

    public static byte[] SerializeToUtf8Bytes(TaskOptions options) => WriteToBuffer(options).WrittenSpan.ToArray();

    private static ArrayBufferWriter<byte> WriteToBuffer(TaskOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, options);
        }

        return buffer;
    }

    public static void Write(Utf8JsonWriter writer, TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteStartObject();
        string? openGroup = null;
        foreach (var field in TaskOptionFields.All)
        {
            if (field.Group != openGroup)
            {
                if (openGroup is not null)
                {
                    writer.WriteEndObject();
                }

                if (field.Group is not null)
                {
                    writer.WriteStartObject(field.Group);
                }

                openGroup = field.Group;
            }

            field.WriteStored(writer, options);
        }

        if (openGroup is not null)
        {
            writer.WriteEndObject();
        }

        WriteSchedule(writer, options);
        writer.WriteEndObject();
    }

    /// <summary>A scheduled task's origin, after the options (members no enqueue reads, so none can set them).</summary>
    private static void WriteSchedule(Utf8JsonWriter writer, TaskOptions options)
    {
        if (options.ScheduleId is { } schedule)
        {
            writer.WriteString(ScheduleIdMember, TaskIds.Format(schedule));
        }

        if (options.ScheduledFor is { } time)
        {
            writer.WriteString(ScheduledForMember, Rfc3339.Format(time));
        }
    }

    public const string ScheduleIdMember = "schedule_id";
    public const string ScheduledForMember = "scheduled_for";

    /// <summary>Reads stored options; a member missing from an older row takes its default.</summary>
    public static TaskOptions Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var values = new TaskOptionValues();
        foreach (var field in TaskOptionFields.All)
        {
            var parent = field.Group is null ? root : root.GetProperty(field.Group);
            values.Set(field, parent.TryGetProperty(field.Name, out var member)
                ? field.ReadStored(member)
                : field.DefaultValue ?? (field.IsOptional ? null : throw new JsonException($"Stored task options lack '{field.Path}', which has no default.")));
        }

        return TaskOptions.From(values) with
        {
            ScheduleId = root.TryGetProperty(ScheduleIdMember, out var schedule) ? schedule.GetGuid() : null,
            ScheduledFor = root.TryGetProperty(ScheduledForMember, out var time) ? time.GetDateTimeOffset() : null,
        };
    }
}
