import Testing
import TriadCore
import TriadTestSupport

#if arch(x86_64) || arch(i386)
/// The most precise binary floating-point type of the platform, the reference of the precision checks.
typealias ObjectiveReference = Float80
#else
typealias ObjectiveReference = Double
#endif

/// Shared checks of the field's objectives (``DINOTerm``, ``IICTerm``, ``SCANTerm``,
/// ``BarlowTwinsTerm``): random weighted batches, central differences, the weighting identities and
/// the agreement across precisions.
enum ObjectiveCheck {
    /// A random weighted batch: `n` pairs over `c` clusters, logits `N(0, scale²)`, each view the
    /// logits plus `N(0, (scale/2)²)` (correlated views, as in training), weights uniform in
    /// `[0.05, 1]` normalised to sum 1, and pair `zeroAt` (when given) of weight exactly 0.
    static func randomBatch(n: Int, c: Int, scale: Double, zeroAt: Int? = nil,
                            using rng: inout TriadRandom) -> TermBatch<Double> {
        var l = Matrix<Double>.zeros(rows: n, columns: c), v = l
        for k in l.storage.indices {
            l.storage[k] = scale * rng.gaussian()
            v.storage[k] = l.storage[k] + scale / 2 * rng.gaussian()
        }
        var w = (0..<n).map { _ in rng.uniform(0.05, 1) }
        if let zeroAt { w[zeroAt] = 0 }
        let total = w.reduce(0, +)
        return TermBatch(logits: l, viewLogits: v, weights: w.map { $0 / total }, partition: nil)
    }

    /// A random batch of 2-6 pairs, 2-5 clusters, one of three logit scales, and (every third
    /// trial) one weight exactly 0.
    static func randomBatch(trial: Int, scales: [Double] = [0.5, 2, 4], using rng: inout TriadRandom) -> TermBatch<Double> {
        let n = 2 + Int(rng.next() % 5), c = 2 + Int(rng.next() % 4)
        let zero: Int? = trial % 3 == 0 ? Int(rng.next() % UInt64(n)) : nil
        return randomBatch(n: n, c: c, scale: scales[trial % scales.count], zeroAt: zero, using: &rng)
    }

    /// Central differences of `f` with respect to every logit of both views, step
    /// `h = 1e-6 · max(1, |x|)`.
    static func numericalGradient(_ batch: TermBatch<Double>, _ f: (TermBatch<Double>) -> Double)
        -> (logits: [Double], viewLogits: [Double])
    {
        func along(_ view: Bool) -> [Double] {
            (0..<(batch.count * batch.clusterCount)).map { k in
                let x = view ? batch.viewLogits.storage[k] : batch.logits.storage[k]
                let h = 1e-6 * max(1, abs(x))
                var plus = batch, minus = batch
                if view {
                    plus.viewLogits.storage[k] += h
                    minus.viewLogits.storage[k] -= h
                } else {
                    plus.logits.storage[k] += h
                    minus.logits.storage[k] -= h
                }
                return (f(plus) - f(minus)) / (2 * h)
            }
        }
        return (along(false), along(true))
    }

    /// Expects `gradient` to equal central differences of `f` within `absolute + relative · |.|`;
    /// returns the largest absolute difference.
    @discardableResult
    static func expectGradient(_ gradient: TermGradient<Double>, _ batch: TermBatch<Double>,
                               absolute: Double, relative: Double, _ what: String,
                               _ f: (TermBatch<Double>) -> Double,
                               sourceLocation: SourceLocation = #_sourceLocation) -> Double {
        let numeric = numericalGradient(batch, f)
        var worst = 0.0
        for (name, analytic, num) in [("l(x)", gradient.logits.storage, numeric.logits),
                                      ("l(x')", gradient.viewLogits.storage, numeric.viewLogits)] {
            for (k, (a, b)) in zip(analytic, num).enumerated() {
                #expect(isClose(a, b, absolute: absolute, relative: relative),
                        "\(what): ∂/∂\(name)[\(k)] analytic \(a) vs central \(b)", sourceLocation: sourceLocation)
                worst = max(worst, abs(a - b))
            }
        }
        return worst
    }

    /// `batch` with `pair` removed.
    static func dropping(_ pair: Int, from batch: TermBatch<Double>) -> TermBatch<Double> {
        let keep = (0..<batch.count).filter { $0 != pair }
        return TermBatch(logits: batch.logits.selectingRows(keep), viewLogits: batch.viewLogits.selectingRows(keep),
                         weights: keep.map { batch.weights[$0] }, partition: nil)
    }

    /// The batch converted to `T` (logits and weights through `Double`; a point interval each).
    static func converted<T: Real>(_ batch: TermBatch<Double>, to: T.Type) -> TermBatch<T> {
        TermBatch(logits: batch.logits.converted(to: T.self), viewLogits: batch.viewLogits.converted(to: T.self),
                  weights: batch.weights.map { T($0) }, partition: nil)
    }

    /// Value and gradient entries of `term` on `batch` in `T`, as `Double` midpoints, with the
    /// enclosures' bounds.
    static func evaluate<T: Real>(_ term: some ObjectiveTerm, _ batch: TermBatch<Double>, as: T.Type)
        -> [(mid: Double, lower: Double, upper: Double)]
    {
        let b = converted(batch, to: T.self)
        let g = term.gradient(b)
        let all = [term.value(b)] + g.logits.storage + g.viewLogits.storage
        return all.map { ($0.midpoint, $0.lowerBound, $0.upperBound) }
    }

    /// Float and Float80 agree with Double (value and every gradient entry) within
    /// `absolute + relative · |Double|`, each precision with its own tolerance; Interval encloses the
    /// reference value (Float80) and contains the Double value within Double's tolerance, and is not
    /// vacuous (width below `maxWidth · (1 + |value|)`). Returns the largest differences seen, for the log.
    @discardableResult
    static func expectPrecisions(_ term: some ObjectiveTerm, _ batch: TermBatch<Double>,
                                 float: (absolute: Double, relative: Double),
                                 double: (absolute: Double, relative: Double),
                                 maxWidth: Double, _ what: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) -> (float: Double, double: Double) {
        let d = evaluate(term, batch, as: Double.self)
        let f = evaluate(term, batch, as: Float.self)
        let r = evaluate(term, batch, as: ObjectiveReference.self)
        let iv = evaluate(term, batch, as: Interval.self)
        var worstFloat = 0.0, worstDouble = 0.0
        for k in d.indices {
            let entry = k == 0 ? "value" : "gradient entry \(k - 1)"
            #expect(isClose(f[k].mid, d[k].mid, absolute: float.absolute, relative: float.relative),
                    "\(what), \(entry): Float \(f[k].mid) vs Double \(d[k].mid)", sourceLocation: sourceLocation)
            #expect(isClose(r[k].mid, d[k].mid, absolute: double.absolute, relative: double.relative),
                    "\(what), \(entry): \(ObjectiveReference.self) \(r[k].mid) vs Double \(d[k].mid)",
                    sourceLocation: sourceLocation)
            worstFloat = max(worstFloat, abs(f[k].mid - d[k].mid))
            worstDouble = max(worstDouble, abs(r[k].mid - d[k].mid))
            // The enclosure contains the exact value. The Float80 reference is within its own rounding
            // of it: ~100 operations of unit roundoff 5e-20, amplified by up to 1/tau = 25 here, well
            // below 1e-16 relative; the Double value is within Double's tolerance.
            let refSlack = 1e-16 * (1 + abs(r[k].mid))
            #expect(iv[k].lower <= r[k].upper + refSlack && r[k].lower - refSlack <= iv[k].upper,
                    "\(what), \(entry): Interval [\(iv[k].lower), \(iv[k].upper)] misses the reference \(r[k].mid)",
                    sourceLocation: sourceLocation)
            let slack = double.absolute + double.relative * abs(d[k].mid)
            #expect(iv[k].lower - slack <= d[k].mid && d[k].mid <= iv[k].upper + slack,
                    "\(what), \(entry): Interval [\(iv[k].lower), \(iv[k].upper)] misses Double \(d[k].mid)",
                    sourceLocation: sourceLocation)
            #expect(iv[k].upper - iv[k].lower <= maxWidth * (1 + abs(d[k].mid)),
                    "\(what), \(entry): Interval [\(iv[k].lower), \(iv[k].upper)] wider than \(maxWidth) relative",
                    sourceLocation: sourceLocation)
        }
        return (worstFloat, worstDouble)
    }
}

extension ObjectiveCheck {
    /// The weighting identities every batch statistic must satisfy, on `batch` (pair 0 of positive
    /// weight): (1) splitting pair 0 into two copies of half its weight changes neither the value
    /// nor any other pair's gradient, and the copies' gradients sum to pair 0's; (2) appending a
    /// pair of weight 0 changes neither, and that pair's gradient is exactly 0. At equal weights (1)
    /// says that a weight of 2/n is the pair counted twice: the weighted statistics are the
    /// unweighted ones of the expanded batch. Reason for the tolerance: the two sides are the same
    /// sums with one term split in two or one exact zero added, so only rounding differs:
    /// `relative` of the largest entry, plus the same absolute.
    static func expectWeighting(_ term: some ObjectiveTerm, _ batch: TermBatch<Double>, relative: Double, _ what: String,
                                using rng: inout TriadRandom, sourceLocation: SourceLocation = #_sourceLocation) {
        let n = batch.count, c = batch.clusterCount
        let base = term.value(batch), g = term.gradient(batch)
        let scale = 1 + abs(base) + (g.logits.storage + g.viewLogits.storage).map(abs).max()!
        func close(_ a: Double, _ b: Double) -> Bool { isClose(a, b, absolute: relative * scale, relative: relative) }

        var split = batch
        split.weights[0] = batch.weights[0] / 2
        split = TermBatch(logits: Matrix(rows: n + 1, columns: c, storage: batch.logits.storage + batch.logits.row(0)),
                          viewLogits: Matrix(rows: n + 1, columns: c, storage: batch.viewLogits.storage + batch.viewLogits.row(0)),
                          weights: split.weights + [batch.weights[0] / 2], partition: nil)
        let vs = term.value(split), gs = term.gradient(split)
        #expect(close(vs, base), "\(what): pair 0 split in two halves: value \(vs) vs \(base)", sourceLocation: sourceLocation)
        for i in 0..<n {
            for y in 0..<c {
                let (l, v) = i == 0 ? (gs.logits[0, y] + gs.logits[n, y], gs.viewLogits[0, y] + gs.viewLogits[n, y])
                                    : (gs.logits[i, y], gs.viewLogits[i, y])
                #expect(close(l, g.logits[i, y]) && close(v, g.viewLogits[i, y]),
                        "\(what): split: ∂/∂[\(i), \(y)] \(l), \(v) vs \(g.logits[i, y]), \(g.viewLogits[i, y])",
                        sourceLocation: sourceLocation)
            }
        }

        let extraL = (0..<c).map { _ in 3 * rng.gaussian() }, extraV = (0..<c).map { _ in 3 * rng.gaussian() }
        let padded = TermBatch(logits: Matrix(rows: n + 1, columns: c, storage: batch.logits.storage + extraL),
                               viewLogits: Matrix(rows: n + 1, columns: c, storage: batch.viewLogits.storage + extraV),
                               weights: batch.weights + [0], partition: nil)
        let vp = term.value(padded), gp = term.gradient(padded)
        #expect(close(vp, base), "\(what): a pair of weight 0 appended: value \(vp) vs \(base)", sourceLocation: sourceLocation)
        for y in 0..<c {
            #expect(gp.logits[n, y] == 0 && gp.viewLogits[n, y] == 0,
                    "\(what): the pair of weight 0 has gradient \(gp.logits[n, y]), \(gp.viewLogits[n, y])",
                    sourceLocation: sourceLocation)
        }
        for i in 0..<n {
            for y in 0..<c {
                #expect(close(gp.logits[i, y], g.logits[i, y]) && close(gp.viewLogits[i, y], g.viewLogits[i, y]),
                        "\(what): zero pair appended: ∂/∂[\(i), \(y)] moved", sourceLocation: sourceLocation)
            }
        }
    }
}
