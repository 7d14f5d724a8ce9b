using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Flecs.Simulation.Scenarios;

/// <summary>Lets YAML sequences and mappings bind to <see cref="IReadOnlyList{T}"/> and <see cref="IReadOnlyDictionary{TKey, TValue}"/> properties (as lists and dictionaries).</summary>
internal sealed class ReadOnlyCollectionDeserializer : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        if (expectedType.IsGenericType)
        {
            var definition = expectedType.GetGenericTypeDefinition();
            if (definition == typeof(IReadOnlyList<>))
            {
                value = nestedObjectDeserializer(reader, typeof(List<>).MakeGenericType(expectedType.GetGenericArguments()));
                return true;
            }

            if (definition == typeof(IReadOnlyDictionary<,>))
            {
                value = nestedObjectDeserializer(reader, typeof(Dictionary<,>).MakeGenericType(expectedType.GetGenericArguments()));
                return true;
            }
        }

        value = null;
        return false;
    }
}
