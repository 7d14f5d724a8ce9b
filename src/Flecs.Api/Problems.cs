using Flecs.Core.Results;
using Flecs.Ledger;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Flecs.Api;

/// <summary>RFC 9457 problem details carrying the stable code of an <see cref="Error"/> (docs/api.md#errors).</summary>
public static class Problems
{
    /// <summary>The URN prefix of every problem type: the type is this followed by the code.</summary>
    public const string TypePrefix = "urn:flecs:problem:";

    /// <summary>A problem for <paramref name="error"/>, with the status its code maps to unless one is given.</summary>
    public static ProblemHttpResult Of(Error error, int? status = null, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = error.Code };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                all[key] = value;
            }
        }

        return TypedResults.Problem(error.Message, statusCode: status ?? StatusOf(error.Code), title: error.Code, type: TypePrefix + error.Code, extensions: all);
    }

    /// <summary>A problem with <paramref name="code"/> and <paramref name="message"/>.</summary>
    public static ProblemHttpResult Of(string code, string message, int? status = null) => Of(new Error(code, message), status);

    /// <summary>The HTTP status of a code: 400 malformed input, 401 authentication, 403 access, 404 unknown, 409 read-only, 413, 429, otherwise 422 (a domain rule refused it).</summary>
    public static int StatusOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code switch
        {
            ApiErrors.NotFound or ProofsNotFound => StatusCodes.Status404NotFound,
            ApiErrors.Forbidden => StatusCodes.Status403Forbidden,
            ApiErrors.BadRequest => StatusCodes.Status400BadRequest,
            ApiErrors.TooLarge => StatusCodes.Status413PayloadTooLarge,
            ApiErrors.RateLimited => StatusCodes.Status429TooManyRequests,
            ApiErrors.ReadOnly => StatusCodes.Status409Conflict,
            ApiErrors.Internal or LedgerErrors.StoreCorrupt => StatusCodes.Status500InternalServerError,
            _ when code.StartsWith("api.auth.", StringComparison.Ordinal) => StatusCodes.Status401Unauthorized,
            _ when code.EndsWith(".unknown", StringComparison.Ordinal) || code.Contains(".unknown-", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
    }

    /// <summary>The code for a bare status (a framework response without one).</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType => ApiErrors.BadRequest,
        StatusCodes.Status401Unauthorized => ApiErrors.AuthRequired,
        StatusCodes.Status403Forbidden => ApiErrors.Forbidden,
        StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => ApiErrors.NotFound,
        StatusCodes.Status413PayloadTooLarge => ApiErrors.TooLarge,
        StatusCodes.Status429TooManyRequests => ApiErrors.RateLimited,
        _ => ApiErrors.Internal,
    };

    private const string ProofsNotFound = Flecs.Ledger.Proofs.ProofBuilder.NotFound;
}
