import Glibc
import TriadCore

extension FieldObjective {
    /// The logistic function `1 / (1 + e^-x)`.
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Two clusters, two pairs of weight ½: the anchors' logits `rows`, the views' `views`.
    static func pairBatch(_ rows: [[Double]], _ views: [[Double]]) -> TermBatch<Double> {
        TermBatch(logits: Matrix(rows), viewLogits: Matrix(views), partition: nil)
    }

    /// The closed-form batches of `Proofs/field.md`: constant logits `l = (1, -0.5)` on every point and view;
    /// the mirror pair `(d, -d), (-d, d)` with equal views; the same with the views swapped; `d = 0.3`.
    static let constantLogits = [1.0, -0.5], mirror = 0.3
    static var constantBatch: TermBatch<Double> { pairBatch([constantLogits, constantLogits], [constantLogits, constantLogits]) }
    static var mirrorBatch: TermBatch<Double> { pairBatch([[mirror, -mirror], [-mirror, mirror]], [[mirror, -mirror], [-mirror, mirror]]) }
    static var swappedBatch: TermBatch<Double> { pairBatch([[mirror, -mirror], [-mirror, mirror]], [[-mirror, mirror], [mirror, -mirror]]) }

    /// `(1/C) Σ_y log softmax(l / t)_y` for the constant logits: the cross-entropy of a uniform target.
    static func uniformTargetValue(temperature t: Double) -> Double {
        let l = constantLogits.map { $0 / t }
        let lse = logSumExp(l)
        return l.map { $0 - lse }.reduce(0, +) / Double(l.count)
    }

    /// `a log b + (1 - a) log(1 - b)` with `a = σ(x)`, `b = σ(y)`: a two-cluster cross term.
    static func crossTerm(target x: Double, source y: Double) -> Double {
        sigmoid(x) * log(sigmoid(y)) + sigmoid(-x) * log(sigmoid(-y))
    }

    static let dinoSource = "Caron et al., \"Emerging Properties in Self-Supervised Vision Transformers\" (DINO), §3.1"
    static let iicSource = "Ji et al., \"Invariant Information Clustering\", §3.1"
    static let scanSource = "Van Gansbeke et al., \"SCAN: Learning to Classify Images without Labels\", §2.2"
    static let barlowSource = "Zbontar et al., \"Barlow Twins\", §2"

    /// DINO at the fixed point of its moving averages (teacher = student weights, centre = batch mean).
    static func dino() -> FieldObjective {
        let term = try! DINOTerm()
        let ts = DINOTerm.defaultStudentTemperature, tt = DINOTerm.defaultTeacherTemperature, d = mirror
        var o = FieldObjective(
            id: "dino", name: "DINO (centred, sharpened teacher; τ_s = \(ts), τ_t = \(tt))", term: term,
            supremum: .derived(formula: "0", claim: "FIELD.DINO.SUP") { _ in 0 },
            gapBounds: [.representationalCollapse: GapBound(formula: "log C", claim: "FIELD.DINO.FM1") { w, _ in log(Double(w.clusterCount)) }],
            literature: [
                LiteratureClaim(mode: .representationalCollapse, verdict: .penalises,
                                statement: "centring with sharpening avoids collapse", source: dinoSource),
                LiteratureClaim(mode: .clusterCollapse, verdict: .penalises,
                                statement: "centring prevents one dimension from dominating", source: dinoSource),
            ],
            roundingAmplification: ts / tt * 10, expected: [.representationalCollapse: .penalises, .clusterCollapse: .penalises, .permutation: .penalises])
        o.exactValues = [
            ExactValue("constant logits: uniform teacher", batch: constantBatch, expected: uniformTargetValue(temperature: ts)),
            ExactValue("mirror pair, equal views: centre 0", batch: mirrorBatch, expected: crossTerm(target: 2 * d / tt, source: 2 * d / ts)),
            ExactValue("mirror pair, swapped views", batch: swappedBatch, expected: crossTerm(target: -2 * d / tt, source: 2 * d / ts)),
        ]
        return o
    }

    /// IIC: the mutual information of the two views' cluster assignments.
    static func iic() -> FieldObjective {
        let s = sigmoid(2 * mirror), a = (s * s + (1 - s) * (1 - s)) / 2, b = s * (1 - s)
        var o = FieldObjective(
            id: "iic", name: "IIC (mutual information of the views' clusters)", term: IICTerm(),
            supremum: .derived(formula: "log C", claim: "FIELD.IIC.SUP") { w in log(Double(w.clusterCount)) },
            gapBounds: [.representationalCollapse: GapBound(formula: "log C", claim: "FIELD.IIC.FM1") { w, _ in log(Double(w.clusterCount)) },
                        .clusterCollapse: GapBound(formula: "log C - h(eps) - eps log(C-1)", claim: "FIELD.IIC.FM2") { w, logEps in
                            collapsedEntropyGap(clusters: w.clusterCount, logEps: logEps)
                        }],
            literature: [LiteratureClaim(mode: .clusterCollapse, verdict: .penalises,
                                         statement: "the marginal entropy inside the mutual information avoids degenerate clusterings",
                                         source: iicSource)],
            expected: [.representationalCollapse: .penalises, .clusterCollapse: .penalises, .permutation: .penalises])
        o.exactValues = [
            ExactValue("constant logits: independent assignments", batch: constantBatch, expected: 0),
            ExactValue("mirror pair, equal views", batch: mirrorBatch, expected: 2 * a * log(4 * a) + 2 * b * log(4 * b)),
            ExactValue("mirror pair, swapped views: the same (a cluster pairing)", batch: swappedBatch,
                       expected: 2 * a * log(4 * a) + 2 * b * log(4 * b)),
            ExactValue("anchors alike, views split: the views' marginal differs from the anchors'",
                       batch: pairBatch([[mirror, -mirror], [mirror, -mirror]], [[mirror, -mirror], [-mirror, mirror]]),
                       expected: { () -> Double in
                           let m1 = s / 2 + 0.25, m2 = 0.75 - s / 2
                           return s / 2 * log(s / 2 / (m1 * m1)) + (1 - s) / 2 * log((1 - s) / 2 / (m2 * m2)) + 0.5 * log(0.25 / (m1 * m2))
                       }()),
        ]
        return o
    }

    /// `log C - H_max(eps)` with `H_max(eps) = h(eps) + eps log(C - 1)` the largest entropy of a
    /// distribution with one entry at least `1 - eps` (for `1 - eps >= 1/C`); 0 otherwise.
    static func collapsedEntropyGap(clusters c: Int, logEps: Double) -> Double {
        let cc = Double(c), eps = exp(logEps)
        guard 1 - eps > 1 / cc else { return 0 }
        let h = logEps == -.infinity ? 0 : -eps * logEps - (1 - eps) * log1p(-eps)
        return log(cc) - h - eps * log(cc - 1)
    }

    /// SCAN: agreement of each input with its view plus `w` times the entropy of the marginal.
    static func scan() -> FieldObjective {
        let term = try! SCANTerm()
        let w = term.entropyWeight, s = sigmoid(2 * mirror)
        var o = FieldObjective(
            id: "scan", name: "SCAN (agreement + \(LandscapeSetting.number(w)) × marginal entropy)", term: term,
            supremum: .derived(formula: "w log C", claim: "FIELD.SCAN.SUP") { world in w * log(Double(world.clusterCount)) },
            gapBounds: [.clusterCollapse: GapBound(formula: "w (log C - h(eps) - eps log(C-1))", claim: "FIELD.SCAN.FM2") { world, logEps in
                w * collapsedEntropyGap(clusters: world.clusterCount, logEps: logEps)
            }],
            literature: [LiteratureClaim(mode: .clusterCollapse, verdict: .penalises,
                                         statement: "the entropy term avoids assigning every input to one cluster", source: scanSource)],
            expected: [.representationalCollapse: .penalises, .clusterCollapse: .penalises, .permutation: .penalises])
        let p = softmaxPair(constantLogits)
        o.exactValues = [
            ExactValue("constant logits", batch: constantBatch,
                       expected: log(p.0 * p.0 + p.1 * p.1) - w * (p.0 * log(p.0) + p.1 * log(p.1))),
            ExactValue("mirror pair, equal views", batch: mirrorBatch, expected: log(s * s + (1 - s) * (1 - s)) + w * log(2)),
            ExactValue("mirror pair, swapped views", batch: swappedBatch, expected: log(2 * s * (1 - s)) + w * log(2)),
        ]
        return o
    }

    static func softmaxPair(_ l: [Double]) -> (Double, Double) { (sigmoid(l[0] - l[1]), sigmoid(l[1] - l[0])) }

    /// Barlow Twins on the logits read as the embedding (the trainer's 2-D embedding, clusters = argmax).
    static func barlow() -> FieldObjective {
        let term = try! BarlowTwinsTerm()
        let lambda = term.offDiagonalWeight, eps = term.epsilon, d = mirror
        let c = d * d / (d * d + eps)
        var o = FieldObjective(
            id: "barlow", name: "Barlow Twins (on the logits, λ = \(lambda))", term: term, supremum: .searched,
            literature: [LiteratureClaim(mode: .representationalCollapse, verdict: .penalises,
                                         statement: "redundancy reduction naturally avoids collapse", source: barlowSource)],
            trainerMethod: "barlow", expected: [.representationalCollapse: .penalises, .clusterCollapse: .admits, .permutation: .penalises])
        o.exactValues = [
            ExactValue("constant logits: every normalised dimension 0, C = 0", batch: constantBatch, expected: -2),
            ExactValue("mirror pair, equal views", batch: mirrorBatch, expected: -(2 * (1 - c) * (1 - c) + 2 * lambda * c * c)),
            ExactValue("mirror pair, swapped views", batch: swappedBatch, expected: -(2 * (1 + c) * (1 + c) + 2 * lambda * c * c)),
        ]
        return o
    }
}

extension FieldObjective {
    static let swavSource = "Caron et al., \"Unsupervised Learning of Visual Features by Contrasting Cluster Assignments\" (SwAV), §3.1"
    static let selaSource = "Asano et al., \"Self-labelling via simultaneous clustering and representation learning\", §3"

    /// SwAV's swapped prediction against Sinkhorn-Knopp codes.
    static func swav() -> FieldObjective {
        let term = SwAVTerm()
        let t = term.temperature, eps = term.sinkhorn.epsilon, d = mirror
        var o = FieldObjective(
            id: "swav", name: "SwAV (swapped prediction, Sinkhorn codes; T = \(t), eps = \(eps), \(term.sinkhorn.iterations) iterations)",
            term: term, supremum: .derived(formula: "0", claim: "FIELD.SWAV.SUP") { _ in 0 },
            gapBounds: [.representationalCollapse: GapBound(formula: "log C", claim: "FIELD.SWAV.FM1") { w, _ in log(Double(w.clusterCount)) }],
            literature: [
                LiteratureClaim(mode: .permutation, verdict: .admits,
                                statement: "SwAV admits the permutation failure mode (it permutes half the labels on circles)",
                                source: paper + ", §2 and Table 2"),
                LiteratureClaim(mode: .clusterCollapse, verdict: .penalises,
                                statement: "the equipartition of the codes avoids the trivial solution of one code for every input",
                                source: swavSource),
            ],
            trainerMethod: "swav", roundingAmplification: 1 / eps, expected: [.representationalCollapse: .penalises, .clusterCollapse: .penalises, .permutation: .penalises])
        o.exactValues = [
            ExactValue("constant scores: uniform codes", batch: constantBatch, expected: uniformTargetValue(temperature: t)),
            ExactValue("mirror pair, equal views", batch: mirrorBatch, expected: crossTerm(target: 2 * d / eps, source: 2 * d / t)),
            ExactValue("mirror pair, swapped views: each code predicts the other view", batch: swappedBatch,
                       expected: crossTerm(target: 2 * d / eps, source: -2 * d / t)),
        ]
        return o
    }

    /// Self-labelling (SeLa, DeepCluster-v2 style): each input's own Sinkhorn codes as its targets.
    static func sela() -> FieldObjective {
        let term = SelfLabellingTerm()
        let t = term.temperature, eps = term.sinkhorn.epsilon, d = mirror
        var o = FieldObjective(
            id: "sela", name: "SeLa (own Sinkhorn codes as targets; T = \(t), eps = \(eps), \(term.sinkhorn.iterations) iterations)",
            term: term, supremum: .derived(formula: "0", claim: "FIELD.SELA.SUP") { _ in 0 },
            gapBounds: [.representationalCollapse: GapBound(formula: "log C", claim: "FIELD.SELA.FM1") { w, _ in log(Double(w.clusterCount)) }],
            literature: [LiteratureClaim(mode: .clusterCollapse, verdict: .penalises,
                                         statement: "the equipartition constraint avoids degenerate solutions", source: selaSource)],
            roundingAmplification: 1 / eps, expected: [.representationalCollapse: .penalises, .clusterCollapse: .penalises, .permutation: .admits])
        o.exactValues = [
            ExactValue("constant scores: uniform codes", batch: constantBatch, expected: uniformTargetValue(temperature: t)),
            ExactValue("mirror pair, equal views", batch: mirrorBatch, expected: crossTerm(target: 2 * d / eps, source: 2 * d / t)),
            ExactValue("mirror pair, swapped views: the same (own codes)", batch: swappedBatch,
                       expected: crossTerm(target: 2 * d / eps, source: 2 * d / t)),
        ]
        return o
    }
}
