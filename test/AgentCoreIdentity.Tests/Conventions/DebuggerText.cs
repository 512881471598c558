using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentCoreIdentity.Tests.Conventions;

/// <summary>
/// Computes what a debugger shows for an object: the <see cref="DebuggerDisplayAttribute"/> text (or
/// <c>ToString()</c> without one) and, when the type names a <see cref="DebuggerTypeProxyAttribute"/>, the text of
/// every member of the proxy.
/// </summary>
internal static partial class DebuggerText
{
    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>Returns the one-line display of <paramref name="value"/>.</summary>
    /// <exception cref="NotSupportedException">The display uses an expression other than a member name or a call without arguments.</exception>
    public static string Display(object value)
    {
        var attribute = value.GetType().GetCustomAttribute<DebuggerDisplayAttribute>(inherit: false);
        if (attribute is null)
        {
            return value.ToString() ?? string.Empty;
        }

        return Expression().Replace(attribute.Value, match => Evaluate(value, match.Groups["expression"].Value));
    }

    /// <summary>Returns the text of each member the debugger shows when <paramref name="value"/> is expanded.</summary>
    public static IEnumerable<string> Expanded(object value)
    {
        var proxyAttribute = value.GetType().GetCustomAttribute<DebuggerTypeProxyAttribute>(inherit: false);
        if (proxyAttribute is null)
        {
            yield break;
        }

        var proxyType = Type.GetType(proxyAttribute.ProxyTypeName, throwOnError: true)!;
        var proxy = Activator.CreateInstance(proxyType, AnyInstance, binder: null, [value], culture: null)!;
        foreach (var property in proxyType.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            var member = property.GetValue(proxy);
            if (member is null)
            {
                yield return "null";
                continue;
            }

            // A debugger lists the items of a RootHidden collection in place of the member itself.
            var rootHidden = property.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State == DebuggerBrowsableState.RootHidden;
            if (rootHidden && member is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    yield return item is null ? "null" : Display(item);
                }

                continue;
            }

            yield return Display(member);
            foreach (var nested in Expanded(member))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Returns the text that the record's compiler-generated <c>PrintMembers</c> writes, or <c>null</c> for other types.</summary>
    public static string? PrintMembers(object value)
    {
        var method = value.GetType().GetMethod("PrintMembers", AnyInstance, [typeof(StringBuilder)]);
        if (method is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        method.Invoke(value, [builder]);
        return builder.ToString();
    }

    private static string Evaluate(object value, string expression)
    {
        var type = value.GetType();
        object? result;
        if (expression.EndsWith("()", StringComparison.Ordinal))
        {
            var method = type.GetMethod(expression[..^2], AnyInstance, Type.EmptyTypes)
                ?? throw new NotSupportedException($"{type.Name} has no method for the debugger display expression '{expression}'.");
            result = method.Invoke(value, null);
        }
        else if (type.GetProperty(expression, AnyInstance) is { } property)
        {
            result = property.GetValue(value);
        }
        else
        {
            var field = type.GetField(expression, AnyInstance)
                ?? throw new NotSupportedException($"{type.Name} has no member for the debugger display expression '{expression}'.");
            result = field.GetValue(value);
        }

        return result?.ToString() ?? "null";
    }

    // A '{expression}' or '{expression,nq}' segment of a DebuggerDisplay string.
    [GeneratedRegex(@"\{(?<expression>[^{},]+)(,nq)?\}")]
    private static partial Regex Expression();
}
