namespace Flecs.Cli.Market;

/// <summary>Maps byte offsets of a UTF-8 file to 1-based line numbers; offsets must be asked in increasing order (as a reader moves forward).</summary>
internal sealed class LineCounter(byte[] content)
{
    private long _offset;
    private int _line = 1;

    public int LineOf(long offset)
    {
        for (; _offset < offset && _offset < content.Length; _offset++)
        {
            if (content[_offset] == (byte)'\n')
            {
                _line++;
            }
        }

        return _line;
    }
}
