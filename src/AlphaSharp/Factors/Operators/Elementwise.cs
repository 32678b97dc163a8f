using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlphaSharp.Factors.Operators;

/// <summary>
/// Elementwise operators with numpy's rules, as Qlib applies them to its float32 series: arithmetic follows IEEE
/// (NaN propagates, x/0 is +-inf, Log of 0 is -inf and of a negative number NaN); Greater/Less are numpy's
/// maximum/minimum (NaN wins); comparisons give 1 or 0, and 0 when either side is NaN (numpy's <c>NaN &gt; 1</c> is
/// False), except Ne, which is 1 there (numpy's <c>NaN != 1</c> is True). And, Or, Not and If read any non-zero value as true and give NaN where an input is NaN (Qlib would treat
/// NaN as true there; a missing condition should not pass as a met one).
/// </summary>
public static class Elementwise
{
    public enum Binary { Add, Sub, Mul, Div, Pow, Greater, Less, Gt, Ge, Lt, Le, Eq, Ne, And, Or }
    public enum Unary { Neg, Abs, Sign, Log, Not }

    public static float Apply(Binary op, float a, float b) => op switch
    {
        Binary.Add => a + b,
        Binary.Sub => a - b,
        Binary.Mul => a * b,
        Binary.Div => a / b,
        Binary.Pow => MathF.Pow(a, b),
        Binary.Greater => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Max(a, b),
        Binary.Less => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Min(a, b),
        Binary.Gt => a > b ? 1f : 0f,
        Binary.Ge => a >= b ? 1f : 0f,
        Binary.Lt => a < b ? 1f : 0f,
        Binary.Le => a <= b ? 1f : 0f,
        Binary.Eq => a == b ? 1f : 0f,
        Binary.Ne => a != b ? 1f : 0f, // numpy: NaN != x is True
        Binary.And => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : a != 0 && b != 0 ? 1f : 0f,
        Binary.Or => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : a != 0 || b != 0 ? 1f : 0f,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static float Apply(Unary op, float a) => op switch
    {
        Unary.Neg => -a,
        Unary.Abs => Math.Abs(a),
        Unary.Sign => float.IsNaN(a) ? float.NaN : Math.Sign(a),
        Unary.Log => MathF.Log(a),
        Unary.Not => float.IsNaN(a) ? float.NaN : a == 0 ? 1f : 0f,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Unary op, ReadOnlySpan<float> a, Span<float> y)
    {
        switch (op)
        {
            case Unary.Neg: TensorPrimitives.Negate(a, y); break;
            case Unary.Abs: TensorPrimitives.Abs(a, y); break;
            // Vectorised natural log: the same IEEE special cases as MathF.Log (0 -> -inf, negative -> NaN, NaN -> NaN).
            case Unary.Log: TensorPrimitives.Log(a, y); break;
            default: for (var k = 0; k < a.Length; k++) y[k] = Apply(op, a[k]); break;
        }
    }

    /// <summary>Both operands are panels (or one of them a scalar broadcast, when the span has length 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Binary op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        var n = y.Length;
        bool sa = a.Length == 1 && n != 1, sb = b.Length == 1 && n != 1;
        if (!sa && !sb)
        {
            if (op <= Binary.Div && Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
            {
                VectorArithmetic(op, a, b, y);
                return;
            }
            if (op is Binary.Greater or Binary.Less && Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
            {
                VectorExtreme(op == Binary.Greater, a, b, y, scalar: false);
                return;
            }
            if (op is >= Binary.Gt and <= Binary.Ne && Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
            {
                VectorCompare(op, a, b, y, scalar: false);
                return;
            }
            switch (op)
            {
                case Binary.Add: for (var k = 0; k < n; k++) y[k] = a[k] + b[k]; return;
                case Binary.Sub: for (var k = 0; k < n; k++) y[k] = a[k] - b[k]; return;
                case Binary.Mul: for (var k = 0; k < n; k++) y[k] = a[k] * b[k]; return;
                case Binary.Div: for (var k = 0; k < n; k++) y[k] = a[k] / b[k]; return;
                default: for (var k = 0; k < n; k++) y[k] = Apply(op, a[k], b[k]); return;
            }
        }
        if (op is >= Binary.Gt and <= Binary.Ne && Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            // Compare panel against scalar with the scalar on the right: swap the sides (and mirror the operator) when it was on the left.
            var mirrored = !sa ? op : op switch { Binary.Gt => Binary.Lt, Binary.Ge => Binary.Le, Binary.Lt => Binary.Gt, Binary.Le => Binary.Ge, _ => op };
            VectorCompare(mirrored, sb ? a : b, sb ? b : a, y, scalar: true);
            return;
        }
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count && (op <= Binary.Div || op is Binary.Greater or Binary.Less))
        {
            // One panel and one scalar: the scalar is broadcast to a register once.
            if (op is Binary.Greater or Binary.Less) VectorExtreme(op == Binary.Greater, sb ? a : b, sb ? b : a, y, scalar: true);
            else VectorScalarArithmetic(op, sb ? a : b, sb ? b[0] : a[0], scalarLeft: sa, y);
            return;
        }
        if (sb)
        {
            var s = b[0];
            switch (op)
            {
                case Binary.Add: for (var k = 0; k < n; k++) y[k] = a[k] + s; return;
                case Binary.Sub: for (var k = 0; k < n; k++) y[k] = a[k] - s; return;
                case Binary.Mul: for (var k = 0; k < n; k++) y[k] = a[k] * s; return;
                case Binary.Div: for (var k = 0; k < n; k++) y[k] = a[k] / s; return;
                default: for (var k = 0; k < n; k++) y[k] = Apply(op, a[k], s); return;
            }
        }
        var r = a[0];
        switch (op)
        {
            case Binary.Add: for (var k = 0; k < n; k++) y[k] = r + b[k]; return;
            case Binary.Sub: for (var k = 0; k < n; k++) y[k] = r - b[k]; return;
            case Binary.Mul: for (var k = 0; k < n; k++) y[k] = r * b[k]; return;
            case Binary.Div: for (var k = 0; k < n; k++) y[k] = r / b[k]; return;
            default: for (var k = 0; k < n; k++) y[k] = Apply(op, r, b[k]); return;
        }
    }

    /// <summary>Add, Sub, Mul, Div of two panels in SIMD registers (IEEE results are the same as the scalar loop's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VectorArithmetic(Binary op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..a.Length]);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y[..a.Length]);
        switch (op)
        {
            case Binary.Add: for (var k = 0; k < vy.Length; k++) vy[k] = va[k] + vb[k]; break;
            case Binary.Sub: for (var k = 0; k < vy.Length; k++) vy[k] = va[k] - vb[k]; break;
            case Binary.Mul: for (var k = 0; k < vy.Length; k++) vy[k] = va[k] * vb[k]; break;
            default: for (var k = 0; k < vy.Length; k++) vy[k] = va[k] / vb[k]; break;
        }
        for (var k = vy.Length * Vector<float>.Count; k < y.Length; k++) y[k] = Apply(op, a[k], b[k]);
    }

    /// <summary>
    /// Add, Sub, Mul, Div of a panel <paramref name="p"/> and a scalar <paramref name="s"/> (on the left of the operator
    /// when <paramref name="scalarLeft"/>), in SIMD registers with the scalar loop's IEEE results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VectorScalarArithmetic(Binary op, ReadOnlySpan<float> p, float s, bool scalarLeft, Span<float> y)
    {
        var vp = MemoryMarshal.Cast<float, Vector<float>>(p[..y.Length]);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vs = new Vector<float>(s);
        switch (op)
        {
            case Binary.Add: for (var k = 0; k < vy.Length; k++) vy[k] = vp[k] + vs; break;
            case Binary.Mul: for (var k = 0; k < vy.Length; k++) vy[k] = vp[k] * vs; break;
            case Binary.Sub when scalarLeft: for (var k = 0; k < vy.Length; k++) vy[k] = vs - vp[k]; break;
            case Binary.Sub: for (var k = 0; k < vy.Length; k++) vy[k] = vp[k] - vs; break;
            case Binary.Div when scalarLeft: for (var k = 0; k < vy.Length; k++) vy[k] = vs / vp[k]; break;
            default: for (var k = 0; k < vy.Length; k++) vy[k] = vp[k] / vs; break;
        }
        for (var k = vy.Length * Vector<float>.Count; k < y.Length; k++) y[k] = scalarLeft ? Apply(op, s, p[k]) : Apply(op, p[k], s);
    }

    /// <summary>
    /// Greater (numpy's maximum) or Less (minimum) in SIMD registers: NaN where either side is NaN, otherwise the larger
    /// (smaller) value; <paramref name="b"/> is one scalar when <paramref name="scalar"/>. Both operators are symmetric,
    /// so the caller may pass the operands in either order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VectorExtreme(bool greater, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, bool scalar)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a[..y.Length]);
        var vb = scalar ? default : MemoryMarshal.Cast<float, Vector<float>>(b[..y.Length]);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vs = scalar ? new Vector<float>(b[0]) : default;
        var nan = new Vector<float>(float.NaN);
        for (var k = 0; k < vy.Length; k++)
        {
            var x = va[k];
            var z = scalar ? vs : vb[k];
            // The comparison picks the winner; any NaN operand (x != x) turns the lane into NaN.
            var pick = greater ? Vector.ConditionalSelect(Vector.GreaterThan(z, x), z, x) : Vector.ConditionalSelect(Vector.LessThan(z, x), z, x);
            // Equal values differ at most in the sign of zero: Math.Max gives +0 (the bits ANDed), Math.Min -0 (ORed).
            pick = Vector.ConditionalSelect(Vector.Equals(x, z), greater ? x & z : x | z, pick);
            var valid = Vector.Equals(x, x) & Vector.Equals(z, z);
            vy[k] = Vector.ConditionalSelect(valid, pick, nan);
        }
        var op = greater ? Binary.Greater : Binary.Less;
        for (var k = vy.Length * Vector<float>.Count; k < y.Length; k++) y[k] = Apply(op, a[k], scalar ? b[0] : b[k]);
    }

    /// <summary>
    /// Gt, Ge, Lt, Le, Eq, Ne in SIMD registers: 1 where the comparison holds, else 0 (IEEE: any comparison with NaN is
    /// false, so Ne is true there, as in numpy); <paramref name="b"/> is one scalar when <paramref name="scalar"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VectorCompare(Binary op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y, bool scalar)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a[..y.Length]);
        var vb = scalar ? default : MemoryMarshal.Cast<float, Vector<float>>(b[..y.Length]);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vs = scalar ? new Vector<float>(b[0]) : default;
        var one = Vector<float>.One;
        for (var k = 0; k < vy.Length; k++)
        {
            var x = va[k];
            var z = scalar ? vs : vb[k];
            var holds = op switch
            {
                Binary.Gt => Vector.GreaterThan(x, z),
                Binary.Ge => Vector.GreaterThanOrEqual(x, z),
                Binary.Lt => Vector.LessThan(x, z),
                Binary.Le => Vector.LessThanOrEqual(x, z),
                Binary.Eq => Vector.Equals(x, z),
                _ => ~Vector.Equals(x, z),
            };
            vy[k] = Vector.ConditionalSelect(holds, one, Vector<float>.Zero);
        }
        for (var k = vy.Length * Vector<float>.Count; k < y.Length; k++) y[k] = Apply(op, a[k], scalar ? b[0] : b[k]);
    }

    /// <summary>If(c, a, b): a where c is non-zero, b where c is zero, NaN where c is NaN. Spans of length 1 broadcast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void If(ReadOnlySpan<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        for (var k = 0; k < y.Length; k++)
        {
            var ck = c.Length == 1 ? c[0] : c[k];
            y[k] = float.IsNaN(ck) ? float.NaN : ck != 0 ? (a.Length == 1 ? a[0] : a[k]) : (b.Length == 1 ? b[0] : b[k]);
        }
    }
}
