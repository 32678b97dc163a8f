using System.Text.Json.Serialization;
using AlphaSharp.Factors.Operators;

namespace AlphaSharp.Models.Datasets;

/// <summary>How training labels are normalised per date (over the members with a label that day); none needs fitting.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LabelNorm>))]
public enum LabelNorm
{
    None,
    /// <summary>(percentile rank - 0.5) x 3.46, ties averaged: Qlib's CSRankNorm (unit variance for a uniform rank).</summary>
    CsRank,
    /// <summary>(y - mean) / std per date, sample std: Qlib's CSZScoreNorm.</summary>
    CsZScore,
    /// <summary>Classes for a classifier: 1 where the label is above 0 (up), 0 where it is 0 or below (down); missing stays missing.</summary>
    UpDown,
}

public static class LabelNorms
{
    /// <summary>A new label panel (instrument-major) normalised per date; <paramref name="members"/> null: everyone.</summary>
    public static float[] Apply(LabelNorm norm, float[] label, bool[]? members, int days)
    {
        switch (norm)
        {
            case LabelNorm.None:
                return label;
            case LabelNorm.CsZScore:
                return CrossSection.ZScore(label, members, days);
            case LabelNorm.UpDown:
                return label.Select(v => float.IsNaN(v) ? float.NaN : v > 0 ? 1f : 0f).ToArray();
            default:
                var rank = CrossSection.Rank(label, members, days);
                for (var k = 0; k < rank.Length; k++) rank[k] = (float)((rank[k] - 0.5) * 3.46);
                return rank;
        }
    }
}
