/// Which readers a document is for.
public enum Edition: String, CaseIterable, Sendable {
    /// For the CSP board: everything, marked OFFICIAL-SENSITIVE by default.
    case board
    /// Published with the meeting papers: no case-level rows or free text from cases and
    /// blockers, small counts suppressed.
    case `public`
}

/// A count as a reader of one edition may see it.
public enum ShownCount: Hashable, Sendable {
    case exact(Int)
    /// Between 1 and threshold − 1: shown as "<threshold".
    case below(Int)
    /// Big enough to show, but withheld so that a total cannot reveal a suppressed count:
    /// shown as "[c]" (confidential), as the GOV.UK style for statistics does.
    case withheld

    public var text: String {
        switch self {
        case .exact(let n): return Format.count(n)
        case .below(let t): return "<\(t)"
        case .withheld: return "[c]"
        }
    }

    public var exactValue: Int? {
        if case .exact(let n) = self { return n }
        return nil
    }

    public var isSuppressed: Bool { exactValue == nil }
}

/// Statistical disclosure control for the public edition. The board edition shows every
/// count exactly.
public struct Suppressor: Sendable {
    public var edition: Edition
    public var threshold: Int

    public init(edition: Edition, threshold: Int) {
        self.edition = edition
        self.threshold = max(1, threshold)
    }

    public var suppresses: Bool { edition == .public && threshold > 1 }

    /// One count on its own.
    public func count(_ n: Int) -> ShownCount {
        if suppresses && n >= 1 && n < threshold { return .below(threshold) }
        return .exact(n)
    }

    /// Counts that add up to a total shown beside them (a table column with a total row, or
    /// areas that add up to a tile). A reader who knows the total and the exact parts knows
    /// what the hidden parts add up to; with "<5" meaning 1–4 and "[c]" meaning 5 or more, that
    /// can pin a hidden part to one value (one hidden part; or two "<5" adding up to 2). While
    /// any hidden part can be pinned down, the smallest non-zero exact part is withheld too;
    /// when only zeros are left, the total is withheld instead, or, when the total is shown
    /// elsewhere all the same (`totalShown`: a headline figure, a sentence), every part is,
    /// zeros too, as then nothing but the total is known.
    public func parts(_ values: [Int], totalShown: Bool = false) -> (parts: [ShownCount], total: ShownCount) {
        var shown = values.map(count)
        let total = values.reduce(0, +)
        var shownTotal = count(total)
        guard suppresses, shownTotal.exactValue != nil, shown.contains(where: \.isSuppressed) else {
            return (shown, shownTotal)
        }
        while Suppressor.pinsDown(shown, total: total, threshold: threshold) {
            let candidates = shown.indices.filter { !shown[$0].isSuppressed && values[$0] > 0 }
            guard let smallest = candidates.min(by: { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }) else {
                if totalShown { shown = values.map { _ in .withheld } } else { shownTotal = .withheld }
                break
            }
            shown[smallest] = .withheld
        }
        return (shown, shownTotal)
    }

    /// Whether some hidden part has only one value consistent with the total and the others.
    static func pinsDown(_ shown: [ShownCount], total: Int, threshold: Int) -> Bool {
        let known = shown.compactMap(\.exactValue).reduce(0, +)
        let rest = total - known
        let hidden = shown.filter(\.isSuppressed)
        // The range each hidden part can take, as a reader sees it.
        let ranges: [(lo: Int, hi: Int)] = hidden.map {
            if case .below(let t) = $0 { return (1, t - 1) }
            return (threshold, Int.max / 4)
        }
        let sumLo = ranges.reduce(0) { $0 + $1.lo }
        let sumHi = ranges.reduce(0) { $0 + min($1.hi, Int.max / 64) }
        for r in ranges {
            let lo = max(r.lo, rest - (sumHi - min(r.hi, Int.max / 64)))
            let hi = min(r.hi, rest - (sumLo - r.lo))
            if lo >= hi { return true }
        }
        return false
    }

    /// A change between two quarters, or nil when either count is suppressed (a difference
    /// from a known number would reveal a suppressed one).
    public func difference(from old: Int?, to new: Int) -> Int? {
        guard let old else { return nil }
        if count(old).isSuppressed || count(new).isSuppressed { return nil }
        return new - old
    }
}
