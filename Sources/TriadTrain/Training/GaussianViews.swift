import TriadCore

/// The two augmented views of the baselines (`Proofs/model.md` §7.3): `x' = x + N(0, s²)` and
/// `x'' = x + N(0, s²)`, entrywise, independent — the same kernel as GEDI's view.
enum GaussianViews {
    /// `x + N(0, s²)` entrywise, one normal per entry in row order (``GaussianNoise``).
    static func view<T: TrainScalar>(of x: Matrix<T>, std s: Double, random: inout TriadRandom) -> Matrix<T> {
        var out = x
        out.storage.withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            GaussianNoise.fill(base, count: p.count, scale: s, adding: true, random: &random)
        }
        return out
    }

    /// Two independent views; random stream: the first view's normals, then the second's.
    static func pair<T: TrainScalar>(of x: Matrix<T>, std s: Double, random: inout TriadRandom)
        -> (Matrix<T>, Matrix<T>)
    {
        let a = view(of: x, std: s, random: &random)
        return (a, view(of: x, std: s, random: &random))
    }
}
