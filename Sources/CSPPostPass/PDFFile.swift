import CSPCore

/// A PDF value as `PDFFile` holds it. Numbers that are not integers, strings and names keep the
/// bytes they were written with, so what the post-pass does not change is written back as it was.
enum PDFValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A real number, as written.
    case real([UInt8])
    /// A string as written, with its delimiters: `(…)` or `<…>`.
    case string([UInt8])
    /// A name as written, with its slash (`/Figure`).
    case name(String)
    case array([PDFValue])
    case dictionary(PDFDictionary)
    /// An indirect reference to an object of generation 0 (all that cairo writes).
    case reference(Int)

    /// A text string: PDFDocEncoding when it is printable ASCII, UTF-16BE otherwise.
    static func text(_ s: String) -> PDFValue {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var out: [UInt8] = [UInt8(ascii: "(")]
            for c in s.utf8 {
                if c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(c)
            }
            out.append(UInt8(ascii: ")"))
            return .string(out)
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("<FEFF".utf8)
        for unit in s.utf16 {
            for shift in [12, 8, 4, 0] { out.append(hex[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        out.append(UInt8(ascii: ">"))
        return .string(out)
    }

    var dictionary: PDFDictionary? { if case .dictionary(let d) = self { return d }; return nil }
    var reference: Int? { if case .reference(let n) = self { return n }; return nil }

    func isName(_ name: String) -> Bool { if case .name(let n) = self { return n == name }; return false }
}

/// A dictionary with its keys in the order they were written (or added).
struct PDFDictionary: ExpressibleByDictionaryLiteral, Sendable {
    /// Keys with their slash: "/Type".
    var entries: [(key: String, value: PDFValue)] = []

    init(dictionaryLiteral elements: (String, PDFValue)...) {
        entries = elements.map { (key: $0.0, value: $0.1) }
    }

    subscript(key: String) -> PDFValue? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key: key, value: newValue))
            }
        }
    }
}

/// One numbered object: a value, and the (still encoded) data when it is a stream.
struct PDFObject: Sendable {
    var value: PDFValue
    var stream: [UInt8]?
    /// Where the stream's data starts in the file it was read from.
    var streamOffset = -1
}

/// A PDF the post-pass does not understand: it reads only the shape cairo 1.16 writes, and
/// refuses anything else rather than guess. `reason` says what it met.
public struct PDFUnsupported: Error, CustomStringConvertible {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String {
        "the PDF post-pass does not understand this PDF (\(reason)); it reads only PDFs as cairo 1.16 writes them"
    }
}

/// A PDF in the shape cairo writes it (one classic cross-reference table, no object streams, no
/// encryption, generation 0 throughout), read into numbered objects, changed, and written again
/// as PDF 1.7 with object streams and a cross-reference stream. Anything outside that shape is
/// refused with `PDFUnsupported`, never guessed at.
struct PDFFile {
    /// Indexed by object number; nil for free or unused numbers.
    var objects: [PDFObject?]
    var trailer: PDFDictionary

    init(parsing input: [UInt8]) throws {
        (objects, trailer) = try input.withUnsafeBufferPointer { b in
            var p = PDFParser(b)
            let xref = try p.startXref()
            p.i = xref
            let (offsets, trailer) = try p.crossReferenceTable()
            guard trailer["/Prev"] == nil, trailer["/Encrypt"] == nil, trailer["/XRefStm"] == nil else {
                throw PDFUnsupported("an updated or encrypted file")
            }
            var objects = [PDFObject?](repeating: nil, count: offsets.count)
            // Stream lengths may refer to objects further on: those are read first, on demand.
            var lengths: [Int: Int] = [:]
            func length(_ v: PDFValue?) throws -> Int {
                switch v {
                case .integer(let n)?: return n
                case .reference(let r)?:
                    if let n = lengths[r] { return n }
                    guard r < offsets.count, let at = offsets[r] else { throw PDFUnsupported("a stream length that is missing") }
                    var q = PDFParser(b)
                    q.i = at
                    guard case .integer(let n) = try q.object(number: r, length: { _ in throw PDFUnsupported("a nested length") }).value else {
                        throw PDFUnsupported("a stream length that is not a number")
                    }
                    lengths[r] = n
                    return n
                default: throw PDFUnsupported("a stream without a length")
                }
            }
            for (number, offset) in offsets.enumerated() {
                guard let offset else { continue }
                p.i = offset
                objects[number] = try p.object(number: number, length: length)
            }
            return (objects, trailer)
        }
    }

    /// Adds an object and returns its number.
    mutating func add(_ object: PDFObject) -> Int {
        objects.append(object)
        return objects.count - 1
    }

    /// The dictionary of object `number` (a stream's dictionary for a stream).
    func dictionary(_ number: Int) -> PDFDictionary? {
        guard number >= 0, number < objects.count else { return nil }
        return objects[number]?.value.dictionary
    }

    /// The value, following an indirect reference.
    func resolve(_ v: PDFValue?) -> PDFValue? {
        if case .reference(let n)? = v { return n < objects.count ? objects[n]?.value : nil }
        return v
    }

    /// Gives every TrueType CID font (CIDFontType2) without a /CIDToGIDMap the map /Identity,
    /// which PDF/UA-1 requires written out (ISO 14289-1 7.21.3.2), though PDF's default is the
    /// same. It is what cairo 1.16 means: its TrueType subsets number their glyphs in the order
    /// the CIDs are given out (subset glyph k is CID k, the /W widths are glyph k's advances),
    /// which `PDFFileTests` checks on cairo's own file. Returns the fonts it changed.
    @discardableResult
    mutating func mapCIDsToGlyphIDs() -> [Int] {
        var changed: [Int] = []
        for n in objects.indices {
            guard let d = objects[n]?.value.dictionary, d["/Subtype"]?.isName("/CIDFontType2") == true,
                  d["/Type"]?.isName("/Font") != false, d["/CIDToGIDMap"] == nil else { continue }
            update(n) { $0["/CIDToGIDMap"] = .name("/Identity") }
            changed.append(n)
        }
        return changed
    }

    /// Changes the dictionary of object `number` in place; nothing when it is not one.
    mutating func update(_ number: Int, _ change: (inout PDFDictionary) throws -> Void) rethrows {
        guard number >= 0, number < objects.count, var object = objects[number], case .dictionary(var d) = object.value else { return }
        try change(&d)
        object.value = .dictionary(d)
        objects[number] = object
    }

    // MARK: Writing

    /// How many objects go in one object stream (qpdf's default too).
    static let objectsPerStream = 100

    /// The file: every object reachable from the trailer's /Root and /Info, renumbered in the
    /// order they are reached; streams with no filter compressed (except XMP metadata, which stays readable);
    /// other objects packed into Flate object streams; a cross-reference stream; and an /ID that
    /// is a hash of the content, so equal input gives equal bytes.
    func serialized() throws -> [UInt8] {
        // Reachable objects, numbered in the order they are found from the trailer, so that
        // objects read together sit together (which also packs and compresses better). A
        // stream's /Length is written directly, so the objects cairo kept lengths in are left.
        var renumbered = [Int](repeating: 0, count: objects.count)
        var order: [Int] = []
        func visit(_ v: PDFValue, skipLength: Bool = false) {
            switch v {
            case .reference(let n):
                if n >= 0, n < objects.count, objects[n] != nil, renumbered[n] == 0 {
                    order.append(n)
                    renumbered[n] = order.count
                }
            case .array(let items): for item in items { visit(item) }
            case .dictionary(let d): for (k, item) in d.entries where !(skipLength && k == "/Length") { visit(item) }
            default: break
            }
        }
        for key in ["/Root", "/Info"] { if let v = trailer[key] { visit(v) } }
        var k = 0
        while k < order.count {
            let object = objects[order[k]]!
            visit(object.value, skipLength: object.stream != nil)
            k += 1
        }
        let streams = order.filter { objects[$0]!.stream != nil }
        let packed = order.filter { objects[$0]!.stream == nil }
        let packs = stride(from: 0, to: packed.count, by: Self.objectsPerStream).map {
            Array(packed[$0..<min(packed.count, $0 + Self.objectsPerStream)])
        }
        let firstPack = order.count + 1
        let xrefNumber = firstPack + packs.count
        let size = xrefNumber + 1

        // Stream data and object streams are compressed on every core.
        enum Job: Sendable { case stream(Int), pack(Int) }
        let jobs = streams.map { Job.stream($0) } + packs.indices.map { Job.pack($0) }
        let all = objects, numbers = renumbered
        let bodies: [(dict: [UInt8], data: [UInt8])?] = Parallel.map(jobs) { job -> (dict: [UInt8], data: [UInt8])? in
            switch job {
            case .stream(let n):
                let object = all[n]!
                guard var dict = object.value.dictionary, var data = object.stream else { return nil }
                if dict["/Filter"] == nil, !(dict["/Type"]?.isName("/Metadata") ?? false) {
                    guard let packed = Flate.deflate(data) else { return nil }
                    data = packed
                    dict["/Filter"] = .name("/FlateDecode")
                    dict["/DecodeParms"] = nil
                }
                dict["/Length"] = .integer(data.count)
                var out: [UInt8] = []
                PDFWriter.write(.dictionary(dict), to: &out, renumbered: numbers)
                return (out, data)
            case .pack(let k):
                var header: [UInt8] = [], body: [UInt8] = []
                for n in packs[k] {
                    if !header.isEmpty { header.append(0x20) }
                    header += Array("\(numbers[n]) \(body.count)".utf8)
                    PDFWriter.write(all[n]!.value, to: &body, renumbered: numbers)
                    body.append(0x0A)
                }
                header.append(0x0A)
                guard let data = Flate.deflate(header + body) else { return nil }
                let dict: PDFDictionary = ["/Type": .name("/ObjStm"), "/N": .integer(packs[k].count),
                                           "/First": .integer(header.count), "/Filter": .name("/FlateDecode"),
                                           "/Length": .integer(data.count)]
                var out: [UInt8] = []
                PDFWriter.write(.dictionary(dict), to: &out, renumbered: numbers)
                return (out, data)
            }
        }

        // Cross-reference entries: type, field 2, field 3 (see PDF 1.7, 7.5.8.3).
        var entries = [(UInt8, Int, Int)](repeating: (0, 0, 0), count: size)
        for (k, pack) in packs.enumerated() {
            for (index, n) in pack.enumerated() { entries[renumbered[n]] = (2, firstPack + k, index) }
        }
        var out: [UInt8] = Array("%PDF-1.7\n%\u{BF}\u{F7}\u{A2}\u{FE}\n".unicodeScalars.map { UInt8($0.value) })
        let written = streams.map { renumbered[$0] } + packs.indices.map { firstPack + $0 }
        for (number, body) in zip(written, bodies) {
            guard let body else { throw PDFUnsupported("a stream zlib would not compress") }
            entries[number] = (1, out.count, 0)
            out += Array("\(number) 0 obj\n".utf8)
            out += body.dict
            out += Array("\nstream\n".utf8)
            out += body.data
            out += Array("\nendstream\nendobj\n".utf8)
        }

        let id = Array(SHA256.hex(out).utf8.prefix(32))
        let xrefOffset = out.count
        entries[xrefNumber] = (1, xrefOffset, 0)
        // Each field as wide as its largest value needs; rows stored as differences from the row
        // above (PNG "Up" predictor), which compresses the table to a fraction.
        func width(_ largest: Int) -> Int { var w = 1; while largest >> (8 * w) > 0 { w += 1 }; return w }
        let w2 = width(entries.map { $0.1 }.max() ?? 0), w3 = width(entries.map { $0.2 }.max() ?? 0)
        let row = 1 + w2 + w3
        var table = [UInt8](repeating: 0, count: size * (row + 1))
        var previous = [UInt8](repeating: 0, count: row), current = previous
        for (r, (type, field2, field3)) in entries.enumerated() {
            current[0] = type
            for b in 0..<w2 { current[1 + b] = UInt8(truncatingIfNeeded: field2 >> (8 * (w2 - 1 - b))) }
            for b in 0..<w3 { current[1 + w2 + b] = UInt8(truncatingIfNeeded: field3 >> (8 * (w3 - 1 - b))) }
            let at = r * (row + 1)
            table[at] = 2
            for b in 0..<row { table[at + 1 + b] = current[b] &- previous[b] }
            swap(&previous, &current)
        }
        guard let packedTable = Flate.deflate(table) else { throw PDFUnsupported("a table zlib would not compress") }
        var xref: PDFDictionary = ["/Type": .name("/XRef"), "/Size": .integer(size),
                                   "/W": .array([.integer(1), .integer(w2), .integer(w3)])]
        if let root = trailer["/Root"] { xref["/Root"] = root }
        if let info = trailer["/Info"] { xref["/Info"] = info }
        let idString = PDFValue.string([UInt8(ascii: "<")] + id + [UInt8(ascii: ">")])
        xref["/ID"] = .array([idString, idString])
        xref["/DecodeParms"] = .dictionary(["/Columns": .integer(row), "/Predictor": .integer(12)])
        xref["/Filter"] = .name("/FlateDecode")
        xref["/Length"] = .integer(packedTable.count)
        out += Array("\(xrefNumber) 0 obj\n".utf8)
        PDFWriter.write(.dictionary(xref), to: &out, renumbered: renumbered)
        out += Array("\nstream\n".utf8)
        out += packedTable
        out += Array("\nendstream\nendobj\nstartxref\n\(xrefOffset)\n%%EOF\n".utf8)
        return out
    }
}

/// Writes values in a compact, canonical form.
enum PDFWriter {
    static func write(_ v: PDFValue, to out: inout [UInt8], renumbered: [Int]) {
        switch v {
        case .null: out += [0x6E, 0x75, 0x6C, 0x6C]
        case .bool(let b): out += b ? Array("true".utf8) : Array("false".utf8)
        case .integer(let n): integer(n, to: &out)
        case .real(let bytes), .string(let bytes): out += bytes
        case .name(let name): out += Array(name.utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for item in items { out.append(0x20); write(item, to: &out, renumbered: renumbered) }
            out += [0x20, UInt8(ascii: "]")]
        case .dictionary(let d):
            out += [UInt8(ascii: "<"), UInt8(ascii: "<")]
            for (key, item) in d.entries {
                out.append(0x20); out += Array(key.utf8); out.append(0x20)
                write(item, to: &out, renumbered: renumbered)
            }
            out += [0x20, UInt8(ascii: ">"), UInt8(ascii: ">")]
        case .reference(let n):
            // A reference to an object that is not written (none in cairo's files) becomes null,
            // which is what a reader makes of a reference to a missing object anyway.
            let number = n >= 0 && n < renumbered.count ? renumbered[n] : 0
            if number == 0 { out += Array("null".utf8); return }
            integer(number, to: &out); out += Array(" 0 R".utf8)
        }
    }

    static func integer(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        let start = out.count
        repeat { out.append(UInt8(ascii: "0") + UInt8(m % 10)); m /= 10 } while m > 0
        out[start...].reverse()
    }
}

/// Reads PDF syntax from bytes (ISO 32000-1, 7.2 and 7.3).
struct PDFParser {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    static func isWhite(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00 }
    static func isDelimiter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"): return true
        default: return false
        }
    }

    mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            if Self.isWhite(c) { i += 1 } else if c == UInt8(ascii: "%") {
                while i < b.count, b[i] != 0x0A, b[i] != 0x0D { i += 1 }
            } else { return }
        }
    }

    /// A run of regular characters (a number or a keyword).
    mutating func word() -> UnsafeBufferPointer<UInt8> {
        skipSpace()
        let s = i
        while i < b.count, !Self.isWhite(b[i]), !Self.isDelimiter(b[i]) { i += 1 }
        return UnsafeBufferPointer(rebasing: b[s..<i])
    }

    mutating func keyword(_ k: String) -> Bool {
        let save = i
        if word().elementsEqual(k.utf8) { return true }
        i = save
        return false
    }

    mutating func expect(_ k: String) throws {
        guard keyword(k) else { throw PDFUnsupported("\"\(k)\" expected at byte \(i)") }
    }

    /// A non-negative integer with at most 18 digits, or nil.
    static func integer(_ w: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !w.isEmpty, w.count <= 18 else { return nil }
        var n = 0
        for c in w {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }

    mutating func integer() throws -> Int {
        guard let n = Self.integer(word()) else { throw PDFUnsupported("a number expected at byte \(i)") }
        return n
    }

    /// Where the last cross-reference section starts.
    mutating func startXref() throws -> Int {
        let key = Array("startxref".utf8)
        var at = b.count - key.count
        let stop = max(0, b.count - 2048)
        while at >= stop {
            if b[at] == key[0], b[at..<at + key.count].elementsEqual(key) { break }
            at -= 1
        }
        guard at >= stop else { throw PDFUnsupported("no startxref") }
        i = at + key.count
        let offset = try integer()
        guard offset < b.count else { throw PDFUnsupported("startxref past the end") }
        return offset
    }

    /// A classic cross-reference table and its trailer: the offset of each object in use.
    mutating func crossReferenceTable() throws -> ([Int?], PDFDictionary) {
        try expect("xref")
        var offsets: [Int?] = []
        while !keyword("trailer") {
            let first = try integer(), count = try integer()
            guard first <= 10_000_000, count <= 10_000_000 else { throw PDFUnsupported("a cross-reference table too large") }
            if offsets.count < first + count { offsets += [Int?](repeating: nil, count: first + count - offsets.count) }
            for k in 0..<count {
                let offset = try integer()
                let generation = try integer()
                let kind = word()
                if kind.elementsEqual("n".utf8) {
                    guard generation == 0, offset < b.count else { throw PDFUnsupported("an object of generation \(generation)") }
                    offsets[first + k] = offset
                } else if !kind.elementsEqual("f".utf8) {
                    throw PDFUnsupported("a cross-reference entry that is neither n nor f")
                }
            }
        }
        guard case .dictionary(let trailer) = try value(depth: 0) else { throw PDFUnsupported("a trailer that is not a dictionary") }
        return (offsets, trailer)
    }

    /// "N 0 obj … endobj", with the stream data when it is a stream.
    mutating func object(number: Int, length: (PDFValue?) throws -> Int) throws -> PDFObject {
        guard try integer() == number, try integer() == 0 else { throw PDFUnsupported("object \(number) is not where the table says") }
        try expect("obj")
        let v = try value(depth: 0)
        guard keyword("stream") else { return PDFObject(value: v, stream: nil) }
        guard case .dictionary(let d) = v else { throw PDFUnsupported("a stream without a dictionary") }
        // The keyword is followed by CR LF or LF (7.3.8.1).
        if i < b.count, b[i] == 0x0D { i += 1 }
        guard i < b.count, b[i] == 0x0A else { throw PDFUnsupported("a stream keyword without its end of line") }
        i += 1
        let n = try length(d["/Length"])
        guard n >= 0, n <= b.count - i else { throw PDFUnsupported("a stream longer than the file") }
        let data = Array(UnsafeBufferPointer(rebasing: b[i..<i + n]))
        let offset = i
        i += n
        try expect("endstream")
        return PDFObject(value: v, stream: data, streamOffset: offset)
    }

    mutating func value(depth: Int) throws -> PDFValue {
        guard depth < 100 else { throw PDFUnsupported("objects nested too deeply") }
        skipSpace()
        guard i < b.count else { throw PDFUnsupported("the file ends inside an object") }
        let c = b[i]
        switch c {
        case UInt8(ascii: "/"):
            let s = i
            i += 1
            while i < b.count, !Self.isWhite(b[i]), !Self.isDelimiter(b[i]) { i += 1 }
            let bytes = UnsafeBufferPointer(rebasing: b[s..<i])
            guard bytes.allSatisfy({ $0 < 0x80 }) else { throw PDFUnsupported("a name that is not ASCII") }
            return .name(String(decoding: bytes, as: UTF8.self))
        case UInt8(ascii: "("):
            let s = i
            var nesting = 0
            while i < b.count {
                let d = b[i]
                if d == UInt8(ascii: "\\") { i += 2; continue }
                if d == UInt8(ascii: "(") { nesting += 1 }
                if d == UInt8(ascii: ")") { nesting -= 1; if nesting == 0 { i += 1; break } }
                i += 1
            }
            guard nesting == 0, i <= b.count else { throw PDFUnsupported("a string that never ends") }
            return .string(Array(UnsafeBufferPointer(rebasing: b[s..<i])))
        case UInt8(ascii: "<"):
            if i + 1 < b.count, b[i + 1] == UInt8(ascii: "<") {
                i += 2
                var d = PDFDictionary()
                while true {
                    skipSpace()
                    guard i < b.count else { throw PDFUnsupported("a dictionary that never ends") }
                    if b[i] == UInt8(ascii: ">") {
                        guard i + 1 < b.count, b[i + 1] == UInt8(ascii: ">") else { throw PDFUnsupported("a stray > at byte \(i)") }
                        i += 2
                        return .dictionary(d)
                    }
                    guard case .name(let key) = try value(depth: depth + 1) else { throw PDFUnsupported("a dictionary key that is not a name") }
                    d.entries.append((key: key, value: try value(depth: depth + 1)))
                }
            }
            let s = i
            while i < b.count, b[i] != UInt8(ascii: ">") { i += 1 }
            guard i < b.count else { throw PDFUnsupported("a hex string that never ends") }
            i += 1
            return .string(Array(UnsafeBufferPointer(rebasing: b[s..<i])))
        case UInt8(ascii: "["):
            i += 1
            var items: [PDFValue] = []
            while true {
                skipSpace()
                guard i < b.count else { throw PDFUnsupported("an array that never ends") }
                if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                items.append(try value(depth: depth + 1))
            }
        default:
            let w = word()
            guard !w.isEmpty else { throw PDFUnsupported("an unexpected byte \(c) at byte \(i)") }
            if let n = Self.integer(w) {
                // "N 0 R" is a reference; anything else leaves the integer alone.
                let save = i
                if let g = Self.integer(word()), keyword("R") {
                    guard g == 0 else { throw PDFUnsupported("a reference to generation \(g)") }
                    return .reference(n)
                }
                i = save
                return .integer(n)
            }
            if w.elementsEqual("true".utf8) { return .bool(true) }
            if w.elementsEqual("false".utf8) { return .bool(false) }
            if w.elementsEqual("null".utf8) { return .null }
            let first = w[0]
            if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) {
                guard w.dropFirst().allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }) else {
                    throw PDFUnsupported("a malformed number at byte \(i)")
                }
                if first == UInt8(ascii: "-"), let n = Self.integer(UnsafeBufferPointer(rebasing: w.dropFirst())) { return .integer(-n) }
                return .real(Array(w))
            }
            throw PDFUnsupported("an unknown keyword at byte \(i)")
        }
    }
}
