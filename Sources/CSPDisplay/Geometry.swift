/// Points (1/72 inch), y growing downwards from the top-left corner of a page or frame.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    public static let zero = Point(0, 0)
    public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
}

public struct Size: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public init(_ width: Double, _ height: Double) { self.width = width; self.height = height }
    public static let zero = Size(0, 0)
    /// A4 portrait in points.
    public static let a4 = Size(595.2756, 841.8898)
}

public struct Rect: Hashable, Sendable {
    public var origin: Point
    public var size: Size
    public init(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
        origin = Point(x, y); size = Size(width, height)
    }
    public var minX: Double { origin.x }
    public var minY: Double { origin.y }
    public var maxX: Double { origin.x + size.width }
    public var maxY: Double { origin.y + size.height }
    public var width: Double { size.width }
    public var height: Double { size.height }
}

/// Page margins in points.
public struct Insets: Hashable, Sendable {
    public var top: Double, right: Double, bottom: Double, left: Double
    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
    }
}

/// An sRGB colour with components in 0…1.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    public var red: Double, green: Double, blue: Double, alpha: Double
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }
    /// `#RRGGBB` or `RRGGBB`; nil for anything else (input may be malformed).
    public init?(hex: String) {
        var s = Substring(hex.trimmingCharacters(in: " \t"))
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        self.init(red: Double((v >> 16) & 0xFF) / 255, green: Double((v >> 8) & 0xFF) / 255,
                  blue: Double(v & 0xFF) / 255)
    }
    public func withAlpha(_ a: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: a) }
    /// Mixes towards white: 0 keeps the colour, 1 gives white.
    public func tint(_ amount: Double) -> Color {
        Color(red: red + (1 - red) * amount, green: green + (1 - green) * amount,
              blue: blue + (1 - blue) * amount, alpha: alpha)
    }
    /// WCAG relative luminance, to choose a legible label colour on a fill.
    public var luminance: Double {
        func lin(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * lin(red) + 0.7152 * lin(green) + 0.0722 * lin(blue)
    }
    public var hex: String {
        func h(_ c: Double) -> String {
            let v = Int((max(0, min(1, c)) * 255).rounded())
            let s = String(v, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + h(red) + h(green) + h(blue)
    }
    public var description: String { alpha < 1 ? "\(hex)@\(fmt(alpha))" : hex }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Round to 0.01 for dumps: stable text for snapshots.
public func fmt(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    if r == 0 { return "0" }
    let neg = r < 0
    let a = abs(r)
    let whole = Int(a)
    let frac = Int(((a - Double(whole)) * 100).rounded())
    var s = String(whole)
    if frac != 0 {
        s += frac % 10 == 0 ? "." + String(frac / 10) : (frac < 10 ? ".0" + String(frac) : "." + String(frac))
    }
    return neg ? "-" + s : s
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
