import Testing
import TriadCore
import TriadTestSupport
@testable import TriadCheck

/// The mutants of the field's objectives (not catalogued yet) are what their documentation says: a
/// value mutant changes the value on a generic weighted batch, a gradient mutant keeps the value
/// bit for bit and changes the gradient, an equivalent keeps both (the value within rounding).
@Suite("Objective mutants: value mutants change the value, gradient mutants only the gradient, equivalents neither")
struct ObjectiveMutantTests {
    enum Kind { case value, gradient, equivalent }

    static let variants: [(id: String, kind: Kind, reference: any ObjectiveTerm, variant: any ObjectiveTerm)] = [
        (DINOUncentredTeacherTerm.id, .value, try! DINOTerm(), DINOUncentredTeacherTerm()),
        (DINOTeacherGradientTerm.id, .gradient, try! DINOTerm(), DINOTeacherGradientTerm()),
        (DINOEntropyPlusKLTerm.id, .equivalent, try! DINOTerm(), DINOEntropyPlusKLTerm()),
        (IICAnchorMarginalsTerm.id, .value, IICTerm(), IICAnchorMarginalsTerm()),
        (IICDetachedViewTerm.id, .gradient, IICTerm(), IICDetachedViewTerm()),
        (IICOneSumJointTerm.id, .equivalent, IICTerm(), IICOneSumJointTerm()),
        (SCANFlippedEntropyTerm.id, .value, try! SCANTerm(), SCANFlippedEntropyTerm()),
        (SCANDetachedNeighbourTerm.id, .gradient, try! SCANTerm(), SCANDetachedNeighbourTerm()),
        (SCANBoundMinusKLTerm.id, .equivalent, try! SCANTerm(), SCANBoundMinusKLTerm()),
        (BarlowUnbiasedVarianceTerm.id, .value, try! BarlowTwinsTerm(), BarlowUnbiasedVarianceTerm()),
        (BarlowDetachedStatisticsTerm.id, .gradient, try! BarlowTwinsTerm(), BarlowDetachedStatisticsTerm()),
        (BarlowWeightedFrobeniusTerm.id, .equivalent, try! BarlowTwinsTerm(), BarlowWeightedFrobeniusTerm()),
    ]

    /// A weighted batch of 5 pairs over 3 clusters, views correlated with their anchors.
    static func batch(_ rng: inout TriadRandom) -> TermBatch<Double> {
        let n = 5, c = 3
        var l = Matrix<Double>.zeros(rows: n, columns: c), v = l
        for k in l.storage.indices {
            l.storage[k] = 2 * rng.gaussian()
            v.storage[k] = l.storage[k] + rng.gaussian()
        }
        let w = (0..<n).map { _ in rng.uniform(0.1, 1) }, total = w.reduce(0, +)
        return TermBatch(logits: l, viewLogits: v, weights: w.map { $0 / total }, partition: nil)
    }

    @Test("Each objective mutant behaves as documented on random weighted batches, and the ids are unique")
    func mutantsBehaveAsDocumented() {
        var rng = TestSeed.generator("Objective mutants", default: 351)
        #expect(Set(Self.variants.map(\.id)).count == Self.variants.count)
        // A mutant must be told apart on some batch, not on every one (a value mutant can coincide with the
        // reference where, say, the centre happens to be 0): differences are taken as the largest over 5 batches.
        let batches = (0..<5).map { _ in Self.batch(&rng) }
        for (id, kind, reference, variant) in Self.variants {
            var valueGap = 0.0, gradientGap = 0.0, valueScale = 0.0
            for b in batches {
                let v0 = reference.value(b), v1 = variant.value(b)
                let g0 = reference.gradient(b), g1 = variant.gradient(b)
                valueGap = max(valueGap, abs(v0 - v1))
                valueScale = max(valueScale, abs(v0))
                gradientGap = max(gradientGap, zip(g0.logits.storage + g0.viewLogits.storage, g1.logits.storage + g1.viewLogits.storage)
                    .map { abs($0 - $1) }.max()!)
            }
            switch kind {
            case .value:
                #expect(valueGap > 1e-6 * max(1, valueScale), "\(id): value unchanged on every batch (largest change \(valueGap))")
            case .gradient:
                #expect(valueGap == 0, "\(id): value changed")
                // Rounding in these gradients is ~1e-15; a real gradient bug moves some entry far more.
                #expect(gradientGap > 1e-6, "\(id): gradient unchanged (largest gap \(gradientGap))")
            case .equivalent:
                // Another operation order over ~100 O(1) terms: rounding only.
                #expect(valueGap <= 1e-13 * max(1, valueScale), "\(id): value changed by \(valueGap)")
                #expect(gradientGap == 0, "\(id): gradient changed")
            }
        }
    }

    @Test("The value mutants break what their documentation says: the uncentred DINO teacher lets a collapsed batch near 0; IIC's anchor marginals exceed log C; SCAN's flipped entropy prefers collapse; the unbiased variance keeps Barlow below -k/n²")
    func valueMutantsBreakTheStatedProperty() {
        // A batch collapsed onto cluster 0 (logits 20 e_0 on both views).
        var collapsed = Matrix<Double>.zeros(rows: 4, columns: 3)
        for i in 0..<4 { collapsed[i, 0] = 20 }
        let c = TermBatch(logits: collapsed, viewLogits: collapsed, partition: nil)
        #expect(DINOUncentredTeacherTerm().value(c) > -1e-6 && (try! DINOTerm()).value(c) <= -Double.log(3))
        // Anchors all on cluster 0, views all on cluster 1: KL(P || q ⊗ q) is huge, while the
        // symmetrised joint is ½(e_0 e_1ᵀ + e_1 e_0ᵀ), whose mutual information is log 2 <= log 3.
        var views = Matrix<Double>.zeros(rows: 4, columns: 3)
        for i in 0..<4 { views[i, 1] = 20 }
        let d = TermBatch(logits: collapsed, viewLogits: views, partition: nil)
        #expect(IICAnchorMarginalsTerm().value(d) > Double.log(3))
        // Predictions one-hot within 2e^-20 ≈ 4e-9 each: I within ~1e-7 of log 2.
        #expect(isClose(IICTerm().value(d), Double.log(2), absolute: 1e-6, relative: 0))
        // Balanced agreeing one-hot predictions against the collapsed batch.
        var balanced = Matrix<Double>.zeros(rows: 3, columns: 3)
        for i in 0..<3 { balanced[i, i] = 20 }
        let e = TermBatch(logits: balanced, viewLogits: balanced, partition: nil)
        let f = TermBatch(logits: collapsed.selectingRows([0, 1, 2]), viewLogits: collapsed.selectingRows([0, 1, 2]), partition: nil)
        #expect((try! SCANTerm()).value(e) > (try! SCANTerm()).value(f))
        #expect(SCANFlippedEntropyTerm().value(e) < SCANFlippedEntropyTerm().value(f))
        // Orthogonal views of large variance: the reference nears 0, the mutant stays below -k/n².
        let z = Matrix<Double>([[100, 100], [-100, 100], [100, -100], [-100, -100]])
        let g = TermBatch(logits: z, viewLogits: z, partition: nil)
        #expect((try! BarlowTwinsTerm()).value(g) > -1e-12 && BarlowUnbiasedVarianceTerm().value(g) < -2.0 / 16 + 1e-6)
    }
}
