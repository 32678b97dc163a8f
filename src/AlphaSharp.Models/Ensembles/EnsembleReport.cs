namespace AlphaSharp.Models.Ensembles;

/// <summary>One member's validation figures: its seed, loss and IC, and how its fit went.</summary>
public sealed record SeedScore(ulong Seed, double ValidLoss, double ValidIc, int Epochs, int BestEpoch);

/// <summary>Every member's validation figures beside the ensemble's (the mean prediction's).</summary>
public sealed record EnsembleReport(IReadOnlyList<SeedScore> Members, double ValidLoss, double ValidIc);
