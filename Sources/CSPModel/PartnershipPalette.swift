import CSPCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A colour as csp.yaml gives it, `#RRGGBB`.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) { self.red = red; self.green = green; self.blue = blue }

    /// `#1D4F91` or `1D4F91` (any case); nil for anything else.
    public init?(hex text: String) {
        var s = Substring(text.trimmingSpaces)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6, s.allSatisfy(\.isHexDigit), let v = UInt32(s, radix: 16) else { return nil }
        self.init(red: UInt8(v >> 16 & 0xFF), green: UInt8(v >> 8 & 0xFF), blue: UInt8(v & 0xFF))
    }

    public var description: String {
        "#" + [red, green, blue].map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }

    /// WCAG 2.1's relative luminance.
    public var luminance: Double {
        0.2126 * RGB.linear(red) + 0.7152 * RGB.linear(green) + 0.0722 * RGB.linear(blue)
    }

    /// An sRGB channel as linear light.
    static func linear(_ c: UInt8) -> Double {
        let v = Double(c) / 255
        return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }

    /// WCAG 2.1's contrast ratio against white paper, from 1 (white) to 21 (black).
    public var contrastOnWhite: Double { 1.05 / (luminance + 0.05) }

    /// How different two colours look: the distance in CIELAB (CIE76 ΔE). About 2 is the least
    /// difference most people see side by side; under 20, two series of a chart are easily
    /// mistaken for each other.
    public func difference(from other: RGB) -> Double {
        let a = lab, b = other.lab
        return ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
    }

    var lab: (Double, Double, Double) {
        let r = RGB.linear(red), g = RGB.linear(green), b = RGB.linear(blue)
        // sRGB → XYZ (D65), then XYZ → L*a*b*.
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }
}

/// `palette:` in csp.yaml: the partnership's colours. Each is optional; what is missing keeps
/// the report's own (the UK Government Analysis Function palette).
public struct PartnershipPalette: Hashable, Sendable {
    /// Headings, rules, the cover and table headers: it is read as text, so it must be dark
    /// enough on white.
    public var primary: RGB?
    /// The first colour of every chart (a chart of one series is drawn in it).
    public var accent: RGB?
    /// An area's colour, by the area's name as csp.yaml's areas: list spells it; used where a
    /// chart's series are the areas.
    public var areas: [String: RGB]

    public init(primary: RGB? = nil, accent: RGB? = nil, areas: [String: RGB] = [:]) {
        self.primary = primary; self.accent = accent; self.areas = areas
    }
}
