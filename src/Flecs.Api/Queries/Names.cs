using System.Globalization;
using System.Text;
using Flecs.Core.Time;

namespace Flecs.Api.Queries;

/// <summary>How the API spells enum values and times: kebab-case names, UTC interval starts.</summary>
internal static class Names
{
    /// <summary>An enum value in kebab case (<c>SupervisingAuthority</c> → <c>supervising-authority</c>).</summary>
    public static string Kebab<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The start of interval <paramref name="index"/>.</summary>
    public static DateTimeOffset Start(IntervalLength length, long index) => new DeliveryInterval(length, index).Start;

    /// <summary>A block timestamp.</summary>
    public static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    /// <summary>An invariant decimal.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
