namespace AlphaSharp.Models.Classical;

/// <summary>
/// The boosting loop over the native booster: one round at a time, the training and validation loss after each,
/// early stopping as LightGBM's Python callback does it (stop once the validation loss has not been strictly lower
/// than its best for early_stopping_rounds rounds) and the model cut back to the best round; with early_stopping_rounds
/// 0 (or no validation set) every round is kept.
/// </summary>
internal static class LightGbmTrainer
{
    public sealed record Result(string ModelText, int BestIteration, double[] TrainLoss, double[] ValidLoss);

    public static Result Train(LightGbmParameters p, LightGbmSet train, LightGbmSet? valid)
    {
        var native = p.ToNative();
        using var trainData = Dataset(train, native, null);
        using var validData = valid is null ? null : Dataset(valid, native, trainData);
        using var booster = LightGbmNative.CreateBooster(trainData, native);
        if (validData is not null) LightGbmNative.AddValidData(booster, validData);

        var trainLoss = new List<double>();
        var validLoss = new List<double>();
        var best = double.PositiveInfinity;
        var bestIteration = 0;
        for (var round = 1; round <= p.NumBoostRound; round++)
        {
            // is_finished: no leaf could split, LightGBM dropped this round's tree, so the model has round - 1 rounds.
            if (LightGbmNative.UpdateOneIter(booster)) break;
            trainLoss.Add(LightGbmNative.GetEval(booster, 0)[0]);
            if (validData is null)
            {
                bestIteration = round;
                continue;
            }
            var v = LightGbmNative.GetEval(booster, 1)[0];
            validLoss.Add(v);
            // Without early stopping every round is kept, as lightgbm.train does without the callback.
            if (p.EarlyStoppingRounds == 0) bestIteration = round;
            else if (v < best)
            {
                best = v;
                bestIteration = round;
            }
            else if (round - bestIteration >= p.EarlyStoppingRounds) break;
        }
        // bestIteration 0 (the first round found no split: constant labels, or too few rows for min_data_in_leaf) asks
        // LightGBM for everything it kept, its constant start score.
        var text = LightGbmNative.SaveModelToString(booster, bestIteration);
        return new Result(text, bestIteration, [.. trainLoss], [.. validLoss]);
    }

    private static DatasetHandle Dataset(LightGbmSet set, string native, DatasetHandle? reference)
    {
        var handle = LightGbmNative.DatasetFromMatrix(set.X, set.Rows, set.Features, native, reference);
        try
        {
            LightGbmNative.SetField(handle, "label", set.Y);
            if (set.Weights is not null) LightGbmNative.SetField(handle, "weight", set.Weights);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
