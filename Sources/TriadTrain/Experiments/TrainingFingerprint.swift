import Foundation
import TriadCore

/// The trainer's regression fingerprint: what a short GEDI run (``experiment``: 300 steps on moons,
/// seed 0, 200 held-out points) gives at its first ``horizon`` steps — the loss, the three weighted
/// terms and the largest gradient entry — and, as a coarse check only, the held-out NMI at the end.
/// `Reports/empirical.md` records it; `swift test` reruns it and compares.
///
/// Two ways to compare:
/// - **bit-exact** (`==`): the same binary must give the same bits twice (the determinism of
///   `triad reproduce`);
/// - **rounding-tolerant** (``violations(against:envelope:)``): a correct refactor of the loss or
///   trainer code (a reordered sum, the temperature folded into the prototypes) moves the run by
///   rounding only, and must pass; a real change must fail.
///
/// Why a tolerance, and which one. Training amplifies rounding: moving every initial parameter by
/// one ulp (the *rounding twin*, ``roundingEnvelope(of:twinSeeds:)``) changes the recorded numbers
/// (largest deviation over the quantities, in their scale) by about 5e-7 at step 1, up to 2e-5 by
/// step 10, 1e-4 at step 40, 3e-3 at step 50, 0.2 at step 100 and up to 1.4 by steps 250-300: past
/// step ~50 a correct refactor moves the run as much as a real change does (a reordered sum of the
/// prior's marginal moved the loss at step 200 from -1.541 to -1.312). So the fingerprint compares
/// only the first ``horizon`` = 10 steps, against ``safetyFactor`` = 8 times the envelope that three
/// twins give *now* (self-calibrating: the tolerance follows the code's own rounding growth). The
/// twin moves every parameter, so it bounds refactors that touch one term from above. Measured with
/// this rule when it was introduced (largest deviation, in envelopes): correct refactors pass — a
/// reordered marginal sum 0.5, the temperature folded into the prototypes 1.33, a fourth twin not
/// used for the envelope 1.55; real changes fail at step 1 — one sign flipped in the prior's logit
/// gradient 24, one sign flipped in the stacked logit gradient 1e4, `L_INV` × 1.01 4e3 (loss) and
/// 6e3 (`L_INV`), `lambda_GEN` 0.1 used for 1 1e4 (loss) and 2e7 (largest gradient entry). The
/// weakest catch (24 envelopes: a flipped entry of the tiny prior gradient at a near-uniform
/// marginal) is 3 times the tolerance; the worst correct refactor is 6 times below it.
/// The NMI after 300 steps is compared only to ``coarseNMITolerance`` (the twins' NMI spread over
/// 300 steps was 0.027): it catches a run that now clusters where it collapsed, nothing finer.
struct TrainingFingerprint: Sendable, Equatable {
    /// Steps compared (1 through `horizon`).
    static let horizon = 10
    /// The tolerance is this many rounding envelopes.
    static let safetyFactor = 8.0
    /// The final NMI's tolerance (coarse: rounding alone moved it by up to 0.027 over 300 steps).
    static let coarseNMITolerance = 0.1
    /// The quantities recorded at each step, in order.
    static let quantities = ["loss", "L_GEN", "L_INV", "L_PRIOR", "max|grad|"]

    /// The fingerprint run: GEDI's preset, 300 steps (recorded at every step: recording evaluates
    /// the loss but draws nothing, so it changes no number of the run), moons, seed 0, 200 held-out points.
    static var experiment: ToyExperiment {
        var c = ExperimentPresets.configuration(.gedi, seed: 0)
        c.iterations = 300
        c.recordEvery = 1
        return ToyExperiment(configuration: c, dataset: .moons, testCount: 200)
    }

    /// `steps[t - 1]` = the ``quantities`` at step `t`, for `t` in `1...horizon`.
    var steps: [[Double]]
    /// Held-out NMI at the end of the run.
    var nmi: Double

    /// The fingerprint of a run of ``experiment`` (or of a shorter run of its first ``horizon``
    /// steps, whose `nmi` is then not meaningful). Throws ``TriadError`` when a step is not recorded.
    init(_ result: ToyExperimentResult) throws {
        var steps: [[Double]] = []
        for t in 1...Self.horizon {
            guard let r = result.records.first(where: { $0.iteration == t }) else {
                throw TriadError("fingerprint step", t, "must be recorded (record every step)")
            }
            steps.append([r.loss, r.terms["L_GEN"] ?? 0, r.terms["L_INV"] ?? 0, r.terms["L_PRIOR"] ?? 0,
                          r.gradientMagnitude])
        }
        // The NMI as the line prints it (12 decimals), so a parsed line equals the fingerprint.
        self.init(steps: steps, nmi: Double(String(format: "%.12f", result.nmi)) ?? result.nmi)
    }

    init(steps: [[Double]], nmi: Double) {
        self.steps = steps
        self.nmi = nmi
    }

    /// The report's line: each step's quantities to 9 significant digits (exact for Float, so the
    /// line parses back bit for bit) and the NMI to 12 decimals.
    var line: String {
        "steps 1-\(Self.horizon) (" + Self.quantities.joined(separator: ", ") + "): "
            + steps.enumerated().map { t, q in
                "\(t + 1): " + q.map { String(format: "%.9g", $0) }.joined(separator: " ")
            }.joined(separator: "; ")
            + "; NMI after \(Self.experiment.configuration.iterations) steps \(String(format: "%.12f", nmi))"
    }

    /// Parses a ``line``. Throws ``TriadError`` naming what is malformed.
    init(line: String) throws {
        guard let colon = line.firstIndex(of: ":"), line.hasPrefix("steps 1-\(Self.horizon) (") else {
            throw TriadError("fingerprint line", line.prefix(40), "must start with \"steps 1-\(Self.horizon) (\"")
        }
        let parts = line[line.index(after: colon)...].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == Self.horizon + 1, let nmiText = parts.last?.split(separator: " ").last,
              let nmi = Double(nmiText) else {
            throw TriadError("fingerprint line", line.prefix(40), "must hold \(Self.horizon) steps and the NMI")
        }
        var steps: [[Double]] = []
        for (t, part) in parts.dropLast().enumerated() {
            let fields = part.split(separator: " ")
            // Every quantity is a Float widened to Double: 9 digits give back the Float exactly.
            let values = fields.dropFirst().compactMap { Float($0).map(Double.init) }
            guard fields.first == "\(t + 1):", values.count == Self.quantities.count else {
                throw TriadError("fingerprint step", part, "must be \"\(t + 1): \" and \(Self.quantities.count) numbers")
            }
            steps.append(values)
        }
        self.init(steps: steps, nmi: nmi)
    }

    /// How far `value` is from `reference`, in the quantity's own scale: relative to `|reference|`
    /// for the gradient entry, and to `max(|reference|, 1)` for the loss and terms (differences of
    /// log-sum-exps of O(1) logits: their rounding is absolute, even where the value cancels to ~0,
    /// as `L_GEN` does at the start).
    static func deviation(_ value: Double, from reference: Double, quantity q: Int) -> Double {
        let scale = q == quantities.count - 1 ? abs(reference) : max(abs(reference), 1)
        return scale == 0 ? (value == reference ? 0 : .infinity) : abs(value - reference) / scale
    }

    /// The rounding envelope of a fingerprint: `envelope[t - 1]` = the largest deviation of any
    /// quantity at any step `<= t` between ``experiment`` and its rounding twins (every initial
    /// parameter moved by one ulp, up or down by a stream seeded with each of `twinSeeds`), at least
    /// one Float ulp of 1 (2^-23). Runs each twin for ``horizon`` steps only.
    static func roundingEnvelope(of reference: TrainingFingerprint, twinSeeds: [UInt64] = [1, 2, 3]) throws -> [Double] {
        var short = experiment
        short.configuration.iterations = horizon
        var envelope = [Double](repeating: 0x1p-23, count: horizon)
        for seed in twinSeeds {
            let twin = try TrainingFingerprint(short.run(nudgeSeed: seed))
            for t in 0..<horizon {
                for q in quantities.indices {
                    envelope[t] = max(envelope[t], deviation(twin.steps[t][q], from: reference.steps[t][q], quantity: q))
                }
            }
        }
        for t in 1..<horizon { envelope[t] = max(envelope[t], envelope[t - 1]) }
        return envelope
    }

    /// Where `committed` differs from this fingerprint by more than ``safetyFactor`` rounding
    /// envelopes (or its NMI by more than ``coarseNMITolerance``), one line each; empty when it agrees.
    func violations(against committed: TrainingFingerprint, envelope: [Double]) -> [String] {
        var out: [String] = []
        for t in 0..<Self.horizon {
            for q in Self.quantities.indices {
                let d = Self.deviation(committed.steps[t][q], from: steps[t][q], quantity: q)
                let tolerance = Self.safetyFactor * envelope[t]
                if !(d <= tolerance) {
                    out.append("step \(t + 1) \(Self.quantities[q]): committed \(committed.steps[t][q]), now "
                               + "\(steps[t][q]) (deviation \(String(format: "%.3g", d)) > \(Self.safetyFactor) × rounding "
                               + "envelope \(String(format: "%.3g", envelope[t])) = \(String(format: "%.3g", d / envelope[t])) envelopes)")
                }
            }
        }
        if !(abs(committed.nmi - nmi) <= Self.coarseNMITolerance) {
            out.append("NMI: committed \(committed.nmi), now \(nmi) (differs by more than \(Self.coarseNMITolerance))")
        }
        return out
    }
}
