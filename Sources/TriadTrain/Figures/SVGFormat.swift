import TriadCore

/// Text formatting for SVG output: numbers at a fixed precision (so figures are byte-identical across
/// runs and platforms) and XML escaping.
enum SVGFormat {
    /// `x` rounded half away from zero to `digits` decimals and written with exactly that many, e.g.
    /// `fixed(3.14159, digits: 2) == "3.14"`, `fixed(-0.004, digits: 2) == "0.00"` (no negative zero),
    /// `fixed(2, digits: 0) == "2"`.
    ///
    /// Precondition: `x` finite with `|x| < 4.6e9` and `0 <= digits <= 9`, so that `|x| · 10^digits`
    /// fits an `Int64` (figure coordinates and values are validated before they get here).
    static func fixed(_ x: Double, digits: Int) -> String {
        checkFormattable(x, digits: digits)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * Double(scale)).rounded(.toNearestOrAwayFromZero)
        let units = Int64(scaled)
        let integer = units / scale, fraction = units % scale
        let sign = (x < 0 && units != 0) ? "-" : ""
        guard digits > 0 else { return sign + String(integer) }
        let f = String(fraction)
        return sign + String(integer) + "." + String(repeating: "0", count: digits - f.count) + f
    }

    private static func checkFormattable(_ x: Double, digits: Int) {
        triadPrecondition(digits >= 0 && digits <= 9, "SVG digits", digits, "must be in 0...9")
        triadPrecondition(x.isFinite && abs(x) < 4.6e9, "SVG number", x, "must be finite and below 4.6e9 in magnitude")
    }

    /// `s` with the five XML special characters escaped (`&`, `<`, `>`, `"`, `'`) and the control
    /// characters XML 1.0 forbids (below U+0020 except tab, newline, carriage return) dropped, so it
    /// can stand in element text and in attribute values.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
