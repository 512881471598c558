namespace DocExamples;

/// <summary>
/// Stands in for the <c>Program</c> class that the compiler generates for an ASP.NET Core app's top-level
/// statements, which examples use as a logger category (<c>ILogger&lt;Program&gt;</c>).
/// </summary>
public sealed class Program
{
    private Program()
    {
    }
}
