import CSPCore
import CSPModel

/// A JSON Pointer (RFC 6901) into `summary --json`: `/areas/North/cases/opened`. A `/` inside
/// a name is written `~1` and a `~` as `~0` (`/areas/West~1Central/successes`).
public struct SummaryPointer: Hashable, Sendable, CustomStringConvertible {
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    /// Nil unless `text` is empty (the whole summary) or starts with `/` and every `~` is
    /// followed by 0 or 1.
    public init?(_ text: String) {
        if text.isEmpty { tokens = []; return }
        guard text.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
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
        self.tokens = tokens
    }

    public var description: String {
        tokens.map { "/" + $0.replacingAll("~", with: "~0").replacingAll("/", with: "~1") }.joined()
    }

    /// The pointer one level down.
    public func appending(_ token: String) -> SummaryPointer { SummaryPointer(tokens: tokens + [token]) }

    /// Whether `other` is this pointer or lies beneath it.
    public func contains(_ other: SummaryPointer) -> Bool {
        other.tokens.count >= tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }
}

/// The pointers of a summary's JSON: every figure (number) in document order, what each
/// pointer holds, and the valid pointers near a wrong one. One place for `explain` and for
/// checking figure pointers written elsewhere (csp.yaml).
public struct SummaryPointers: Sendable {
    /// What a pointer holds.
    public enum Value: Hashable, Sendable {
        case number(Int)
        /// An object: the figures beneath it, in document order.
        case object([SummaryPointer])
        /// `null`, a string or a non-integer number: not a figure.
        case other(String)
    }

    /// Every node of the document in document order: an object's descendants follow it.
    private var nodes: [JSONNode] = []

    /// Reads a summary's JSON (the output of `SummaryJSON.render`); nil when it is not JSON.
    public init?(json: String) {
        var reader = JSONTextReader(Array(json.utf8))
        guard reader.value(key: "", parent: -1, into: &nodes), reader.atEnd else { return nil }
    }

    /// Every figure's pointer, in document order.
    public static func all(_ json: String) -> [SummaryPointer] { SummaryPointers(json: json)?.figures ?? [] }

    /// Every figure's pointer, in document order.
    public var figures: [SummaryPointer] { numbers(in: nodes.indices) }

    /// What the pointer holds; nil when the document has nothing there.
    public func value(at pointer: SummaryPointer) -> Value? {
        guard let i = node(at: pointer) else { return nil }
        switch nodes[i].kind {
        case .number(let n): return .number(n)
        case .other(let text): return .other(text)
        case .object: return .object(numbers(in: i..<nodes[i].end))
        }
    }

    /// The keys of the object at `pointer`, in order; empty when it is not an object.
    public func keys(at pointer: SummaryPointer) -> [String] {
        node(at: pointer).map { nodes[$0].keys } ?? []
    }

    private func node(at pointer: SummaryPointer) -> Int? {
        guard !nodes.isEmpty else { return nil }
        var i = 0
        for token in pointer.tokens {
            guard let child = nodes[i].children[token] else { return nil }
            i = child
        }
        return i
    }

    private func numbers(in range: Range<Int>) -> [SummaryPointer] {
        range.compactMap { i in
            guard case .number = nodes[i].kind else { return nil }
            var tokens: [String] = []
            var j = i
            while nodes[j].parent >= 0 { tokens.append(nodes[j].key); j = nodes[j].parent }
            return SummaryPointer(tokens: tokens.reversed())
        }
    }

    /// The longest start of `pointer` that the document has (the whole summary at least).
    public func longestValidPrefix(of pointer: SummaryPointer) -> SummaryPointer {
        var p = pointer
        while node(at: p) == nil && !p.tokens.isEmpty { p.tokens.removeLast() }
        return p
    }

    /// Valid pointers near a wrong one, best first: each step that names no key is replaced by
    /// the key it is likely a typo of (`TextMatch.suggestion`, so `nroth` finds `North`), and a
    /// `/` inside a name (`West/Central`) is tried as part of the name. Empty when nothing is close.
    public func suggestions(for text: String) -> [SummaryPointer] {
        var raw = text.hasPrefix("/") ? text : "/" + text
        // "/areas/North/" meant the group.
        if raw.count > 1, raw.hasSuffix("/") { raw.removeLast() }
        // Escapes as written when they parse; otherwise every `/` separates.
        let tokens = SummaryPointer(raw)?.tokens ?? raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var found: [SummaryPointer] = []
        func walk(_ at: SummaryPointer, _ rest: ArraySlice<String>) {
            guard found.count < 5 else { return }
            guard let next = rest.first else {
                if node(at: at) != nil, !found.contains(at) { found.append(at) }
                return
            }
            let keys = self.keys(at: at)
            // A name holding "/": the following steps joined back into it.
            var joined = next
            let longest = keys.map(\.utf8.count).max() ?? 0
            for (k, t) in rest.dropFirst().enumerated() {
                joined += "/" + t
                // Joined steps longer than every key match none (and a pointer of many
                // thousand steps must not be joined up thousands of times).
                if joined.utf8.count > longest { break }
                if keys.contains(joined) { walk(at.appending(joined), rest.dropFirst(k + 2)) }
            }
            if keys.contains(next) {
                walk(at.appending(next), rest.dropFirst())
            } else if let close = keys.first(where: { $0.lowercased() == next.lowercased() })
                        ?? TextMatch.suggestion(for: next, among: keys) {
                walk(at.appending(close), rest.dropFirst())
            }
        }
        walk(SummaryPointer(tokens: []), tokens[...])
        return found.filter { $0.description != text }
    }
}

extension SummaryPointer {
    /// A figure's pointer as written in csp.yaml's plan: nil unless it starts with "/" (the
    /// empty pointer is the whole summary, never one figure).
    public init?(figure text: String) {
        guard text.hasPrefix("/") else { return nil }
        self.init(text)
    }
}

/// The plan's use of the pointers: figures named by text, as csp.yaml writes them.
extension SummaryPointers {
    /// No pointers at all.
    public init() {}

    /// The pointers of `summary`'s JSON, read back from the summary's own writer, so that
    /// they are exactly the JSON's.
    public init(_ summary: QuarterSummary) {
        var reader = JSONTextReader(Array(SummaryJSON.render(summary).utf8))
        _ = reader.value(key: "", parent: -1, into: &nodes)
    }

    /// The figure `pointer` names; nil when it names none, or a group of figures.
    public func number(at pointer: String) -> Int? {
        guard let p = SummaryPointer(figure: pointer), case .number(let n)? = value(at: p) else { return nil }
        return n
    }

    public func contains(_ pointer: String) -> Bool { number(at: pointer) != nil }

    /// Whether `pointer` names a group of figures (`/totals/cases`) rather than one.
    public func isGroup(_ pointer: String) -> Bool {
        guard let p = SummaryPointer(figure: pointer), case .object? = value(at: p) else { return false }
        return true
    }

    /// Figures near `pointer`, for "did you mean": `suggestions(for:)`, with a group replaced
    /// by its first figures.
    public func figureSuggestions(for pointer: String, limit: Int = 3) -> [String] {
        var out: [String] = []
        let named = SummaryPointer(figure: pointer).map { [$0] } ?? []
        for s in named + suggestions(for: pointer) {
            switch value(at: s) {
            case .number?: out.append(s.description)
            case .object(let figures)?: out += figures.prefix(limit).map(\.description)
            default: continue
            }
        }
        var seen = Set<String>()
        return Array(out.filter { seen.insert($0).inserted }.prefix(limit))
    }

    /// The figures every quarter's summary has for `partnership`, whatever its rows: each area
    /// and City-wide, with the listed measures (when csp.yaml lists them) under their steps.
    /// What a pointer in csp.yaml is checked against before any quarter is read.
    public static func possible(for partnership: Partnership) -> SummaryPointers {
        var area = AreaSummary()
        for m in partnership.measures ?? [] { area.activity[m.step, default: [:]][m.name] = 0 }
        let order = partnership.areaOrder(includingCityWide: true)
        // The quarter is not part of any pointer: any will do.
        guard let quarter = Quarter(financialYear: 2000, number: 1) else { return SummaryPointers() }
        return SummaryPointers(QuarterSummary(quarter: quarter, areaOrder: order,
                                              areas: Dictionary(uniqueKeysWithValues: order.map { ($0, area) }),
                                              totals: area, hasReferrals: true))
    }
}

/// A node of the document: a number, an object or anything else, with its key and parent.
private struct JSONNode {
    enum Kind { case number(Int), object, other(String) }
    var kind: Kind
    var key: String
    /// The parent's index; -1 for the document itself.
    var parent: Int
    /// An object's keys in order, and the index of each key's node.
    var keys: [String] = []
    var children: [String: Int] = [:]
    /// The index after the node's last descendant.
    var end: Int = 0
}

/// Reads JSON text into nodes, keeping the order of keys (which the listing of figures
/// beneath an object shows; Foundation's JSONSerialization forgets it, and CSPAggregate does
/// not import Foundation). Arrays are read, as objects keyed 0, 1, …; the summary has none.
private struct JSONTextReader {
    let bytes: [UInt8]
    var i = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get { skipSpace(); return i == bytes.count }
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    mutating func skipSpace() {
        while i < bytes.count, JSONTextReader.isSpace(bytes[i]) { i += 1 }
    }

    /// Reads one value as the node `key` of `parent`, its descendants after it.
    mutating func value(key: String, parent: Int, into nodes: inout [JSONNode]) -> Bool {
        skipSpace()
        guard i < bytes.count else { return false }
        let me = nodes.count
        if parent >= 0 {
            nodes[parent].keys.append(key)
            nodes[parent].children[key] = me
        }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isArray = bytes[i] == UInt8(ascii: "[")
            let close = isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")
            i += 1
            nodes.append(JSONNode(kind: isArray ? .other("an array") : .object, key: key, parent: parent))
            defer { nodes[me].end = nodes.count }
            skipSpace()
            if i < bytes.count, bytes[i] == close { i += 1; return true }
            var n = 0
            while true {
                skipSpace()
                var member = String(n)
                if !isArray {
                    guard let k = string() else { return false }
                    member = k
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                }
                n += 1
                guard value(key: member, parent: me, into: &nodes) else { return false }
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == close { i += 1; return true }
                return false
            }
        case UInt8(ascii: "\""):
            guard let s = string() else { return false }
            nodes.append(JSONNode(kind: .other("the text \(TextMatch.quoted(s))"), key: key, parent: parent, end: me + 1))
            return true
        default:
            let start = i
            while i < bytes.count, !(bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}")
                                        || bytes[i] == UInt8(ascii: "]") || JSONTextReader.isSpace(bytes[i])) { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            let kind: JSONNode.Kind
            if let n = Int(word) { kind = .number(n) } else {
                guard ["null", "true", "false"].contains(word) || Double(word) != nil else { return false }
                kind = .other(word)
            }
            nodes.append(JSONNode(kind: kind, key: key, parent: parent, end: me + 1))
            return true
        }
    }

    /// A string literal at `i`, its escapes undone.
    mutating func string() -> String? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < bytes.count else { return nil }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var unit = hex4() else { return nil }
                // A surrogate pair is one scalar.
                if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(unit) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(e)
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
        i += 4
        return v
    }
}

private extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
