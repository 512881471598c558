namespace AgentCoreIdentity.Emulator;

/// <summary>
/// The access key the stand-alone emulator accepts when its seed names none. These are published test values,
/// not secrets: the emulator only listens on loopback.
/// </summary>
public static class EmulatorDefaults
{
    /// <summary>Default access key id.</summary>
    public const string AccessKeyId = "AKIAEMULATOREXAMPLE1";

    /// <summary>Default secret access key.</summary>
    public const string SecretAccessKey = "emulator/EXAMPLE/secret/access/key/000000";
}
