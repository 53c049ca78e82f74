import CSPCore

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

    /// Every node of the document in order, with its value (objects hold nothing here).
    private var nodes: [(pointer: SummaryPointer, node: JSONNode)] = []
    private var index: [SummaryPointer: Int] = [:]

    /// Reads a summary's JSON (the output of `SummaryJSON.render`); nil when it is not JSON.
    public init?(json: String) {
        var reader = JSONTextReader(Array(json.utf8))
        guard reader.value(at: SummaryPointer(tokens: []), into: &nodes), reader.atEnd else { return nil }
        for (i, n) in nodes.enumerated() { index[n.pointer] = i }
    }

    /// Every figure's pointer, in document order.
    public static func all(_ json: String) -> [SummaryPointer] { SummaryPointers(json: json)?.figures ?? [] }

    /// Every figure's pointer, in document order.
    public var figures: [SummaryPointer] { nodes.compactMap { if case .number = $0.node { $0.pointer } else { nil } } }

    /// What the pointer holds; nil when the document has nothing there.
    public func value(at pointer: SummaryPointer) -> Value? {
        guard let i = index[pointer] else { return nil }
        switch nodes[i].node {
        case .number(let n): return .number(n)
        case .other(let text): return .other(text)
        case .object:
            return .object(nodes[i...].prefix { pointer.contains($0.pointer) }
                .compactMap { if case .number = $0.node { $0.pointer } else { nil } })
        }
    }

    /// The keys of the object at `pointer`, in order; empty when it is not an object.
    public func keys(at pointer: SummaryPointer) -> [String] {
        guard let i = index[pointer], case .object(let keys) = nodes[i].node else { return [] }
        return keys
    }

    /// The longest start of `pointer` that the document has (the whole summary at least).
    public func longestValidPrefix(of pointer: SummaryPointer) -> SummaryPointer {
        var p = pointer
        while index[p] == nil && !p.tokens.isEmpty { p.tokens.removeLast() }
        return p
    }

    /// Valid pointers near a wrong one, best first: each step that names no key is replaced by
    /// the key it is likely a typo of (`TextMatch.suggestion`, so `nroth` finds `North`), and a
    /// `/` inside a name (`West/Central`) is tried as part of the name. Empty when nothing is close.
    public func suggestions(for text: String) -> [SummaryPointer] {
        let raw = text.hasPrefix("/") ? text : "/" + text
        // Escapes as written when they parse; otherwise every `/` separates.
        let tokens = SummaryPointer(raw)?.tokens ?? raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var found: [SummaryPointer] = []
        func walk(_ at: SummaryPointer, _ rest: ArraySlice<String>) {
            guard found.count < 5 else { return }
            guard let next = rest.first else {
                if index[at] != nil, !found.contains(at) { found.append(at) }
                return
            }
            let keys = self.keys(at: at)
            // A name holding "/": the following steps joined back into it.
            var joined = next
            for (k, t) in rest.dropFirst().enumerated() {
                joined += "/" + t
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

/// A node of the document: a number, an object (its keys in order) or anything else.
private enum JSONNode {
    case number(Int)
    case object([String])
    case other(String)
}

/// Reads JSON text into pointers and nodes, keeping the order of keys (which the listing of
/// figures beneath an object shows; Foundation's JSONSerialization forgets it, and
/// CSPAggregate does not import Foundation). Arrays are read but the summary has none.
private struct JSONTextReader {
    let bytes: [UInt8]
    var i = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get { skipSpace(); return i == bytes.count }
    }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    mutating func value(at pointer: SummaryPointer, into nodes: inout [(pointer: SummaryPointer, node: JSONNode)]) -> Bool {
        skipSpace()
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            let slot = nodes.count
            nodes.append((pointer, .object([])))
            var keys: [String] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
            while true {
                skipSpace()
                guard let key = string() else { return false }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                i += 1
                keys.append(key)
                nodes[slot].node = .object(keys)
                guard value(at: pointer.appending(key), into: &nodes) else { return false }
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                return false
            }
        case UInt8(ascii: "["):
            i += 1
            nodes.append((pointer, .other("an array")))
            var n = 0
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return true }
            while true {
                guard value(at: pointer.appending(String(n)), into: &nodes) else { return false }
                n += 1
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                return false
            }
        case UInt8(ascii: "\""):
            guard let s = string() else { return false }
            nodes.append((pointer, .other("the text \(TextMatch.quoted(s))")))
            return true
        default:
            let start = i
            while i < bytes.count, !(bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}")
                                        || bytes[i] == UInt8(ascii: "]") || [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i])) { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            if let n = Int(word) { nodes.append((pointer, .number(n))); return true }
            guard ["null", "true", "false"].contains(word) || Double(word) != nil else { return false }
            nodes.append((pointer, .other(word)))
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
