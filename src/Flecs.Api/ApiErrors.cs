namespace Flecs.Api;

/// <summary>The stable codes of the HTTP edge (docs/api.md#errors); ledger and domain codes pass through unchanged.</summary>
public static class ApiErrors
{
    /// <summary>The signature headers are incomplete or malformed.</summary>
    public const string AuthMalformed = "api.auth.malformed";

    /// <summary>The request's time is outside the accepted window.</summary>
    public const string AuthStale = "api.auth.stale";

    /// <summary>The signing player is unknown, not authorized or has no key.</summary>
    public const string AuthUnknownPlayer = "api.auth.unknown-player";

    /// <summary>The signature does not verify with the player's current key.</summary>
    public const string AuthBadSignature = "api.auth.bad-signature";

    /// <summary>The same signed request was seen before.</summary>
    public const string AuthReplayed = "api.auth.replayed";

    /// <summary>The bearer token is unknown or expired.</summary>
    public const string AuthBadToken = "api.auth.bad-token";

    /// <summary>The endpoint needs a signed request (or a session) and none was given.</summary>
    public const string AuthRequired = "api.auth.required";

    /// <summary>The caller may not see or do this.</summary>
    public const string Forbidden = "api.access.denied";

    /// <summary>The item does not exist.</summary>
    public const string NotFound = "api.not-found";

    /// <summary>The request is malformed (a parameter or the body).</summary>
    public const string BadRequest = "api.request.malformed";

    /// <summary>The body is larger than the node accepts.</summary>
    public const string TooLarge = "api.request.too-large";

    /// <summary>The caller sent too many requests.</summary>
    public const string RateLimited = "api.rate-limited";

    /// <summary>A follower does not order transactions.</summary>
    public const string ReadOnly = "api.node.read-only";

    /// <summary>An unexpected failure inside the node.</summary>
    public const string Internal = "api.internal";
}
