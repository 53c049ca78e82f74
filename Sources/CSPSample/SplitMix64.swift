import CSPCore

/// The sample generator's only source of randomness. SplitMix64 is tiny, fast and fully
/// specified, so the same seed gives the same bytes on every machine and every Swift release;
/// the standard library's `random(in:using:)` algorithms are not promised to stay the same, so
/// every draw goes through the helpers below instead.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent stream for one concern (one file of one quarter), so that drawing one
    /// more value for, say, successes does not shift every activity figure after it.
    public func stream(_ labels: UInt64...) -> SplitMix64 {
        var mixer = SplitMix64(seed: state)
        var seed = mixer.next()
        for label in labels {
            var m = SplitMix64(seed: seed ^ (label &* 0xD6E8_FEB8_6659_FD93))
            seed = m.next()
        }
        return SplitMix64(seed: seed)
    }

    /// Uniform in `0..<n`; `n <= 0` gives 0. Lemire's multiply-shift with rejection, so there is
    /// no modulo bias.
    public mutating func below(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Uniform in a closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element; nil only for an empty collection.
    public mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[below(items.count)]
    }

    /// One element chosen with the given whole-number weights.
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T? {
        let total = items.reduce(0) { $0 + max($1.1, 0) }
        guard total > 0 else { return items.first?.0 }
        var r = below(total)
        for (item, weight) in items where weight > 0 {
            if r < weight { return item }
            r -= weight
        }
        return items.last?.0
    }

    /// Up to `count` distinct elements, in their original order.
    public mutating func subset<T>(_ items: [T], count: Int) -> [T] {
        guard count < items.count else { return items }
        var indices = Array(items.indices)
        // Partial Fisher–Yates: the first `count` slots end up a uniform sample.
        for i in 0..<max(count, 0) {
            let j = i + below(indices.count - i)
            indices.swapAt(i, j)
        }
        return indices.prefix(max(count, 0)).sorted().map { items[$0] }
    }

    /// A day in `from...to` (both inclusive); `from` when the range is empty.
    public mutating func date(from: CalendarDate, to: CalendarDate) -> CalendarDate {
        let span = to.days(since: from)
        guard span > 0 else { return from }
        return from.adding(days: below(span + 1)) ?? from
    }

    /// A count near `mean`: mean × (1 ± spread), at least 0.
    public mutating func around(_ mean: Double, spread: Double = 0.4) -> Int {
        let factor = 1 - spread + 2 * spread * unit()
        return max(0, Int((mean * factor).rounded()))
    }
}
