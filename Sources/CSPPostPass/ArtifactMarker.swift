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

    /// Where page furniture is drawn: the running header above the body's top margin, the
    /// footer below its bottom margin (the report template's margins, in points).
    public struct FurnitureBands: Sendable, Equatable {
        public var top: Double, bottom: Double
        public init(top: Double, bottom: Double) { self.top = top; self.bottom = bottom }
        public static let report = FurnitureBands(top: 72, bottom: 70)
    }

    /// What an artifact is: page furniture at the top or the bottom of the page (typed
    /// `/Pagination` with `/Subtype /Header` or `/Footer`), or anything else (untyped).
    enum Kind: Equatable { case header, footer, other
        var opening: String {
            switch self {
            case .header: return "/Artifact << /Type /Pagination /Subtype /Header >> BDC\n"
            case .footer: return "/Artifact << /Type /Pagination /Subtype /Footer >> BDC\n"
            case .other: return "/Artifact BMC\n"
            }
        }
    }

    struct Matrix {
        var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0
        init() {}
        init(_ v: [Double]) { a = v[0]; b = v[1]; c = v[2]; d = v[3]; e = v[4]; f = v[5] }
        /// `self` applied first, then `outer`.
        func then(_ o: Matrix) -> Matrix {
            var m = Matrix()
            m.a = a * o.a + b * o.c; m.b = a * o.b + b * o.d
            m.c = c * o.a + d * o.c; m.d = c * o.b + d * o.d
            m.e = e * o.a + f * o.c + o.e; m.f = e * o.b + f * o.d + o.f
            return m
        }
        func y(_ px: Double, _ py: Double) -> Double { b * px + d * py + f }
    }

    static let pathConstruction = Set(["m", "l", "c", "v", "y", "h", "re"].map { Operation.pack($0) })
    static let pathPainting = Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"].map { Operation.pack($0) })
    static let clipping = Set(["W", "W*"].map { Operation.pack($0) })
    static let textShowing = Set(["Tj", "TJ", "'", "\""].map { Operation.pack($0) })
    static let codeRe = Operation.pack("re"), codeCm = Operation.pack("cm"), codeQ = Operation.pack("q"), codeQEnd = Operation.pack("Q")
    static let codeTm = Operation.pack("Tm"), codeTd = Operation.pack("Td"), codeTD = Operation.pack("TD")
    static let codeTL = Operation.pack("TL"), codeTStar = Operation.pack("T*"), codeDo = Operation.pack("Do")
    static let codeQuote = Operation.pack("'"), codeDoubleQuote = Operation.pack("\"")

    /// The numeric operands of an operation.
    static func numbers(_ b: [UInt8], _ op: Operation) -> [Double] {
        var out: [Double] = []
        var i = op.start
        while i < op.end {
            let c = b[i]
            let numeric = c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            if numeric {
                let s = i
                while i < op.end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: ".")
                        || (b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9")) { i += 1 }
                if let v = Double(String(decoding: b[s..<i], as: UTF8.self)) { out.append(v) }
            } else { i += 1 }
        }
        return out
    }

    /// Wraps untagged drawing in artifact sequences. Furniture is told from other artifacts by
    /// where it is drawn: a text object, path or image lying wholly within `bands.top` of the
    /// page's top edge is a header, wholly within `bands.bottom` of its bottom edge a footer.
    /// The page's height is read from cairo's first operation (`1 0 0 -1 0 H cm`); content
    /// that does not start so gets untyped artifacts only.
    public static func mark(_ content: [UInt8]) -> [UInt8] { mark(content, bands: .report) }

    /// Empty ActualText spans are dropped first (`droppingEmptySpans`).
    public static func mark(_ input: [UInt8], bands: FurnitureBands) -> [UInt8] {
        var content = input
        var ops = operations(content)
        if let cleaned = droppingEmptySpans(content, ops) {
            content = cleaned
            ops = operations(content)
        }
        var depth = 0
        // Ranges [first drawing op, last drawing op] of untagged runs, each of one kind.
        var ranges: [(Int, Int, Kind)] = []
        var segment: (start: Int, end: Int, kind: Kind)? = nil
        var inText = false
        // Geometry, to tell header from footer.
        var pageHeight: Double? = nil
        var ctm = Matrix(), stack: [Matrix] = []
        var line = Matrix(), leading = 0.0
        var unitStart: Int? = nil, unitEnd = 0
        var top = Double.infinity, bottom = -Double.infinity   // distances from the page's top
        func note(_ x: Double, _ y: Double, _ m: Matrix) {
            guard let h = pageHeight else { return }
            let fromTop = h - m.y(x, y)
            top = min(top, fromTop); bottom = max(bottom, fromTop)
        }
        func closeSegment() {
            if let s = segment { ranges.append((s.start, s.end, s.kind)) }
            segment = nil
        }
        func closeUnit() {
            guard let s = unitStart else { return }
            var kind = Kind.other
            if let h = pageHeight, top <= bottom {
                if bottom <= bands.top { kind = .header } else if top >= h - bands.bottom { kind = .footer }
            }
            if var open = segment, open.kind == kind { open.end = unitEnd; segment = open } else {
                closeSegment(); segment = (s, unitEnd, kind)
            }
            unitStart = nil; top = .infinity; bottom = -.infinity
        }
        func closeRun() { closeUnit(); closeSegment() }
        func startUnit(_ op: Operation) { if unitStart == nil { unitStart = op.start }; unitEnd = op.end }
        if let first = ops.first, first.code == codeCm {
            let v = numbers(content, first)
            if v.count == 6, v[0] == 1, v[1] == 0, v[2] == 0, v[3] == -1, v[4] == 0, v[5] > 0 { pageHeight = v[5] }
        }
        // Marked content nested inside an untagged text object (cairo's /ActualText spans for
        // ligatures) stays inside the artifact: an artifact must not cross BT/ET.
        var nested = 0
        for op in ops {
            let code = op.code
            // The graphics state is followed inside tagged content too.
            if code == codeQ { stack.append(ctm) } else if code == codeQEnd { if let m = stack.popLast() { ctm = m } }
            else if code == codeCm, pageHeight != nil {
                let v = numbers(content, op)
                if v.count == 6 { ctm = Matrix(v).then(ctm) }
            }
            if code == codeBDC || code == codeBMC {
                if depth == 0, inText, unitStart != nil { nested += 1; unitEnd = op.end; continue }
                closeRun(); depth += 1
            } else if code == codeEMC {
                if nested > 0 { nested -= 1; unitEnd = op.end; continue }
                closeRun(); depth = max(0, depth - 1)
            } else {
                guard depth == 0 else { continue }
                if code == codeBT { closeUnit(); inText = true; line = Matrix(); startUnit(op); continue }
                if code == codeET { inText = false; startUnit(op); closeUnit(); continue }
                if stateCodes.contains(code) && !inText { continue }
                startUnit(op)
                guard pageHeight != nil else {
                    if !inText, !pathConstruction.contains(code), !clipping.contains(code) { closeUnit() }
                    continue
                }
                if inText {
                    if code == codeTm {
                        let v = numbers(content, op); if v.count == 6 { line = Matrix(v) }
                    } else if code == codeTd || code == codeTD {
                        let v = numbers(content, op)
                        if v.count == 2 {
                            var t = Matrix(); t.e = v[0]; t.f = v[1]
                            line = t.then(line)
                            if code == codeTD { leading = -v[1] }
                        }
                    } else if code == codeTL {
                        if let v = numbers(content, op).first { leading = v }
                    } else if code == codeTStar || code == codeQuote || code == codeDoubleQuote {
                        var t = Matrix(); t.f = -leading
                        line = t.then(line)
                    }
                    if textShowing.contains(code) { note(0, 0, line.then(ctm)) }
                } else if pathConstruction.contains(code) {
                    let v = numbers(content, op)
                    if code == codeRe, v.count == 4 {
                        note(v[0], v[1], ctm); note(v[0] + v[2], v[1] + v[3], ctm)
                    } else {
                        var k = 0
                        while k + 1 < v.count { note(v[k], v[k + 1], ctm); k += 2 }
                    }
                } else if clipping.contains(code) {
                    continue
                } else {
                    if code == codeDo { note(0, 0, ctm); note(1, 1, ctm) }
                    closeUnit()   // a painting operator, an image, a shading
                }
            }
        }
        closeRun()
        guard !ranges.isEmpty else { return content }
        var out: [UInt8] = []
        out.reserveCapacity(content.count + ranges.count * 24)
        var pos = 0
        for (s, e, kind) in ranges {
            out += content[pos..<s]
            out += Array(kind.opening.utf8)
            out += content[s..<e]
            out += Array("\nEMC".utf8)
            pos = e
        }
        out += content[pos...]
        return out
    }
}
