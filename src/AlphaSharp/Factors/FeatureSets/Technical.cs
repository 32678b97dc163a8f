namespace AlphaSharp.Factors.FeatureSets;

/// <summary>
/// Classic technical indicators with TA-Lib's definitions and default parameters, on adjusted prices and volume:
/// MA 5/10/20/60, EMA 12/26, RSI 14, MOM 10, MACD (12, 26, 9) line/signal/histogram, Bollinger bands (20, 2), ATR 14, OBV.
/// Values are in price (or volume) units as TA-Lib gives them; divide by $close in an expression for a unit-free form.
/// </summary>
public static class Technical
{
    public static FeatureSet Set { get; } = new("technical",
        "TA-Lib indicators: MA, EMA, RSI, MOM, MACD, Bollinger bands, ATR, OBV (TA-Lib definitions, adjusted prices)",
        [
            new("MA5", "TA_SMA($close, 5)"), new("MA10", "TA_SMA($close, 10)"), new("MA20", "TA_SMA($close, 20)"), new("MA60", "TA_SMA($close, 60)"),
            new("EMA12", "TA_EMA($close, 12)"), new("EMA26", "TA_EMA($close, 26)"),
            new("RSI14", "TA_RSI($close, 14)"), new("MOM10", "TA_MOM($close, 10)"),
            new("MACD", "TA_MACD($close, 12, 26, 9)"), new("MACD_SIGNAL", "TA_MACDSIGNAL($close, 12, 26, 9)"), new("MACD_HIST", "TA_MACDHIST($close, 12, 26, 9)"),
            new("BB_UPPER", "TA_BBUPPER($close, 20, 2)"), new("BB_MIDDLE", "TA_BBMIDDLE($close, 20)"), new("BB_LOWER", "TA_BBLOWER($close, 20, 2)"),
            new("ATR14", "TA_ATR($high, $low, $close, 14)"), new("OBV", "TA_OBV($close, $volume)"),
        ], []);
}
