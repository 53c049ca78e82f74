/// Wraps page content that no structure element owns in `/Artifact BMC … EMC`, so readers
/// skip headers, footers and decoration. Cairo 1.16 cannot mark artifacts itself; it leaves
/// such content outside any marked-content sequence, which is what this finds.
public enum ArtifactMarker {
    /// Operators that only set graphics state: kept outside artifact sequences so that
    /// `q`/`Q` pairs never straddle a marked-content boundary needlessly.
    static let stateOperators: Set<String> = [
        "q", "Q", "cm", "gs", "w", "J", "j", "M", "d", "ri", "i",
        "g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "SC", "scn", "SCN",
    ]

    struct Operation {
        var start: Int; var end: Int; var code: UInt64
        var op: String { Operation.name(code) }
        /// Operators are short: packed into an integer, compared without building strings.
        static func pack<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
            var v: UInt64 = 0
            var n = 0
            for b in bytes { n += 1; if n > 7 { return UInt64.max }; v = v << 8 | UInt64(b) }
            return v
        }
        static func pack(_ s: String) -> UInt64 { pack(Array(s.utf8)) }
        static func name(_ code: UInt64) -> String {
            var bytes: [UInt8] = []
            var c = code
            while c > 0 { bytes.insert(UInt8(c & 0xFF), at: 0); c >>= 8 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
    static let codeBDC = Operation.pack("BDC"), codeBMC = Operation.pack("BMC"), codeEMC = Operation.pack("EMC")
    static let codeBT = Operation.pack("BT"), codeET = Operation.pack("ET"), codeBI = Operation.pack("BI")
    static let codeTrue = Operation.pack("true"), codeFalse = Operation.pack("false"), codeNull = Operation.pack("null")
    static let stateCodes = Set(stateOperators.map { Operation.pack($0) })

    /// Splits a content stream into operations (operands plus operator) with byte ranges.
    static func operations(_ b: [UInt8]) -> [Operation] {
        var ops: [Operation] = []
        var i = 0
        let n = b.count
        var opStart: Int? = nil
        func isWhite(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00 }
        func isDelim(_ c: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(c) }
        while i < n {
            let c = b[i]
            if isWhite(c) { i += 1; continue }
            if c == UInt8(ascii: "%") {
                while i < n, b[i] != 0x0A, b[i] != 0x0D { i += 1 }
                continue
            }
            if opStart == nil { opStart = i }
            switch c {
            case UInt8(ascii: "("):
                var depth = 0
                while i < n {
                    let d = b[i]
                    if d == UInt8(ascii: "\\") { i += 2; continue }
                    if d == UInt8(ascii: "(") { depth += 1 }
                    if d == UInt8(ascii: ")") { depth -= 1; if depth == 0 { i += 1; break } }
                    i += 1
                }
            case UInt8(ascii: "<"):
                if i + 1 < n, b[i + 1] == UInt8(ascii: "<") { i += 2 } else {
                    while i < n, b[i] != UInt8(ascii: ">") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: ">"):
                i += (i + 1 < n && b[i + 1] == UInt8(ascii: ">")) ? 2 : 1
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                i += 1
            case UInt8(ascii: "/"):
                i += 1
                while i < n, !isWhite(b[i]), !isDelim(b[i]) { i += 1 }
            default:
                let s = i
                while i < n, !isWhite(b[i]), !isDelim(b[i]) { i += 1 }
                if i == s { i += 1; continue }
                let first = b[s]
                let numeric = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                    || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
                if numeric { continue }
                let code = Operation.pack(b[s..<i])
                if code == codeTrue || code == codeFalse || code == codeNull { continue }
                if code == codeBI {
                    // Inline image: skip to "EI" preceded by whitespace.
                    var j = i
                    while j + 2 < n {
                        if isWhite(b[j]), b[j + 1] == UInt8(ascii: "E"), b[j + 2] == UInt8(ascii: "I"),
                           j + 3 >= n || isWhite(b[j + 3]) { break }
                        j += 1
                    }
                    i = min(n, j + 3)
                    ops.append(Operation(start: opStart ?? s, end: i, code: codeBI))
                    opStart = nil
                    continue
                }
                ops.append(Operation(start: opStart ?? s, end: i, code: code))
                opStart = nil
            }
        }
        return ops
    }

    /// Cairo's `/ActualText` spans with nothing inside, dropped: Pango shapes a soft hyphen at
    /// which the word did not break, and the space at which a line wrapped, as no glyph, and
    /// cairo still gives each such cluster a span (ActualText U+00AD or U+0020) around nothing.
    /// A reader honouring ActualText on empty content would read them. A span around glyphs
    /// (a hyphen where a word did break, a ligature) stays.
    static func droppingEmptySpans(_ content: [UInt8], _ ops: [Operation]) -> [UInt8]? {
        var drop: [(Int, Int)] = []
        for (a, b) in zip(ops, ops.dropFirst()) where a.code == codeBDC && b.code == codeEMC {
            guard content[a.start..<a.end].starts(with: Array("/Span".utf8)),
                  content[a.start..<a.end].firstRange(of: Array("/ActualText".utf8)) != nil else { continue }
            drop.append((a.start, b.end))
        }
        guard !drop.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var pos = 0
        for (s, e) in drop {
            out += content[pos..<s]
            pos = e
        }
        out += content[pos...]
        return out
    }

    /// The page's content with untagged drawing marked as artifacts and empty ActualText spans
    /// dropped (`droppingEmptySpans`).
    public static func mark(_ input: [UInt8]) -> [UInt8] {
        var content = input
        var ops = operations(content)
        if let cleaned = droppingEmptySpans(content, ops) {
            content = cleaned
            ops = operations(content)
        }
        var depth = 0
        // Ranges [first drawing op, last drawing op] of untagged runs.
        var ranges: [(Int, Int)] = []
        var runStart: Int? = nil, runEnd: Int? = nil
        var inText = false
        func closeRun() {
            if let s = runStart, let e = runEnd { ranges.append((s, e)) }
            runStart = nil; runEnd = nil
        }
        // Marked content nested inside an untagged text object (cairo's /ActualText spans for
        // ligatures) stays inside the artifact: an artifact must not cross BT/ET.
        var nested = 0
        for op in ops {
            if op.code == codeBDC || op.code == codeBMC {
                if depth == 0, inText, runStart != nil { nested += 1; runEnd = op.end; continue }
                closeRun(); depth += 1
            } else if op.code == codeEMC {
                if nested > 0 { nested -= 1; runEnd = op.end; continue }
                closeRun(); depth = max(0, depth - 1)
            } else {
                guard depth == 0 else { continue }
                if op.code == codeBT { inText = true }
                if op.code == codeET { inText = false }
                if stateCodes.contains(op.code) && !inText {
                    continue
                }
                if runStart == nil { runStart = op.start }
                runEnd = op.end
            }
        }
        closeRun()
        guard !ranges.isEmpty else { return content }
        var out: [UInt8] = []
        out.reserveCapacity(content.count + ranges.count * 24)
        var pos = 0
        for (s, e) in ranges {
            out += content[pos..<s]
            out += Array("/Artifact BMC\n".utf8)
            out += content[s..<e]
            out += Array("\nEMC".utf8)
            pos = e
        }
        out += content[pos...]
        return out
    }
}
