/// An sRGB colour for SVG figures, written as `#rrggbb`.
struct SVGColor: Sendable, Equatable, CustomStringConvertible {
    let red: UInt8, green: UInt8, blue: UInt8

    init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// From a 24-bit value `0xRRGGBB`.
    init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, lower case.
    var description: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }

    static let black = SVGColor(hex: 0x000000)
    static let white = SVGColor(hex: 0xFFFFFF)
    static let gray = SVGColor(hex: 0x808080)

    /// The straight mix `(1 - t) · self + t · other` per channel, `t` clamped to `[0, 1]`, rounded to
    /// the nearest level.
    func mixed(with other: SVGColor, _ t: Double) -> SVGColor {
        let u = t.isNaN ? 0 : Swift.min(Swift.max(t, 0), 1)
        func ch(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) * (1 - u) + Double(b) * u).rounded())
        }
        return SVGColor(red: ch(red, other.red), green: ch(green, other.green), blue: ch(blue, other.blue))
    }

    /// The categorical palette for clusters and classes (the ten colours of Tableau 10, 2016 edition);
    /// index `i` takes colour `i mod 10`, negative indices wrap as well.
    static func categorical(_ index: Int) -> SVGColor {
        let palette: [UInt32] = [0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
                                 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC]
        let m = palette.count
        return SVGColor(hex: palette[((index % m) + m) % m])
    }

    /// The sequential colour map for heat maps, `t ∈ [0, 1]` (clamped; NaN gives the `t = 0` colour):
    /// piecewise-linear through the viridis colours at 0, 0.25, 0.5, 0.75, 1 (dark purple to yellow),
    /// monotone in lightness so order reads without a legend.
    static func sequential(_ t: Double) -> SVGColor {
        let anchors: [SVGColor] = [SVGColor(hex: 0x440154), SVGColor(hex: 0x3B528B), SVGColor(hex: 0x21918C),
                                   SVGColor(hex: 0x5EC962), SVGColor(hex: 0xFDE725)]
        let u = t.isNaN ? 0 : Swift.min(Swift.max(t, 0), 1) * Double(anchors.count - 1)
        let i = Swift.min(Int(u), anchors.count - 2)
        return anchors[i].mixed(with: anchors[i + 1], u - Double(i))
    }
}
