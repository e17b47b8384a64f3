/// Compares a committed report with a freshly generated one: the text (words, table structure,
/// verdicts) must be identical; numbers must agree within `absolute + relative · max(|a|, |b|)`.
///
/// Default tolerance, and its reason: reports print 4 significant digits (relative 1e-3 is one unit
/// in the last printed place); values at rounding level (`|x| < 1e-5`, e.g. a Double gap of 1e-15 at
/// an attained bound) move with any reordering of a sum and carry no information beyond their
/// magnitude, hence the absolute part.
///
/// Rounding measurements: a number written `≈x` (``roundingMeasure(_:)``) is an error measured in
/// units of its tolerance (e.g. "worst |difference| in tolerances ≈1.9e-02"). Such a number is
/// rounding: a correct refactor (a reordered sum) moves it freely, from 0 to 1e-4 or by a factor of
/// ten, and what the report claims is only that it stays within tolerance. Two of them agree when
/// both are at most 1; otherwise they compare as numbers.
public enum ReportComparison {
    public static let absoluteTolerance = 1e-5
    public static let relativeTolerance = 1e-3

    /// `x` (an error over its tolerance) as a rounding measurement: `≈` and three significant digits.
    public static func roundingMeasure(_ x: Double) -> String { "≈" + format(x) }

    /// A piece of a line: text or a number.
    enum Token: Equatable {
        case text(String)
        case number(Double, String)
    }

    /// Splits a line into text and numbers (`-1.5`, `2e-3`, `1,000` is text `1` `,` `000`).
    static func tokens(_ line: Substring) -> [Token] {
        var out: [Token] = []
        var text = ""
        let chars = Array(line)
        var i = 0
        func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }
        while i < chars.count {
            let c = chars[i]
            let startsNumber = isDigit(c)
                || ((c == "-" || c == "+" || c == ".") && i + 1 < chars.count && isDigit(chars[i + 1])
                    && (i == 0 || !(chars[i - 1].isLetter || isDigit(chars[i - 1]) || chars[i - 1] == "_")))
            if startsNumber && (i == 0 || !(chars[i - 1].isLetter || chars[i - 1] == "_")) {
                var j = i + 1
                while j < chars.count && (isDigit(chars[j]) || chars[j] == ".") { j += 1 }
                if j + 1 < chars.count && (chars[j] == "e" || chars[j] == "E")
                    && (isDigit(chars[j + 1]) || ((chars[j + 1] == "-" || chars[j + 1] == "+") && j + 2 < chars.count && isDigit(chars[j + 2]))) {
                    j += 2
                    while j < chars.count && isDigit(chars[j]) { j += 1 }
                }
                let literal = String(chars[i..<j])
                if let v = Double(literal) {
                    if !text.isEmpty { out.append(.text(text)); text = "" }
                    out.append(.number(v, literal))
                    i = j
                    continue
                }
            }
            text.append(c)
            i += 1
        }
        if !text.isEmpty { out.append(.text(text)) }
        return out
    }

    /// The differences, one line of description each (empty when the reports agree).
    public static func differences(committed: String, generated: String,
                                   absolute: Double = absoluteTolerance, relative: Double = relativeTolerance) -> [String] {
        let a = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let b = generated.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for k in 0..<max(a.count, b.count) {
            let la = k < a.count ? a[k] : "<missing>"
            let lb = k < b.count ? b[k] : "<missing>"
            if la == lb { continue }
            let (ta, tb) = (tokens(la), tokens(lb))
            var same = ta.count == tb.count
            if same {
                var previous: Token? = nil
                for (x, y) in zip(ta, tb) {
                    defer { previous = x }
                    switch (x, y) {
                    case (.text(let s), .text(let t)) where s == t: continue
                    case (.number(let u, _), .number(let v, _))
                        where u == v || abs(u - v) <= absolute + relative * max(abs(u), abs(v)): continue
                    case (.number(let u, _), .number(let v, _)):
                        // A rounding measurement within tolerance on both sides (see the type's comment).
                        if case .text(let t)? = previous, t.hasSuffix("≈"), u <= 1, v <= 1, u >= 0, v >= 0 { continue }
                        same = false
                    default: same = false
                    }
                    if !same { break }
                }
            }
            if !same { out.append("line \(k + 1):\n- committed: \(la)\n+ generated: \(lb)") }
        }
        return out
    }
}
