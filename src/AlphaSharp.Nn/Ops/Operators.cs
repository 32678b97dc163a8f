namespace AlphaSharp.Nn;

/// <summary>Arithmetic operators on tensors (C# 14 extension operators): a + b, x * 0.5f, 1f - x, -x.</summary>
public static class TensorOperators
{
    extension(Tensor)
    {
        public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
        public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
        public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
        public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
        public static Tensor operator +(Tensor a, float s) => a.Add(s);
        public static Tensor operator -(Tensor a, float s) => a.Sub(s);
        public static Tensor operator *(Tensor a, float s) => a.Mul(s);
        public static Tensor operator /(Tensor a, float s) => a.Div(s);
        public static Tensor operator +(float s, Tensor a) => a.Add(s);
        public static Tensor operator -(float s, Tensor a) => a.RSub(s);
        public static Tensor operator *(float s, Tensor a) => a.Mul(s);
        public static Tensor operator /(float s, Tensor a) => a.RDiv(s);
        public static Tensor operator -(Tensor a) => a.Neg();
    }
}
