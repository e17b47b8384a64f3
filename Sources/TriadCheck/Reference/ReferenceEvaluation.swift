import TriadCore

/// Every quantity of the reference table on one world, computed in precision `T` by a ``TermSet``:
/// the head's logits, then each role's value, bound (through ``TermSet/evaluate(_:on:dataLaw:)``,
/// so the bounds under check are the set's) and gradient chained back to the world's logits.
///
/// `L_GEDI` is the set's objective at the world's weights `lambda` (``TermSet/gedi``, so an
/// ``TermSet/objectiveVariant`` is what is checked). The optional forms use `symmetrised` as the
/// symmetrised invariance term and Triad's ``PriorTerm`` with the world's `pi`.
public struct ReferenceEvaluation<T: Real> {
    public struct Quantity {
        public let value: T
        public let bound: T?
        public let gap: T?
        public let gradient: Matrix<T>
    }

    public let logits: Matrix<T>
    public let quantities: [ReferenceRole: Quantity]

    public init(_ world: ReferenceWorld, terms: TermSet,
                symmetrised: any ObjectiveTerm = InvarianceTerm(form: .symmetrised)) throws {
        var weighted = terms
        weighted.weights = world.weights
        let logits: Matrix<T> = world.logits(head: terms.head)
        let b = try world.batch(worldLogits: logits)
        let bounded = world.generativeIsBounded
        func quantity(_ term: any ObjectiveTerm, _ evaluated: BoundedValue<T>, hasBound: Bool = true) -> Quantity {
            Quantity(value: evaluated.value, bound: hasBound ? evaluated.bound : nil, gap: hasBound ? evaluated.gap : nil,
                     gradient: b.worldGradient(term.gradient(b.batch), worldSize: world.count))
        }
        var out: [ReferenceRole: Quantity] = [:]
        for (role, termRole) in [(ReferenceRole.generative, TermRole.generative), (.invariance, .invariance),
                                 (.prior, .prior), (.gedi, .gedi)] {
            let hasBound = bounded || termRole == .invariance || termRole == .prior
            out[role] = quantity(weighted.term(termRole), weighted.evaluate(termRole, on: b.batch, dataLaw: b.dataLaw),
                                 hasBound: hasBound)
        }
        out[.symmetrisedInvariance] = quantity(symmetrised, BoundedValue(value: symmetrised.value(b.batch),
                                                                         bound: InvarianceTerm.upperBound(as: T.self)))
        let pi = try PriorTerm(prior: world.prior)
        out[.nonUniformPrior] = quantity(pi, BoundedValue(value: pi.value(b.batch),
                                                          bound: pi.upperBound(clusterCount: world.clusterCount, as: T.self)))
        var symmetric = weighted
        symmetric.invariance = symmetrised
        out[.symmetrisedGEDI] = quantity(symmetric.gedi, symmetric.evaluate(.gedi, on: b.batch, dataLaw: b.dataLaw),
                                         hasBound: bounded)
        self.logits = logits
        self.quantities = out
    }
}
