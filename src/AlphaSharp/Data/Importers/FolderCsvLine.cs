namespace AlphaSharp.Data;

/// <summary>Splits one CSV line into fields: comma-separated, optional double quotes with "" as an escaped quote.</summary>
public static class FolderCsvLine
{
    /// <summary>Fills <paramref name="fields"/>; false when a quoted field is not closed on this line.</summary>
    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length) return false;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                var comma = line.IndexOf(',', i);
                fields.Add(sb.ToString() + (comma < 0 ? line[i..] : line[i..comma]));
                if (comma < 0) return true;
                i = comma + 1;
            }
            else
            {
                var comma = line.IndexOf(',', i);
                if (comma < 0) { fields.Add(line[i..]); return true; }
                fields.Add(line[i..comma]);
                i = comma + 1;
            }
        }
    }
}
