using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace AlphaSharp.Nn.IO;

/// <summary>
/// The safetensors file format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each
/// name to its dtype, shape and byte range, then the raw little-endian data. Writes F32. Reads F32, F64, F16, BF16,
/// I64, I32, I16, I8, U8 and BOOL, converting to float32 (PyTorch fixtures carry float64 references and int64
/// class labels; both arrive here as float).
/// </summary>
public static class SafeTensors
{
    /// <summary>Writes tensors (and optional string metadata) to <paramref name="path"/> atomically: a temporary file, then a rename.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var bytes = Serialize(tensors, metadata);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    public static Dictionary<string, Tensor> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"safetensors: no file at '{path}'", path);
        try { return Deserialize(File.ReadAllBytes(path), out _); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    /// <summary>Reads tensors and the file's <c>__metadata__</c> strings.</summary>
    public static Dictionary<string, Tensor> Load(string path, out Dictionary<string, string> metadata)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"safetensors: no file at '{path}'", path);
        try { return Deserialize(File.ReadAllBytes(path), out metadata); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
    }

    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Sorted names give the same bytes for the same content, whatever the dictionary's order.
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        using var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                if (name == "__metadata__") throw new ArgumentException("safetensors: '__metadata__' is reserved and cannot name a tensor");
                var t = tensors[name];
                w.WriteStartObject(name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (var d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                offset += (long)t.Numel * sizeof(float);
                w.WriteNumberValue(offset);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        var header = json.ToArray();
        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        var headerLen = (header.Length + 7) / 8 * 8;
        long dataLen = names.Sum(n => (long)tensors[n].Numel * sizeof(float));
        var result = new byte[8 + headerLen + dataLen];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)headerLen);
        header.CopyTo(result, 8);
        result.AsSpan(8 + header.Length, headerLen - header.Length).Fill((byte)' ');
        var pos = 8 + headerLen;
        foreach (var name in names)
        {
            var src = MemoryMarshal.AsBytes(tensors[name].Data.AsSpan());
            if (BitConverter.IsLittleEndian) src.CopyTo(result.AsSpan(pos));
            else
                for (var k = 0; k < tensors[name].Numel; k++)
                    BinaryPrimitives.WriteSingleLittleEndian(result.AsSpan(pos + 4 * k), tensors[name].Data[k]);
            pos += src.Length;
        }
        return result;
    }

    public static Dictionary<string, Tensor> Deserialize(ReadOnlySpan<byte> bytes, out Dictionary<string, string> metadata)
    {
        if (bytes.Length < 8) throw new InvalidDataException("safetensors: shorter than the 8-byte header length");
        var headerLen = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLen > (ulong)(bytes.Length - 8)) throw new InvalidDataException($"safetensors: header length {headerLen} runs past the end of the {bytes.Length}-byte file");
        var data = bytes[(8 + (int)headerLen)..];
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes.Slice(8, (int)headerLen).ToArray()); }
        catch (JsonException e) { throw new InvalidDataException($"safetensors: the header is not valid JSON ({e.Message})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new InvalidDataException("safetensors: the header is not a JSON object");
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                    continue;
                }
                result[entry.Name] = ReadTensor(entry.Name, entry.Value, data);
            }
        }
        return result;
    }

    private static Tensor ReadTensor(string name, JsonElement info, ReadOnlySpan<byte> data)
    {
        if (!info.TryGetProperty("dtype", out var dtypeEl) || !info.TryGetProperty("shape", out var shapeEl)
            || !info.TryGetProperty("data_offsets", out var offEl))
            throw new InvalidDataException($"safetensors: tensor '{name}' lacks dtype, shape or data_offsets");
        var dtype = dtypeEl.GetString() ?? "";
        var shape = shapeEl.EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var offsets = offEl.EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var numel = Tensor.NumelOf(shape);
        var width = dtype switch
        {
            "F64" or "I64" => 8,
            "F32" or "I32" => 4,
            "F16" or "BF16" or "I16" => 2,
            "I8" or "U8" or "BOOL" => 1,
            _ => throw new InvalidDataException($"safetensors: tensor '{name}' has dtype {dtype}, which this reader does not convert"),
        };
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] > data.Length || offsets[1] - offsets[0] != (long)numel * width)
            throw new InvalidDataException($"safetensors: tensor '{name}' ({dtype} {string.Join("x", shape)}) has byte range [{string.Join(", ", offsets)}], which does not match its size or the file");
        var src = data[(int)offsets[0]..(int)offsets[1]];
        var values = new float[numel];
        for (var k = 0; k < numel; k++)
        {
            var s = src.Slice(k * width, width);
            values[k] = dtype switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(s),
                "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(s),
                "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(s) << 16),
                "I64" => BinaryPrimitives.ReadInt64LittleEndian(s),
                "I32" => BinaryPrimitives.ReadInt32LittleEndian(s),
                "I16" => BinaryPrimitives.ReadInt16LittleEndian(s),
                "I8" => (sbyte)s[0],
                _ => s[0],
            };
        }
        return new Tensor(values, shape);
    }
}
