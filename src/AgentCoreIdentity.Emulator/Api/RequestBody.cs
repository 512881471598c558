using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentCoreIdentity.Emulator.Api;

/// <summary>
/// Reads members of a JSON request body and collects constraint violations in the service's wording. Values
/// are never echoed in messages, because several members are secrets.
/// </summary>
internal sealed class RequestBody
{
    private readonly JsonElement _root;
    private readonly List<(string Name, string Message)> _errors = [];

    private RequestBody(JsonElement root)
    {
        _root = root;
    }

    public IReadOnlyList<(string Name, string Message)> Errors => _errors;

    public static RequestBody? TryParse(ReadOnlySpan<byte> body, out JsonDocument? document)
    {
        document = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new RequestBody(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string? OptionalString(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _errors.Add((name, "Member must be a string"));
            return null;
        }

        return value.GetString();
    }

    public string? RequiredString(string name, int minLength, int maxLength, Regex? pattern = null)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            _errors.Add((name, "Member must not be null"));
            return null;
        }

        var text = OptionalString(name);
        return text is null ? null : CheckString(name, text, minLength, maxLength, pattern);
    }

    public string? CheckString(string name, string text, int minLength, int maxLength, Regex? pattern = null)
    {
        if (text.Length < minLength)
        {
            _errors.Add((name, $"Member must have length greater than or equal to {minLength}"));
            return null;
        }

        if (text.Length > maxLength)
        {
            _errors.Add((name, $"Member must have length less than or equal to {maxLength}"));
            return null;
        }

        if (pattern is not null && !pattern.IsMatch(text))
        {
            _errors.Add((name, $"Member must satisfy regular expression pattern: {pattern}"));
            return null;
        }

        return text;
    }

    /// <summary>Reads a list of strings, each checked for length; a missing list is an error when <paramref name="required"/>.</summary>
    public IReadOnlyList<string>? StringList(string name, int minLength, int maxLength, bool required)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                _errors.Add((name, "Member must not be null"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _errors.Add((name, "Member must be a list"));
            return null;
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                _errors.Add((name, "Member must contain only strings"));
                return null;
            }

            if (CheckString(name + ".member", item.GetString()!, minLength, maxLength) is not { } text)
            {
                return null;
            }

            items.Add(text);
        }

        return items;
    }

    public bool? OptionalBoolean(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            _errors.Add((name, "Member must be a boolean"));
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>Reads a map of strings, checking each key against <paramref name="keyPattern"/> and each value's length.</summary>
    public IReadOnlyDictionary<string, string>? OptionalStringMap(string name, int maxKeyLength, Regex keyPattern, int maxValueLength)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _errors.Add((name, "Member must be a map"));
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            if (CheckString(name + ".key", member.Name, 1, maxKeyLength, keyPattern) is null)
            {
                return null;
            }

            if (member.Value.ValueKind != JsonValueKind.String)
            {
                _errors.Add((name + ".value", "Member must be a string"));
                return null;
            }

            if (CheckString(name + ".value", member.Value.GetString()!, 1, maxValueLength) is not { } text)
            {
                return null;
            }

            map[member.Name] = text;
        }

        return map;
    }

    public JsonElement? OptionalElement(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public void AddError(string name, string message) => _errors.Add((name, message));

    public ApiResult? ValidationResult() => _errors.Count == 0 ? null : ApiResult.Validation("FieldValidationFailed", _errors);
}
