using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AlphaSharp.Models.Classical;

/// <summary>
/// The part of LightGBM's C API (c_api.h, 4.7.0) the model uses, over lib_lightgbm from the LightGBM NuGet package
/// (runtimes/&lt;rid&gt;/native, resolved through the app's deps.json). Handles are SafeHandles, so a dataset or booster
/// is freed even when a caller forgets; every call goes through <see cref="Check"/>, so a non-zero return becomes a
/// <see cref="LightGbmException"/> carrying LGBM_GetLastError's text.
/// </summary>
internal static partial class LightGbmNative
{
    private const string Lib = "lib_lightgbm";

    public const int DTypeFloat32 = 0;
    public const int DTypeFloat64 = 1;
    public const int PredictNormal = 0;
    public const int FeatureImportanceSplit = 0;

    [LibraryImport(Lib)]
    private static partial IntPtr LGBM_GetLastError();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_DatasetCreateFromMat(float* data, int dataType, int nrow, int ncol, int isRowMajor,
        string parameters, IntPtr reference, out DatasetHandle handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_DatasetSetField(DatasetHandle handle, string field, float* data, int count, int type);

    [LibraryImport(Lib)]
    internal static partial int LGBM_DatasetFree(IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterCreate(DatasetHandle train, string parameters, out BoosterHandle handle);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterAddValidData(BoosterHandle handle, DatasetHandle valid);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterUpdateOneIter(BoosterHandle handle, out int isFinished);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterGetEvalCounts(BoosterHandle handle, out int count);

    [LibraryImport(Lib)]
    private static unsafe partial int LGBM_BoosterGetEval(BoosterHandle handle, int dataIndex, out int count, double* results);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LGBM_BoosterPredictForMat(BoosterHandle handle, float* data, int dataType, int nrow, int ncol,
        int isRowMajor, int predictType, int startIteration, int numIteration, string parameters, out long outLength, double* result);

    [LibraryImport(Lib)]
    private static unsafe partial int LGBM_BoosterSaveModelToString(BoosterHandle handle, int startIteration, int numIteration,
        int featureImportanceType, long bufferLength, out long outLength, byte* buffer);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterLoadModelFromString(string model, out int numIterations, out BoosterHandle handle);

    [LibraryImport(Lib)]
    internal static partial int LGBM_BoosterFree(IntPtr handle);

    private static void Check(int rc, string function)
    {
        if (rc == 0) return;
        var text = Marshal.PtrToStringUTF8(LGBM_GetLastError()) ?? "(no message)";
        throw new LightGbmException(function, text);
    }

    /// <summary>A row-major float32 matrix as a dataset; <paramref name="reference"/> shares its bins (validation data).</summary>
    public static unsafe DatasetHandle DatasetFromMatrix(ReadOnlySpan<float> x, int rows, int cols, string parameters, DatasetHandle? reference)
    {
        // The reference goes as a raw pointer (the generated marshaller cannot pass a null SafeHandle), kept alive by hand.
        var added = false;
        try
        {
            reference?.DangerousAddRef(ref added);
            var refPtr = reference?.DangerousGetHandle() ?? IntPtr.Zero;
            DatasetHandle handle;
            fixed (float* p = x)
                Check(LGBM_DatasetCreateFromMat(p, DTypeFloat32, rows, cols, 1, parameters, refPtr, out handle), nameof(LGBM_DatasetCreateFromMat));
            return handle;
        }
        finally
        {
            if (added) reference!.DangerousRelease();
        }
    }

    /// <summary>Sets a float32 field ("label" or "weight") of <paramref name="dataset"/>.</summary>
    public static unsafe void SetField(DatasetHandle dataset, string field, ReadOnlySpan<float> values)
    {
        fixed (float* p = values)
            Check(LGBM_DatasetSetField(dataset, field, p, values.Length, DTypeFloat32), nameof(LGBM_DatasetSetField));
    }

    public static BoosterHandle CreateBooster(DatasetHandle train, string parameters)
    {
        Check(LGBM_BoosterCreate(train, parameters, out var handle), nameof(LGBM_BoosterCreate));
        return handle;
    }

    public static void AddValidData(BoosterHandle booster, DatasetHandle valid) =>
        Check(LGBM_BoosterAddValidData(booster, valid), nameof(LGBM_BoosterAddValidData));

    /// <summary>One boosting round; true when no further split is possible (LightGBM's is_finished).</summary>
    public static bool UpdateOneIter(BoosterHandle booster)
    {
        Check(LGBM_BoosterUpdateOneIter(booster, out var finished), nameof(LGBM_BoosterUpdateOneIter));
        return finished != 0;
    }

    /// <summary>The metric values on data set <paramref name="dataIndex"/> (0 = training, 1.. = validation, in order added).</summary>
    public static unsafe double[] GetEval(BoosterHandle booster, int dataIndex)
    {
        Check(LGBM_BoosterGetEvalCounts(booster, out var count), nameof(LGBM_BoosterGetEvalCounts));
        var results = new double[count];
        int written;
        fixed (double* p = results)
            Check(LGBM_BoosterGetEval(booster, dataIndex, out written, p), nameof(LGBM_BoosterGetEval));
        if (written != count) throw new LightGbmException(nameof(LGBM_BoosterGetEval), $"wrote {written} values, GetEvalCounts said {count}");
        return results;
    }

    /// <summary>Predictions (transformed: probabilities for binary) of the first <paramref name="iterations"/> rounds (0 = all).</summary>
    public static unsafe double[] PredictForMatrix(BoosterHandle booster, ReadOnlySpan<float> x, int rows, int cols, int iterations, string parameters)
    {
        var result = new double[rows];
        long length;
        fixed (float* p = x)
        fixed (double* r = result)
            Check(LGBM_BoosterPredictForMat(booster, p, DTypeFloat32, rows, cols, 1, PredictNormal, 0, iterations, parameters, out length, r),
                nameof(LGBM_BoosterPredictForMat));
        if (length != rows) throw new LightGbmException(nameof(LGBM_BoosterPredictForMat), $"returned {length} values for {rows} rows");
        return result;
    }

    /// <summary>The model text of the first <paramref name="iterations"/> rounds (0 = all), LightGBM's own format.</summary>
    public static unsafe string SaveModelToString(BoosterHandle booster, int iterations)
    {
        // Asked once with an empty buffer for the length (which counts the terminating NUL), then filled.
        long length;
        Check(LGBM_BoosterSaveModelToString(booster, 0, iterations, FeatureImportanceSplit, 0, out length, null), nameof(LGBM_BoosterSaveModelToString));
        var buffer = new byte[length];
        long again;
        fixed (byte* p = buffer)
            Check(LGBM_BoosterSaveModelToString(booster, 0, iterations, FeatureImportanceSplit, length, out again, p), nameof(LGBM_BoosterSaveModelToString));
        if (again != length) throw new LightGbmException(nameof(LGBM_BoosterSaveModelToString), $"length changed from {length} to {again}");
        return System.Text.Encoding.UTF8.GetString(buffer, 0, (int)(length - 1));
    }

    public static BoosterHandle LoadModelFromString(string model, out int iterations)
    {
        Check(LGBM_BoosterLoadModelFromString(model, out iterations, out var handle), nameof(LGBM_BoosterLoadModelFromString));
        return handle;
    }
}

/// <summary>A LightGBM dataset, freed with LGBM_DatasetFree.</summary>
internal sealed class DatasetHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => LightGbmNative.LGBM_DatasetFree(handle) == 0;
}

/// <summary>A LightGBM booster, freed with LGBM_BoosterFree.</summary>
internal sealed class BoosterHandle() : SafeHandleZeroOrMinusOneIsInvalid(ownsHandle: true)
{
    protected override bool ReleaseHandle() => LightGbmNative.LGBM_BoosterFree(handle) == 0;
}
