using Flecs.Core.Results;

namespace Flecs.Cli.Market;

/// <summary>Reads a book file as JSON or CSV: by extension (<c>.json</c>, <c>.csv</c>), otherwise by its first character.</summary>
internal static class BookFileReader
{
    public static Result<BookFile> Read(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new Error("market.book.unreadable", $"cannot read book '{path}': {ex.Message}");
        }

        var extension = Path.GetExtension(path);
        var isJson = extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
            || (!extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) && StartsLikeJson(content));
        return isJson ? JsonBookReader.Read(content) : CsvBookReader.Read(content);
    }

    private static bool StartsLikeJson(byte[] content)
    {
        var start = content.AsSpan();
        if (start.StartsWith("\uFEFF"u8))
        {
            start = start[3..];
        }

        foreach (var b in start)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b == (byte)'{';
            }
        }

        return false;
    }
}
