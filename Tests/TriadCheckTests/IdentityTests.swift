import Testing
import TriadCheck
import TriadCore
import TriadTestSupport

/// The identities the bound proofs rest on (Proofs/bounds.md), on random worlds:
/// `gap_GEN = KL(p || p_Theta)`, `gap_PRIOR = KL(uniform || q)`, `CE = H + KL`, `p(y|x)` is the
/// conditional of the energy model's joint, and Eq. 11 for the gradient of the exact `L_GEN`.
@Suite("Identities: gaps are KL divergences; p(y|x) is the joint's conditional; Eq. 11")
struct IdentityTests {
    static func checks(_ name: String) -> IdentityChecks {
        let settings = TestSeed.settings(seed: 21, cases: 300)
        print("[\(name)] seed \(settings.seed) — replay: TRIAD_SEED=\(settings.seed) swift test --filter '\(name)'")
        return IdentityChecks(settings: settings)
    }

    static func expectHolds(_ o: IdentityChecks.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.holds, "\(o.failures.count) failures; first: \(o.failures.first ?? "")", sourceLocation: sourceLocation)
        print("  evidence: \(o.evidence)")
    }

    @Test("gap_GEN = KL(p || p_Theta) and gap_PRIOR = KL(uniform || q) on 300 random worlds (Double)")
    func gapsAreDivergences() throws { Self.expectHolds(try Self.checks("gapsAreDivergences").gapsAreDivergences()) }

    @Test("CE(a, b) = H(a) + KL(a || b) on random laws, including zeros in a")
    func crossEntropyDecomposes() throws { Self.expectHolds(try Self.checks("crossEntropyDecomposes").crossEntropyDecomposes()) }

    @Test("p(y|x) = p(x, y) / p_Theta(x) with the joint exp(l_y(x)) / Gamma summing to 1 over the world")
    func conditionalOfJoint() throws { Self.expectHolds(try Self.checks("conditionalOfJoint").conditionalOfJoint()) }

    @Test("Eq. 11: identity gradient and term gradient agree with central differences (1e-6 relative plus rounding)")
    func energyGradient() throws { Self.expectHolds(try Self.checks("energyGradient").energyGradient()) }

    @Test("The identity checks can fail: a generative term with the partition over the data is caught")
    func detectsWrongPartition() throws {
        let mutant = try #require(MutantCatalogue.variant("partition-over-data"))
        let checks = IdentityChecks(terms: mutant.terms, cases: 40, seed: 3)
        #expect(!(try checks.gapsAreDivergences().holds))
        #expect(!(try checks.energyGradient().holds))
    }
}
