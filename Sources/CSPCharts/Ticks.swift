import CSPDisplay

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tick steps of 1, 2 or 5 × 10^k, as d3-array's `tickIncrement`.
public enum Ticks {
    /// The step between about `count` ticks spanning `start…stop`.
    public static func step(_ start: Double, _ stop: Double, count: Int) -> Double {
        let span = abs(stop - start)
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let power = floor(log10(raw))
        let error = raw / pow(10, power)
        let factor: Double = error >= 50.squareRoot() ? 10 : error >= 10.squareRoot() ? 5 : error >= 2.squareRoot() ? 2 : 1
        return factor * pow(10, power)
    }

    /// Tick values: multiples of `step` within start…stop. Counts never get fractional ticks
    /// when `integers` is set.
    public static func ticks(_ start: Double, _ stop: Double, count: Int = 5, integers: Bool = false) -> [Double] {
        guard start.isFinite, stop.isFinite else { return [] }
        if start == stop { return [start] }
        let lo = min(start, stop), hi = max(start, stop)
        var s = step(lo, hi, count: count)
        if integers { s = max(1, s) }
        let first = (lo / s).rounded(.up), last = (hi / s).rounded(.down)
        guard last >= first, last - first < 10_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { clean($0 * s) }
    }

    /// The domain extended to whole steps, d3's `nice()`; bars pass `includeZero`.
    public static func nice(_ start: Double, _ stop: Double, count: Int = 5, includeZero: Bool = true,
                            integers: Bool = false) -> ClosedRange<Double> {
        var lo = start.isFinite ? min(start, stop) : 0
        var hi = stop.isFinite ? max(start, stop) : 0
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo == hi { hi = lo + (integers ? max(1, Double(count)) : 1) }
        var prev = 0.0
        for _ in 0..<10 {
            var s = step(lo, hi, count: count)
            if integers { s = max(1, s) }
            if s == prev { break }
            lo = clean((lo / s).rounded(.down) * s)
            hi = clean((hi / s).rounded(.up) * s)
            prev = s
        }
        return lo...hi
    }

    /// Removes float noise such as 0.30000000000000004.
    static func clean(_ v: Double) -> Double { (v * 1e9).rounded() / 1e9 }
}

/// Number formatting in UK style: thousands separated by commas, a minus sign for negatives.
public enum NumberFormat {
    public static func format(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return "–" }
        let decimals = max(0, min(9, decimals))
        let neg = value < 0 && (abs(value) * pow(10, Double(decimals))).rounded() != 0
        let scaled = (abs(value) * pow(10, Double(decimals))).rounded()
        guard scaled < 1e17 else { return (value < 0 ? "−" : "") + String(abs(value)) }
        let whole = Int64(scaled) / Int64(pow(10, Double(decimals)))
        let frac = Int64(scaled) % Int64(pow(10, Double(decimals)))
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        if decimals > 0 {
            var f = String(frac)
            while f.count < decimals { f = "0" + f }
            grouped += "." + f
        }
        return (neg ? "−" : "") + grouped
    }

    /// Decimals enough to tell ticks `step` apart.
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite, step < 1 else { return 0 }
        return min(6, Int((-log10(step)).rounded(.up)))
    }

    /// A signed change, e.g. "+12", "−3", "0".
    public static func signed(_ value: Double, decimals: Int = 0) -> String {
        let s = format(value, decimals: decimals)
        return value > 0 && s != format(0, decimals: decimals) ? "+" + s : s
    }
}

/// A linear map from data values to positions.
public struct LinearScale: Hashable, Sendable {
    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    /// Set when the range runs backwards (value axes grow upwards on the page).
    public var reversed: Bool
    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, reversed: Bool = false) {
        self.domain = domain; self.range = range; self.reversed = reversed
    }
    public func callAsFunction(_ v: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = span == 0 ? 0 : (v - domain.lowerBound) / span
        let u = reversed ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }
}

/// The UK Government Analysis Function categorical palette, in its order.
public enum Palette {
    public static let analysisFunction: [Color] = [
        "#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1",
    ].compactMap { Color(hex: $0) }
    public static let text = Color(hex: "#0B0C0C") ?? .black
    public static let secondaryText = Color(hex: "#505A5F") ?? .black
    public static let grid = Color(hex: "#D9DCDE") ?? .black
    public static let axis = Color(hex: "#6F777B") ?? .black
}
