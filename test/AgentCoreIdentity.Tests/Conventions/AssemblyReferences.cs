using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace AgentCoreIdentity.Tests.Conventions;

/// <summary>
/// What an assembly's IL can reach outside itself, read from its metadata without loading it: the types and members
/// it references, the methods it imports from native libraries, and its string literals and string constants.
/// </summary>
internal sealed class AssemblyReferences
{
    private AssemblyReferences(
        IReadOnlyList<string> types,
        IReadOnlyList<MemberUse> members,
        IReadOnlyList<string> platformInvokes,
        IReadOnlyList<string> strings)
    {
        Types = types;
        Members = members;
        PlatformInvokes = platformInvokes;
        Strings = strings;
    }

    /// <summary>Full names of the referenced types, such as <c>System.IO.File</c>.</summary>
    public IReadOnlyList<string> Types { get; }

    /// <summary>Referenced methods and fields of other assemblies.</summary>
    public IReadOnlyList<MemberUse> Members { get; }

    /// <summary>
    /// Methods that call native code through platform invoke (<c>DllImport</c>, which <c>LibraryImport</c> also
    /// generates), as <c>Type.Method</c>.
    /// </summary>
    public IReadOnlyList<string> PlatformInvokes { get; }

    /// <summary>String literals of the IL (the user-string heap) and the values of string constants.</summary>
    public IReadOnlyList<string> Strings { get; }

    public static AssemblyReferences Read(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new TypeNameProvider();

        var types = reader.TypeReferences.Select(handle => TypeNameProvider.FullName(reader, handle)).ToArray();

        var members = new List<MemberUse>();
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            var parameters = member.GetKind() == MemberReferenceKind.Method
                ? member.DecodeMethodSignature(names, genericContext: null).ParameterTypes
                : ImmutableArray<string>.Empty;
            members.Add(new MemberUse(ParentName(reader, member.Parent, names), reader.GetString(member.Name), parameters));
        }

        var platformInvokes = reader.MethodDefinitions
            .Select(reader.GetMethodDefinition)
            .Where(method => (method.Attributes & MethodAttributes.PinvokeImpl) != 0)
            .Select(method => $"{TypeNameProvider.FullName(reader, method.GetDeclaringType())}.{reader.GetString(method.Name)}")
            .ToArray();

        return new AssemblyReferences(types, members, platformInvokes, ReadStrings(reader));
    }

    private static List<string> ReadStrings(MetadataReader reader)
    {
        var strings = new List<string>();
        var handle = MetadataTokens.UserStringHandle(1);
        while (!handle.IsNil)
        {
            strings.Add(reader.GetUserString(handle));
            handle = reader.GetNextHandle(handle);
        }

        foreach (var constantHandle in Enumerable.Range(1, reader.GetTableRowCount(TableIndex.Constant)).Select(MetadataTokens.ConstantHandle))
        {
            var constant = reader.GetConstant(constantHandle);
            if (constant.TypeCode == ConstantTypeCode.String)
            {
                strings.Add(Encoding.Unicode.GetString(reader.GetBlobBytes(constant.Value)));
            }
        }

        return strings;
    }

    private static string ParentName(MetadataReader reader, EntityHandle parent, TypeNameProvider names) => parent.Kind switch
    {
        HandleKind.TypeReference => TypeNameProvider.FullName(reader, (TypeReferenceHandle)parent),
        HandleKind.TypeDefinition => TypeNameProvider.FullName(reader, (TypeDefinitionHandle)parent),
        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(names, genericContext: null),
        _ => parent.Kind.ToString(),
    };

    /// <summary>Names signature types by their full names, such as <c>System.String</c>, for comparison with expected names.</summary>
    private sealed class TypeNameProvider : ISignatureTypeProvider<string, object?>
    {
        public static string FullName(MetadataReader reader, TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return FullName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
            }

            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return FullName(reader, declaring) + "+" + name;
            }

            var ns = reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature) => "method pointer";

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(",", typeArguments) + ">";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => FullName(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => FullName(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}

/// <summary>A method or field that an assembly references, with the full names of a method's parameter types.</summary>
internal sealed record MemberUse(string TypeName, string MemberName, IReadOnlyList<string> ParameterTypes)
{
    public override string ToString() => $"{TypeName}.{MemberName}({string.Join(", ", ParameterTypes)})";
}
