using System.Security.Cryptography;
using System.Text;
using Flecs.Core.Results;

namespace Flecs.Crypto.Signatures;

/// <summary>Reads and writes Ed25519 key files.</summary>
/// <remarks>
/// A secret key file is UTF-8 text with LF line ends:
/// <c>flecs-ed25519-secret-key-v1</c>, the 32-byte seed as 64 lower-case hex digits, then
/// <c>public </c> followed by the public key in hex. A public key file is
/// <c>flecs-ed25519-public-key-v1</c> followed by the public key in hex.
/// On Unix a secret key file is created with mode 0600 and refused when group or others have any
/// access, as ssh does.
/// </remarks>
public static class KeyFile
{
    private const string SecretHeader = "flecs-ed25519-secret-key-v1";
    private const string PublicHeader = "flecs-ed25519-public-key-v1";
    private const string PublicPrefix = "public ";

    private const string NotFoundCode = "crypto.key.not-found";
    private const string MalformedCode = "crypto.key.malformed";
    private const string InsecurePermissionsCode = "crypto.key.insecure-permissions";

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="signer"/>'s key to a new secret key file.</summary>
    /// <remarks>On Unix the file is created with mode 0600, so no other user can read it at any moment.</remarks>
    /// <exception cref="IOException">The file already exists (a key is never overwritten) or cannot be written.</exception>
    public static void Write(string path, Ed25519Signer signer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(signer);

        var seed = signer.ExportSeed();
        byte[] content;
        try
        {
            content = Encoding.UTF8.GetBytes($"{SecretHeader}\n{Convert.ToHexStringLower(seed)}\n{PublicPrefix}{signer.PublicKey}\n");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>Reads a secret key file.</summary>
    /// <returns>The signer, or <c>crypto.key.not-found</c>, <c>crypto.key.insecure-permissions</c> or <c>crypto.key.malformed</c>.</returns>
    public static Result<Ed25519Signer> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        var lines = ReadLines(path);
        if (!lines.IsSuccess)
        {
            return lines.Error;
        }

        return ParseSecret(path, lines.Value);
    }

    /// <summary>Reads a public key file, or the public key of a secret key file.</summary>
    /// <returns>The key, or <c>crypto.key.not-found</c>, <c>crypto.key.malformed</c>, or (for a secret key file) <c>crypto.key.insecure-permissions</c>.</returns>
    public static Result<Ed25519PublicKey> ReadPublicKey(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        var read = ReadLines(path);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var lines = read.Value;
        if (lines.Length > 0 && string.Equals(lines[0], SecretHeader, StringComparison.Ordinal))
        {
            var secret = ParseSecret(path, lines);
            if (!secret.IsSuccess)
            {
                return secret.Error;
            }

            using var signer = secret.Value;
            return signer.PublicKey;
        }

        if (lines.Length != 2 || !string.Equals(lines[0], PublicHeader, StringComparison.Ordinal))
        {
            return Malformed(path, $"expected 2 lines starting with '{PublicHeader}'");
        }

        return Ed25519PublicKey.TryParse(lines[1], out var key)
            ? key
            : Malformed(path, "the public key is not 64 hex digits");
    }

    /// <summary>Writes a public key file, replacing any file at <paramref name="path"/>.</summary>
    public static void WritePublicKey(string path, Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, $"{PublicHeader}\n{key}\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static Result<string[]> ReadLines(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Error(NotFoundCode, $"Key file '{path}' does not exist.");
        }

        var lines = text.Split('\n');
        if (lines.Length > 1 && lines[^1].Length == 0)
        {
            lines = lines[..^1];
        }

        return lines;
    }

    private static Result<Ed25519Signer> ParseSecret(string path, string[] lines)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                return new Error(
                    InsecurePermissionsCode,
                    $"Key file '{path}' has mode {Convert.ToString((int)mode, 8)}; group and others must have no access. Run: chmod 600 '{path}'.");
            }
        }

        if (lines.Length != 3 || !string.Equals(lines[0], SecretHeader, StringComparison.Ordinal))
        {
            return Malformed(path, $"expected 3 lines starting with '{SecretHeader}'");
        }

        if (!lines[2].StartsWith(PublicPrefix, StringComparison.Ordinal) ||
            !Ed25519PublicKey.TryParse(lines[2][PublicPrefix.Length..], out var expected))
        {
            return Malformed(path, $"line 3 must be '{PublicPrefix}' followed by 64 hex digits");
        }

        Span<byte> seed = stackalloc byte[Ed25519Signer.SeedLength];
        try
        {
            if (lines[1].Length != seed.Length * 2 ||
                Convert.FromHexString(lines[1], seed, out _, out var written) != System.Buffers.OperationStatus.Done ||
                written != seed.Length)
            {
                return Malformed(path, "the seed is not 64 hex digits");
            }

            var signer = Ed25519Signer.FromSeed(seed);
            if (signer.PublicKey != expected)
            {
                signer.Dispose();
                return Malformed(path, "the public key does not belong to the seed");
            }

            return signer;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static Error Malformed(string path, string problem) => new(MalformedCode, $"Key file '{path}' is malformed: {problem}.");
}
