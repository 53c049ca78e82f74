import CSPCore
import CSPModel

/// JSON Pointers (RFC 6901), as figures of `summary --json` are named: `/totals/ocg_referrals`,
/// `/areas/North/activity/engagement/Engagement events`.
public enum JSONPointer {
    /// The pointer's reference tokens, unescaped (`~1` is "/", `~0` is "~"); nil when it is not
    /// a pointer (it must start with "/", and "~" must be followed by 0 or 1).
    public static func parse(_ pointer: String) -> [String]? {
        guard pointer.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = "", tilde = false
            for c in raw {
                if tilde {
                    guard c == "0" || c == "1" else { return nil }
                    token.append(c == "0" ? "~" : "/")
                    tilde = false
                } else if c == "~" {
                    tilde = true
                } else {
                    token.append(c)
                }
            }
            if tilde { return nil }
            tokens.append(token)
        }
        return tokens
    }

    /// The pointer to `tokens`, escaped.
    public static func make(_ tokens: [String]) -> String {
        tokens.map { "/" + $0.replacingTildesAndSlashes }.joined()
    }
}

extension String {
    fileprivate var replacingTildesAndSlashes: String {
        var out = ""
        for c in self {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Every number of a quarter's `summary --json`, by its pointer: what a plan's evidence may name.
/// Taken from the summary's own JSON writer, so the pointers are exactly the JSON's.
public struct SummaryPointers: Sendable {
    /// Pointer and value, in the JSON's order.
    public let figures: [(pointer: String, value: Int)]
    private let index: [String: Int]

    public init(_ summary: QuarterSummary) {
        var w = JSONWriter()
        w.recorded = []
        SummaryJSON.write(&w, summary)
        self.init(figures: w.recorded ?? [])
    }

    init(figures: [(pointer: String, value: Int)]) {
        self.figures = figures
        var index: [String: Int] = [:]
        for (i, f) in figures.enumerated() where index[f.pointer] == nil { index[f.pointer] = i }
        self.index = index
    }

    /// Every numeric pointer of the summary.
    public static func all(_ summary: QuarterSummary) -> [String] { SummaryPointers(summary).figures.map(\.pointer) }

    /// The figure `pointer` names, or nil when it names none (or a group of figures).
    public func value(at pointer: String) -> Int? { index[pointer].map { figures[$0].value } }

    public func contains(_ pointer: String) -> Bool { index[pointer] != nil }

    /// The figures nearest to `pointer`, for "did you mean": each token replaced by the nearest
    /// key that exists at its place (the codebase's `TextMatch.suggestion`). When the pointer
    /// stops at a group of figures (`/totals/cases`), the group's first figures. Empty when a
    /// token is nothing like any key at its place.
    public func suggestions(for pointer: String, limit: Int = 3) -> [String] {
        guard var tokens = JSONPointer.parse(pointer) else {
            // Not a pointer at all: a missing leading "/" is the usual slip.
            return pointer.isEmpty || pointer.hasPrefix("/") ? [] : suggestions(for: "/" + pointer, limit: limit)
        }
        var candidates = figures.map { JSONPointer.parse($0.pointer) ?? [] }
        for i in tokens.indices {
            var keys: [String] = []
            var seen = Set<String>()
            for c in candidates where c.count > i && seen.insert(c[i]).inserted { keys.append(c[i]) }
            if keys.isEmpty { return [] }
            if !seen.contains(tokens[i]) {
                guard let near = TextMatch.suggestion(for: tokens[i], among: keys) else { return [] }
                tokens[i] = near
            }
            candidates = candidates.filter { $0.count > i && $0[i] == tokens[i] }
        }
        return Array(candidates.prefix(limit).map(JSONPointer.make))
    }
}

extension SummaryPointers {
    /// The figures every quarter's summary has for `partnership`, whatever its rows: each area
    /// and City-wide, with the listed measures (when csp.yaml lists them) under their steps.
    /// What a pointer in csp.yaml is checked against before any quarter is read.
    public static func possible(for partnership: Partnership) -> SummaryPointers {
        var area = AreaSummary()
        for m in partnership.measures ?? [] { area.activity[m.step, default: [:]][m.name] = 0 }
        let order = partnership.areaOrder(includingCityWide: true)
        // The quarter is not part of any pointer: any will do.
        guard let quarter = Quarter(financialYear: 2000, number: 1) else { return SummaryPointers(figures: []) }
        return SummaryPointers(QuarterSummary(quarter: quarter, areaOrder: order,
                                              areas: Dictionary(uniqueKeysWithValues: order.map { ($0, area) }),
                                              totals: area, hasReferrals: true))
    }
}
