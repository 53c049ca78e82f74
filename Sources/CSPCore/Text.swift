#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text helpers shared by the validator and the CLI.
/// Counted nouns in messages and in the report.
public enum English {
    /// "success" → "successes", "warning" → "warnings": "-es" after s, x, z, ch and sh.
    public static func plural(_ singular: String) -> String {
        let es = ["s", "x", "z", "ch", "sh"].contains { singular.hasSuffix($0) }
        return singular + (es ? "es" : "s")
    }

    /// "1 warning", "3 warnings".
    public static func count(_ n: Int, _ singular: String) -> String {
        "\(n) \(n == 1 ? singular : plural(singular))"
    }
}

public enum TextMatch {
    /// Edit distance counting an adjacent swap as one edit (optimal string alignment), on
    /// lowercased Unicode scalars, capped so long inputs stay cheap.
    public static func distance(_ a: String, _ b: String, limit: Int = 64) -> Int {
        let x = Array(a.lowercased().unicodeScalars.prefix(limit))
        let y = Array(b.lowercased().unicodeScalars.prefix(limit))
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The closest candidate when it is close enough to be a likely typo; nil otherwise.
    public static func suggestion(for value: String, among candidates: [String]) -> String? {
        let v = value.trimmingSpaces
        guard !v.isEmpty, v.unicodeScalars.count <= 64 else { return nil }
        var best: (String, Int)?
        for c in candidates {
            let d = distance(v, c)
            if let b = best, b.1 <= d { continue }
            best = (c, d)
        }
        guard let (c, d) = best else { return nil }
        let allowed = c.count <= 3 ? 1 : (c.count < 9 ? 2 : 3)
        // Also catch a candidate typed with extra words around it ("North area").
        if d <= allowed { return c }
        if v.lowercased().hasPrefix(c.lowercased()) || c.lowercased().hasPrefix(v.lowercased()),
           min(v.count, c.count) >= 3 { return c }
        return nil
    }

    /// "a, b and c"
    public static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    /// A value quoted for a message, shortened when long and with control characters shown.
    public static func quoted(_ value: String, max: Int = 60) -> String {
        var out = ""
        var n = 0
        for scalar in value.unicodeScalars {
            if n >= max { out += "…"; break }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            n += 1
        }
        return "\"\(out)\""
    }
}

extension String {
    /// Trims spaces, tabs and non-breaking spaces (Excel users paste them) from both ends.
    public var trimmingSpaces: String {
        // Nearly every cell starts and ends with a printable ASCII character: nothing to trim.
        // (The spaces are ASCII up to U+0020, or start and end with bytes of 0x80 or more.)
        guard let head = utf8.first, let tail = utf8.last else { return self }
        if head > 0x20 && head < 0x80 && tail > 0x20 && tail < 0x80 { return self }
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\u{A0}" || s == "\r" || s == "\n" || s == "\u{FEFF}"
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}

/// Whether two byte buffers hold the same bytes: lengths first, then one memcmp (the generic
/// `elementsEqual` walks them element by element).
@inlinable
public func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let p = a.baseAddress, let q = b.baseAddress else { return a.count == 0 }
    return memcmp(p, q, a.count) == 0
}

/// A String compared and hashed by its UTF-8 bytes: one exact spelling. String's own == and
/// hashing work on canonical equivalence, which costs a normalisation check on every non-ASCII
/// value (an en dash is enough); a per-row dictionary of spellings does not need it.
public struct ExactText: Hashable, Sendable {
    public let string: String

    public init(_ string: String) { self.string = string }

    public static func == (a: ExactText, b: ExactText) -> Bool {
        guard a.string.utf8.count == b.string.utf8.count else { return false }
        var x = a.string, y = b.string
        return x.withUTF8 { p in y.withUTF8 { q in sameBytes(p, q) } }
    }

    public func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension String {
    /// The same string as `lowercased()`, for spellings compared many times over (measure and
    /// area names against every row). The standard library lowercases a string holding any
    /// non-ASCII scalar one scalar at a time through each scalar's `lowercaseMapping`, a String
    /// of its own even for "A", so one en dash in a name makes every letter costly. Here ASCII
    /// scalars are lowered in place and only the others take their `lowercaseMapping`, so the
    /// result is the standard library's, scalar for scalar (`FastPathTests.foldedIsLowercased`
    /// holds the two equal).
    public var folded: String {
        var ascii = true
        for b in utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return lowercased() }
        var out = ""
        out.reserveCapacity(utf8.count)
        var run: [UInt8] = []
        for scalar in unicodeScalars {
            if scalar.isASCII {
                let v = UInt8(scalar.value)
                run.append(v >= 0x41 && v <= 0x5A ? v | 0x20 : v)
            } else {
                if !run.isEmpty { out += String(decoding: run, as: UTF8.self); run.removeAll(keepingCapacity: true) }
                out += scalar.properties.lowercaseMapping
            }
        }
        if !run.isEmpty { out += String(decoding: run, as: UTF8.self) }
        return out
    }
}
