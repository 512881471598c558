namespace AgentCoreIdentity.DataPlane;

/// <summary>What a response body looks like, so that error messages can name what arrived instead of JSON.</summary>
internal enum ResponseBodyKind
{
    /// <summary>A JSON object.</summary>
    JsonObject,

    /// <summary>No bytes at all.</summary>
    Empty,

    /// <summary>An HTML or XML page, as proxies, load balancers and AWS front ends send.</summary>
    Markup,

    /// <summary>Valid JSON whose root is not an object.</summary>
    JsonNotObject,

    /// <summary>Bytes that do not parse as JSON.</summary>
    Malformed,
}
