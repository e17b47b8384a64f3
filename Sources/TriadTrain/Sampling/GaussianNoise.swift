import Glibc
import TriadCore

/// Standard normal draws for the trainer's noise (augmentation, SGLD), from ``TriadRandom``.
///
/// Box-Muller on pairs, *both* values used: `r = sqrt(-2 log u1)`, `(r cos 2πu2, r sin 2πu2)`,
/// with `u1 ∈ (0, 1)` (a zero draw is redrawn) and `u2 ∈ [0, 1)`; computed in `Double`, then
/// rounded to the target precision. Consumes two `nextUnit()` per pair (plus redraws), so a seed
/// replays the stream. (TriadCore's ``TriadRandom/gaussian()`` discards the second value; the
/// trainer draws ~2 000 normals per step and takes both.)
enum GaussianNoise {
    /// Writes `count` standard normal draws times `scale` to `out[0 ..< count]` (`+=` when
    /// `adding`).
    static func fill<T: TrainScalar>(_ out: UnsafeMutablePointer<T>, count: Int, scale: Double,
                                             adding: Bool, random: inout TriadRandom) {
        var i = 0
        while i < count {
            var u1 = random.nextUnit()
            while u1 == 0 { u1 = random.nextUnit() }
            let u2 = random.nextUnit()
            let r = (-2 * log(u1)).squareRoot() * scale
            let angle = 2 * Double.pi * u2
            let pair = (r * cos(angle), r * sin(angle))
            if adding { out[i] += T(pair.0) } else { out[i] = T(pair.0) }
            if i + 1 < count {
                if adding { out[i + 1] += T(pair.1) } else { out[i + 1] = T(pair.1) }
            }
            i += 2
        }
    }
}
