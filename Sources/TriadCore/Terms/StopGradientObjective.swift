/// An objective with parts computed *without gradient* — SwAV's and SeLa's Sinkhorn codes, DINO's
/// teacher and centre: its ``ObjectiveTerm/gradient(_:)`` treats those parts as constants, so it is not
/// the derivative of ``ObjectiveTerm/value(_:)``. It is the derivative of
/// ``value(_:targetsFrom:)`` in its first argument, at `reference == batch`: the value with the
/// no-gradient parts computed from `reference`. The gradient checks (`GRAD.TERMS`, `FIELD.GRAD`)
/// differentiate that.
public protocol StopGradientObjective: ObjectiveTerm {
    /// The value on `batch` with every no-gradient part (codes, teacher, centre) computed from
    /// `reference`; equals ``ObjectiveTerm/value(_:)`` when `reference` is `batch`.
    func value<T: Real>(_ batch: TermBatch<T>, targetsFrom reference: TermBatch<T>) -> T
}
