/// Invariant Information Clustering (X. Ji, J. F. Henriques, A. Vedaldi, "Invariant Information
/// Clustering for Unsupervised Image Classification and Segmentation", ICCV 2019) on a weighted batch,
/// maximised: the mutual information between the cluster assignments of the two views,
///
///     P = Σ_i a_i p(·|x_i) p(·|x'_i)ᵀ,   P <- (P + Pᵀ)/2          (C × C joint, symmetrised)
///     m_y = Σ_y' P_yy'                                            (its marginal, the same both ways)
///     L_IIC = I(P) = Σ_{y,y'} P_yy' [log P_yy' - log m_y - log m_y']
///
/// Numerics: `log P_yy' = LSE_{i, order}(log a_i + log p_y + log p'_y') - log 2` over the `2n`
/// products of both orders and `log m_y = LSE_y' log P_yy'`, so no entry underflows to 0 (for
/// finite logits `log P` is finite: some `a_i > 0`); an entry whose `log P` is `-inf` (only with
/// `-inf` logits) contributes `0 log 0 = 0`. A pair of weight 0 contributes nothing.
///
/// Gradient, through everything: with the pointwise mutual information
/// `G_yy' = log P_yy' - log m_y - log m_y'` (symmetric; the `-1` of `d(P log P)` cancels because
/// `Σ P = Σ a_i` is constant), `∂I/∂p(·|x_i) = a_i G p(·|x'_i)` and `∂I/∂p(·|x'_i) = a_i G p(·|x_i)`,
/// then through the softmax: `∂I/∂l_k = p_k (u_k - Σ_j p_j u_j)` for `u = ∂I/∂p`. `G` is finite
/// wherever `P > 0`, so no `inf · 0` arises.
///
/// **Bound.** `I(P) <= H(m) <= log C`. Equality `I(P) = log C` iff `m` is uniform and `H(m | m') = 0`,
/// i.e. iff `P = Π / C` for a symmetric permutation matrix `Π` (an involution `π` of the clusters:
/// `P_{y, π(y)} = 1/C`). At finite logits every entry of `P` is positive, so for `C >= 2` the bound is
/// strict; `log C` is approached iff `P -> Π/C`: every pair with `a_i > 0` gets one-hot predictions,
/// `y_i` on `x_i` and `π(y_i)` on `x'_i`, for one involution `π`, with `½ (M_y + M_π(y)) = 1/C` for
/// every cluster `y` (`M_y = Σ_{i: y_i = y} a_i`). It is the supremum iff the weights admit such a
/// split (with `π` the identity: the views agree and the `a`-mass splits into `C` equal parts, e.g.
/// equal weights and `C | n`). Caution: `π` need not be the identity; views that disagree
/// consistently (`C = 2`, `π` the swap: any single pair with `p = e_1`, `p' = e_2`) maximise it too.
/// `C = 1`: `I = 0 = log 1`.
public struct IICTerm: ObjectiveTerm {
    public init() {}

    public var name: String { "L_IIC" }

    /// `log P_yy'` of the symmetrised joint (`C × C`, exactly symmetric: each entry is computed once
    /// and mirrored).
    @inlinable public static func logJoint<T: Real>(_ batch: TermBatch<T>) -> Matrix<T> {
        let lp = batch.logits.rowLogSoftmax(), lv = batch.viewLogits.rowLogSoftmax()
        let la = TermBatch<T>.logWeights(batch.weights)
        let c = batch.clusterCount, logTwo = T.log(T(2))
        var out = Matrix<T>.zeros(rows: c, columns: c)
        var terms = [T]()
        terms.reserveCapacity(2 * batch.count)
        for y in 0..<c {
            for z in y..<c {
                terms.removeAll(keepingCapacity: true)
                for i in 0..<batch.count {
                    terms.append(la[i] + lp[i, y] + lv[i, z])
                    terms.append(la[i] + lv[i, y] + lp[i, z])
                }
                let v = logSumExp(terms) - logTwo
                out[y, z] = v
                out[z, y] = v
            }
        }
        return out
    }

    /// `log m_y = LSE_y' log P_yy'`.
    @inlinable public static func logMarginal<T: Real>(logJoint lj: Matrix<T>) -> [T] {
        (0..<lj.rows).map { y in logSumExp(lj.row(y)) }
    }

    /// The pointwise mutual information `G_yy' = log P_yy' - log m_y - log m_y'`, set to 0 where
    /// `P_yy' = 0` exactly (`-inf` logits only), where it multiplies only zeros.
    @inlinable public static func pointwiseInformation<T: Real>(logJoint lj: Matrix<T>) -> Matrix<T> {
        let lm = logMarginal(logJoint: lj)
        var g = lj
        for y in 0..<lj.rows {
            for z in 0..<lj.columns {
                g[y, z] = lj[y, z].upperBound == -Double.infinity ? T.zero : lj[y, z] - lm[y] - lm[z]
            }
        }
        return g
    }

    @inlinable public func value<T: Real>(_ batch: TermBatch<T>) -> T {
        let lj = Self.logJoint(batch)
        let g = Self.pointwiseInformation(logJoint: lj)
        var total = T.zero
        for k in lj.storage.indices where lj.storage[k].upperBound > -Double.infinity {
            total += T.exp(lj.storage[k]) * g.storage[k]
        }
        return total
    }

    @inlinable public func gradient<T: Real>(_ batch: TermBatch<T>) -> TermGradient<T> {
        let g = Self.pointwiseInformation(logJoint: Self.logJoint(batch))
        let p = batch.logits.rowSoftmax(), pv = batch.viewLogits.rowSoftmax()
        let c = batch.clusterCount
        var out = TermGradient(zeroFor: batch)
        var u = [T](repeating: T.zero, count: c), uv = u
        for i in 0..<batch.count where !(batch.weights[i].upperBound == 0) {
            for y in 0..<c {
                var s = T.zero, sv = T.zero
                for z in 0..<c {
                    s += g[y, z] * pv[i, z]
                    sv += g[y, z] * p[i, z]
                }
                u[y] = batch.weights[i] * s
                uv[y] = batch.weights[i] * sv
            }
            var mean = T.zero, meanV = T.zero
            for y in 0..<c {
                mean += p[i, y] * u[y]
                meanV += pv[i, y] * uv[y]
            }
            for y in 0..<c {
                out.logits[i, y] = p[i, y] * (u[y] - mean)
                out.viewLogits[i, y] = pv[i, y] * (uv[y] - meanV)
            }
        }
        return out
    }

    /// The upper bound `log C` (see the type's documentation for when it is the supremum).
    public static func upperBound<T: Real>(clusterCount c: Int, as: T.Type = T.self) -> T { T.log(T(c)) }
}
