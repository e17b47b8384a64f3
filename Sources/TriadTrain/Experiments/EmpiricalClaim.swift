import TriadCore

/// One of the paper's empirical claims about the toy experiments (`Proofs/model.md` §7.6), with the
/// criterion we judge it by on the runs of a ``Reproduction``.
///
/// A claim is judged separately under each data protocol, on the per-method, per-data-set summaries
/// of that protocol (``MethodSummary``): the median held-out NMI over seeds and the most frequent
/// ``DiagnosedFailure``. Outcomes are bimodal (a run reaches the manifolds or it does not), so the
/// median, not the mean, says what most runs do: "recovers" / "does well" means median NMI >=
/// ``recoveredNMI`` (at least half the seeds reach 0.9); "fails" / "unrelated" means median NMI below
/// ``DiagnosisThresholds/lowNMI`` (0.5, see its documentation for what that separates). The
/// evidence gives the share of seeds that reach 0.9 with its Wilson 95% interval (``SuccessRate``)
/// and the distribution of diagnoses.
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

    /// NMI at or above which a run counts as a success, and a median as recovered.
    static let recoveredNMI = 0.9
    /// Median NMI below which the clusters count as unrelated to the manifolds.
    static let unrelatedNMI = DiagnosisThresholds.standard.lowNMI

    /// Judges the claim on `summaries` (method → data set → summary).
    func verdict(_ summaries: [MethodKind: [ToyDataKind: MethodSummary]]) -> Verdict? { judge(summaries) }

    /// The claims of `Proofs/model.md` §7.6, in its order.
    static let catalogue: [EmpiricalClaim] = [
        nmiClaim("E.GEDI", "GEDI recovers both datasets", method: .gedi,
                 criterion: "median NMI >= \(fmt(recoveredNMI)) on moons and on circles") { $0 >= recoveredNMI },
        nmiClaim("E.JEM", "JEM fails on both datasets", method: .jem,
                 criterion: "median NMI < \(fmt(unrelatedNMI)) on moons and on circles") { $0 < unrelatedNMI },
        EmpiricalClaim(
            id: "E.SWAV", statement: "SwAV solves moons but permutes half the labels on circles",
            criterion: "moons: median NMI >= \(fmt(recoveredNMI)); circles: median NMI < \(fmt(unrelatedNMI)) "
                + "and the most frequent diagnosis is permutation",
            methods: [.swav]
        ) { s in
            guard let moons = s[.swav]?[.moons], let circles = s[.swav]?[.circles] else { return nil }
            let ok = moons.medianNMI >= recoveredNMI && circles.medianNMI < unrelatedNMI
                && circles.commonFailure == .mode(.permutation)
            return Verdict(confirmed: ok, evidence: "moons \(moons.successText); circles \(circles.successText), "
                           + "diagnosed \(circles.distributionText)")
        },
        failureClaim("E.NOUNIF", "\"no unif\" collapses to one cluster", method: .noUnif, failure: .mode(.clusterCollapse)),
        nmiClaim("E.NOINV", "\"no inv\" gives labels unrelated to the manifolds", method: .noInv,
                 criterion: "median NMI < \(fmt(unrelatedNMI)) on moons and on circles") { $0 < unrelatedNMI },
        nmiClaim("E.NOGEN", "\"no gen\" does well in practice", method: .noGen,
                 criterion: "median NMI >= \(fmt(recoveredNMI)) on moons and on circles") { $0 >= recoveredNMI },
    ]

    static func fmt(_ x: Double) -> String { SVGFormat.fixed(x, digits: 2) }

    /// A claim that every data set's median NMI passes `test`.
    static func nmiClaim(_ id: String, _ statement: String, method: MethodKind, criterion: String,
                         _ test: @escaping @Sendable (Double) -> Bool) -> EmpiricalClaim {
        EmpiricalClaim(id: id, statement: statement, criterion: criterion, methods: [method]) { s in
            guard let byData = s[method], let moons = byData[.moons], let circles = byData[.circles] else { return nil }
            return Verdict(confirmed: test(moons.medianNMI) && test(circles.medianNMI),
                           evidence: "moons \(moons.successText), \(moons.distributionText); "
                               + "circles \(circles.successText), \(circles.distributionText)")
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
                           evidence: "moons \(moons.distributionText), \(moons.successText); "
                               + "circles \(circles.distributionText), \(circles.successText)")
        }
    }
}
