using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AgentCoreIdentity.Tests.Conventions;

public class LogEventIdTests
{
    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> LogMethods() =>
        typeof(AgentCoreRequestContext).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(entry => entry.Attribute is not null)
            .Select(entry => (entry.Method, entry.Attribute!));

    [Test]
    public void Library_log_event_ids_are_unique()
    {
        var methods = LogMethods().ToArray();

        var duplicates = methods
            .GroupBy(entry => entry.Attribute.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => $"{entry.Method.DeclaringType!.Name}.{entry.Method.Name}"))}");

        methods.Should().HaveCountGreaterThan(20, "the library logs through [LoggerMessage] methods");
        duplicates.Should().BeEmpty("each log event id must name one event");
    }

    [Test]
    public void Library_log_event_ids_are_set()
    {
        LogMethods().Where(entry => entry.Attribute.EventId <= 0)
            .Select(entry => $"{entry.Method.DeclaringType!.Name}.{entry.Method.Name}")
            .Should().BeEmpty("a fixed, positive event id lets operators filter and alert on an event");
    }
}
