import TriadCore

/// One of the paper's empirical claims about the toy experiments (`Proofs/model.md` §7.6), with the
/// criterion we judge it by on the runs of a ``Reproduction``.
///
/// Criteria use the per-method, per-data-set summaries (``MethodSummary``): the mean held-out NMI
/// over seeds and the most frequent ``DiagnosedFailure``. The NMI bars: "recovers" / "does well"
/// means mean NMI >= ``recoveredNMI`` (the target 0.9); "fails" / "unrelated" means mean NMI
/// below ``DiagnosisThresholds/lowNMI`` (0.5, see its documentation for what that separates).
struct EmpiricalClaim: Sendable, Identifiable {
    let id: String
    /// The claim, in the paper's words (`Proofs/model.md` §7.6).
    let statement: String
    /// How we judge it, in words.
    let criterion: String
    /// The methods whose runs the claim needs.
    let methods: [MethodKind]
    /// Judges the claim; `nil` when a needed run is missing.
    let judge: @Sendable ([MethodKind: [ToyDataKind: MethodSummary]]) -> Verdict?

    /// The outcome with the figures that decided it.
    struct Verdict: Sendable, Equatable {
        var confirmed: Bool
        var evidence: String
    }

    /// Mean NMI at or above which a data set counts as recovered.
    static let recoveredNMI = 0.9
    /// Mean NMI below which the clusters count as unrelated to the manifolds.
    static let unrelatedNMI = DiagnosisThresholds.standard.lowNMI

    /// Judges the claim on `summaries` (method → data set → summary).
    func verdict(_ summaries: [MethodKind: [ToyDataKind: MethodSummary]]) -> Verdict? { judge(summaries) }

    /// The claims of `Proofs/model.md` §7.6, in its order.
    static let catalogue: [EmpiricalClaim] = [
        nmiClaim("E.GEDI", "GEDI recovers both datasets", method: .gedi,
                 criterion: "mean NMI >= \(fmt(recoveredNMI)) on moons and on circles") { $0 >= recoveredNMI },
        nmiClaim("E.JEM", "JEM fails on both datasets", method: .jem,
                 criterion: "mean NMI < \(fmt(unrelatedNMI)) on moons and on circles") { $0 < unrelatedNMI },
        EmpiricalClaim(
            id: "E.SWAV", statement: "SwAV solves moons but permutes half the labels on circles",
            criterion: "moons: mean NMI >= \(fmt(recoveredNMI)); circles: mean NMI < \(fmt(unrelatedNMI)) "
                + "and the most frequent diagnosis is permutation",
            methods: [.swav]
        ) { s in
            guard let moons = s[.swav]?[.moons], let circles = s[.swav]?[.circles] else { return nil }
            let ok = moons.meanNMI >= recoveredNMI && circles.meanNMI < unrelatedNMI
                && circles.commonFailure == .mode(.permutation)
            return Verdict(confirmed: ok, evidence: "moons \(moons.nmiText); circles \(circles.nmiText), "
                           + "diagnosed \(circles.failureText)")
        },
        failureClaim("E.NOUNIF", "\"no unif\" collapses to one cluster", method: .noUnif, failure: .mode(.clusterCollapse)),
        nmiClaim("E.NOINV", "\"no inv\" gives labels unrelated to the manifolds", method: .noInv,
                 criterion: "mean NMI < \(fmt(unrelatedNMI)) on moons and on circles") { $0 < unrelatedNMI },
        nmiClaim("E.NOGEN", "\"no gen\" does well in practice", method: .noGen,
                 criterion: "mean NMI >= \(fmt(recoveredNMI)) on moons and on circles") { $0 >= recoveredNMI },
    ]

    static func fmt(_ x: Double) -> String { SVGFormat.fixed(x, digits: 2) }

    /// A claim that every data set's mean NMI passes `test`.
    static func nmiClaim(_ id: String, _ statement: String, method: MethodKind, criterion: String,
                         _ test: @escaping @Sendable (Double) -> Bool) -> EmpiricalClaim {
        EmpiricalClaim(id: id, statement: statement, criterion: criterion, methods: [method]) { s in
            guard let byData = s[method], let moons = byData[.moons], let circles = byData[.circles] else { return nil }
            return Verdict(confirmed: test(moons.meanNMI) && test(circles.meanNMI),
                           evidence: "moons \(moons.nmiText), \(moons.failureText); "
                               + "circles \(circles.nmiText), \(circles.failureText)")
        }
    }

    /// A claim that the most frequent diagnosis on every data set is `failure`.
    static func failureClaim(_ id: String, _ statement: String, method: MethodKind,
                             failure: DiagnosedFailure) -> EmpiricalClaim {
        EmpiricalClaim(id: id, statement: statement,
                       criterion: "the most frequent diagnosis is \(failure) on moons and on circles",
                       methods: [method]) { s in
            guard let byData = s[method], let moons = byData[.moons], let circles = byData[.circles] else { return nil }
            return Verdict(confirmed: moons.commonFailure == failure && circles.commonFailure == failure,
                           evidence: "moons \(moons.failureText), \(moons.nmiText); "
                               + "circles \(circles.failureText), \(circles.nmiText)")
        }
    }
}
