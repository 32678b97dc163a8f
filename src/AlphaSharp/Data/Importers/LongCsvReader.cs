using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Compression;
using AlphaSharp.Common;

namespace AlphaSharp.Data;

/// <summary>
/// Streams the rows of a long CSV, <c>date,symbol,&lt;fields...&gt;</c>, plain or gzip. Header-driven: the
/// <c>date</c> and <c>symbol</c> columns are required (any position, any case) and every other column is a float32
/// field; an empty field is NaN. It checks what a single row can show (column count, dates, numbers) and fails with
/// <c>file:line: column N (name): ...</c>; it does NOT check uniqueness or order, so a validator can report those.
/// Decompression runs on its own thread, handing line-aligned chunks to the parser on the calling thread.
/// </summary>
public sealed class LongCsvReader : IDisposable
{
    private const int ChunkSize = 1 << 20;

    private readonly FileStream _file;
    private readonly Stream _text;
    private readonly bool _gzip;
    private readonly uint _gzipTrailer;
    private readonly int _columns;
    private readonly int _dateColumn;
    private readonly int _symbolColumn;
    private readonly int[] _fieldOfColumn; // -1 for date and symbol
    private readonly string[] _columnNames;
    private readonly List<string> _symbols = [];
    private readonly Dictionary<ulong, int> _shortSymbols = [];
    private readonly Dictionary<string, int> _longSymbols = new(StringComparer.Ordinal);
    private byte[] _pending;
    private int _pendingStart;
    private int _pendingLength;
    private long _decompressed;
    private bool _consumed;

    private LongCsvReader(string path)
    {
        Path = path;
        _file = InputFile.OpenRaw(path);
        try
        {
            _gzip = InputFile.IsGzipStream(_file);
            if (_gzip)
            {
                _gzipTrailer = InputFile.GzipTrailerSize(_file);
                _text = new GZipStream(_file, CompressionMode.Decompress, leaveOpen: true);
            }
            else _text = _file;

            _pending = ArrayPool<byte>.Shared.Rent(ChunkSize);
            var header = ReadHeaderLine();
            _columnNames = SplitHeader(header);
            _columns = _columnNames.Length;
            _dateColumn = FindColumn("date");
            _symbolColumn = FindColumn("symbol");
            _fieldOfColumn = new int[_columns];
            var fields = new List<string>();
            for (var c = 0; c < _columns; c++)
            {
                if (c == _dateColumn || c == _symbolColumn) { _fieldOfColumn[c] = -1; continue; }
                _fieldOfColumn[c] = fields.Count;
                fields.Add(_columnNames[c]);
            }
            Fields = fields;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Opens the file and reads its header; fails with one line if the file or header is unusable.</summary>
    public static LongCsvReader Open(string path) => new(path);

    /// <summary>Reads every row of <paramref name="path"/> in file order; returns the field names (header order).</summary>
    public static IReadOnlyList<string> ReadRows(string path, LongCsvRowHandler onRow, Action<double>? progress = null)
    {
        using var reader = Open(path);
        reader.ReadRows(onRow, progress);
        return reader.Fields;
    }

    public string Path { get; }
    /// <summary>The value columns (all but date and symbol), in header order.</summary>
    public IReadOnlyList<string> Fields { get; }
    /// <summary>Symbols seen so far, in order of first appearance; <see cref="LongCsvRow.SymbolId"/> indexes it.</summary>
    public IReadOnlyList<string> Symbols => _symbols;
    public bool IsGzip => _gzip;

    /// <summary>
    /// Calls <paramref name="onRow"/> for each data row, in file order, on the calling thread.
    /// <paramref name="progress"/> receives the fraction of the (compressed) file read so far.
    /// </summary>
    public void ReadRows(LongCsvRowHandler onRow, Action<double>? progress = null)
    {
        if (_consumed) throw new InvalidOperationException("LongCsvReader.ReadRows can run once per reader");
        _consumed = true;
        using var queue = new BlockingCollection<Chunk>(boundedCapacity: 4);
        using var stop = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(() => Produce(queue, stop.Token), stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var values = new float[Fields.Count];
        long line = 1;
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
            {
                try
                {
                    ParseChunk(chunk.Buffer.AsSpan(0, chunk.Length), ref line, values, onRow);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
                progress?.Invoke(chunk.Progress);
            }
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try { producer.Wait(); } catch (AggregateException) { }
            while (queue.TryTake(out var left)) ArrayPool<byte>.Shared.Return(left.Buffer);
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, double Progress);

    // Decompresses into buffers cut at the last newline; the partial line moves to the front of the next buffer.
    private void Produce(BlockingCollection<Chunk> queue, CancellationToken stop)
    {
        try
        {
            var buffer = _pending;
            var length = _pendingLength - _pendingStart;
            if (_pendingStart > 0) Buffer.BlockCopy(buffer, _pendingStart, buffer, 0, length);
            _pending = [];
            while (true)
            {
                if (length == buffer.Length) Grow(ref buffer, length);
                var n = ReadText(buffer.AsSpan(length));
                if (n == 0)
                {
                    CheckGzipEnd();
                    if (length > 0) queue.Add(new Chunk(buffer, length, 1.0), stop);
                    else ArrayPool<byte>.Shared.Return(buffer);
                    return;
                }
                length += n;
                var cut = buffer.AsSpan(0, length).LastIndexOf((byte)'\n');
                if (cut < 0) continue;
                var next = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, length - cut - 1));
                var rest = length - cut - 1;
                Buffer.BlockCopy(buffer, cut + 1, next, 0, rest);
                queue.Add(new Chunk(buffer, cut + 1, (double)_file.Position / Math.Max(1, _file.Length)), stop);
                buffer = next;
                length = rest;
            }
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    private int ReadText(Span<byte> into)
    {
        try
        {
            var n = _text.Read(into);
            _decompressed += n;
            return n;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InputException(InputFile.TruncatedGzipMessage(Path, _decompressed));
        }
    }

    private void CheckGzipEnd()
    {
        if (_gzip && (uint)_decompressed != _gzipTrailer)
            throw new InputException(InputFile.TruncatedGzipMessage(Path, _decompressed));
    }

    private byte[] ReadHeaderLine()
    {
        var buffer = _pending;
        var length = 0;
        while (true)
        {
            var nl = buffer.AsSpan(0, length).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                _pending = buffer;
                _pendingStart = nl + 1;
                _pendingLength = length;
                return buffer.AsSpan(0, nl).ToArray();
            }
            if (length == buffer.Length)
            {
                if (length >= 1 << 24) throw new InputException($"{Path}:1: header line longer than 16 MB; is this a CSV file?");
                Grow(ref buffer, length);
            }
            var n = ReadText(buffer.AsSpan(length));
            if (n == 0)
            {
                CheckGzipEnd();
                if (length == 0) throw new InputException($"{Path}: empty file, expected a header line");
                _pending = buffer;
                _pendingStart = length;
                _pendingLength = length;
                return buffer.AsSpan(0, length).ToArray();
            }
            length += n;
        }
    }

    private string[] SplitHeader(byte[] header)
    {
        var text = System.Text.Encoding.UTF8.GetString(header).TrimStart('\uFEFF').TrimEnd('\r');
        if (text.Trim().Length == 0) throw new InputException($"{Path}:1: empty header line, expected 'date,symbol,<fields...>'");
        var names = text.Split(',').Select(n => n.Trim().Trim('"')).ToArray();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < names.Length; c++)
        {
            if (names[c].Length == 0) throw new InputException($"{Path}:1: column {c + 1} has no name");
            if (!seen.Add(names[c])) throw new InputException($"{Path}:1: column '{names[c]}' appears twice in the header");
        }
        return names;
    }

    private int FindColumn(string name)
    {
        var c = Array.FindIndex(_columnNames, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (c < 0)
            throw new InputException($"{Path}:1: missing required column '{name}' (header: {string.Join(",", _columnNames)}); expected 'date,symbol,<fields...>'");
        return c;
    }

    private void ParseChunk(ReadOnlySpan<byte> text, ref long line, float[] values, LongCsvRowHandler onRow)
    {
        while (!text.IsEmpty)
        {
            var nl = text.IndexOf((byte)'\n');
            var row = nl < 0 ? text : text[..nl];
            text = nl < 0 ? default : text[(nl + 1)..];
            line++;
            if (!row.IsEmpty && row[^1] == (byte)'\r') row = row[..^1];
            if (row.IsEmpty) continue;
            ParseRow(row, line, values, onRow);
        }
    }

    private void ParseRow(ReadOnlySpan<byte> row, long line, float[] values, LongCsvRowHandler onRow)
    {
        DateOnly date = default;
        var symbolId = -1;
        var rest = row;
        for (var c = 0; c < _columns; c++)
        {
            ReadOnlySpan<byte> cell;
            if (c < _columns - 1)
            {
                var comma = rest.IndexOf((byte)',');
                if (comma < 0) throw ColumnCount(line, c + 1);
                cell = rest[..comma];
                rest = rest[(comma + 1)..];
            }
            else
            {
                if (rest.IndexOf((byte)',') >= 0) throw ColumnCount(line, _columns + rest.Count((byte)','));
                cell = rest;
            }
            var field = _fieldOfColumn[c];
            if (field >= 0)
            {
                if (!Utf8Fields.TryParseFloat(cell, out values[field]))
                    throw new InputException($"{Path}:{line}: column {c + 1} ({_columnNames[c]}): '{Utf8Fields.Show(cell)}' is not a number");
            }
            else if (c == _dateColumn)
            {
                if (!Utf8Fields.TryParseDate(cell, out date))
                    throw new InputException($"{Path}:{line}: column {c + 1} (date): '{Utf8Fields.Show(cell)}' is not a date, expected yyyy-MM-dd");
            }
            else
            {
                if (cell.IsEmpty) throw new InputException($"{Path}:{line}: column {c + 1} (symbol) is empty");
                symbolId = Intern(cell);
            }
        }
        onRow(new LongCsvRow(line, date, _symbols[symbolId], symbolId, values));
    }

    private InputException ColumnCount(long line, int found) =>
        new($"{Path}:{line}: {found} columns, expected {_columns} ({string.Join(",", _columnNames)})");

    private int Intern(ReadOnlySpan<byte> symbol)
    {
        if (symbol.Length <= 8)
        {
            ulong key = 0;
            for (var k = 0; k < symbol.Length; k++) key |= (ulong)symbol[k] << (8 * k);
            if (_shortSymbols.TryGetValue(key, out var id)) return id;
            id = Add(System.Text.Encoding.UTF8.GetString(symbol));
            _shortSymbols[key] = id;
            return id;
        }
        var text = System.Text.Encoding.UTF8.GetString(symbol);
        if (_longSymbols.TryGetValue(text, out var longId)) return longId;
        longId = Add(text);
        _longSymbols[text] = longId;
        return longId;
    }

    private int Add(string symbol)
    {
        _symbols.Add(symbol);
        return _symbols.Count - 1;
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_text, _file)) _text?.Dispose();
        _file?.Dispose();
        if (_pending is { Length: > 0 }) ArrayPool<byte>.Shared.Return(_pending);
        _pending = [];
    }

    /// <summary>Swaps a full pooled buffer for one twice its size, keeping the first <paramref name="length"/> bytes.</summary>
    private static void Grow(ref byte[] buffer, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, length);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
