namespace AgentCoreIdentity.Emulator;

/// <summary>How an <see cref="EmulatorFault"/> changes the response.</summary>
internal enum EmulatorFaultKind
{
    /// <summary>A scripted status, headers and body replace the operation's response.</summary>
    Response,

    /// <summary>The connection is aborted after the request is read.</summary>
    ConnectionReset,

    /// <summary>The operation's normal response is sent late.</summary>
    Delay,
}
