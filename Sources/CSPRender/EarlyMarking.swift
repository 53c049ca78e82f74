import Dispatch
import Synchronization

/// Page content marked while cairo is still drawing. When `cairo_show_page` returns, cairo has
/// written that page's content stream; `scan` finds the streams written since its last call and
/// marks each on another core (inflate, mark artifacts, deflate), so the post-pass finds most of
/// its work done. A result is used only for a stream whose bytes are exactly the ones marked
/// (`result(at:for:)`), so a wrong guess costs time, never correctness.
final class EarlyMarking: Sendable {
    private let results = Mutex<[Int: (input: [UInt8], output: [UInt8]?)]>([:])
    /// How far `scan` has read (only the drawing thread scans).
    private let scanned = Mutex(0)
    private let queue = DispatchQueue(label: "cspreport.early-marking")
    private let group = DispatchGroup()

    static let streamKeyword = Array("\nstream\n".utf8), endKeyword = Array("\nendstream".utf8)
    static let objKeyword = Array(" 0 obj".utf8)

    /// Marks each complete page-content stream in `bytes` past the last scan.
    func scan(_ bytes: [UInt8]) {
        var at = scanned.withLock { $0 }
        while let keyword = Self.find(Self.streamKeyword, in: bytes, from: at) {
            let start = keyword + Self.streamKeyword.count
            guard let end = Self.find(Self.endKeyword, in: bytes, from: start) else { break }
            at = end + Self.endKeyword.count
            // Cairo's page content: "N 0 obj\n<< /Length M 0 R\n   /Filter /FlateDecode\n>>".
            guard isPageContent(bytes, dictionaryEnd: keyword) else { continue }
            let data = Array(bytes[start..<end])
            group.enter()
            queue.async { [self] in
                let marked = Flate.inflate(data).map(ArtifactMarker.mark).flatMap(Flate.deflate)
                results.withLock { $0[start] = (data, marked) }
                group.leave()
            }
        }
        scanned.withLock { $0 = at }
    }

    /// The marked and compressed content for the stream whose data starts at byte `offset`,
    /// when it was marked from exactly `data`; waits for the marking still under way.
    func result(at offset: Int, for data: [UInt8]) -> [UInt8]?? {
        group.wait()
        return results.withLock { r -> [UInt8]?? in
            guard let entry = r[offset], entry.input == data else { return nil }
            return .some(entry.output)
        }
    }

    private func isPageContent(_ bytes: [UInt8], dictionaryEnd: Int) -> Bool {
        let from = max(0, dictionaryEnd - 120)
        guard let header = Self.lastIndex(of: Self.objKeyword, in: bytes, from: from, to: dictionaryEnd) else { return false }
        return bytes.withUnsafeBufferPointer { b -> Bool in
            var p = PDFParser(UnsafeBufferPointer(rebasing: b[..<(dictionaryEnd + 1)]))
            p.i = header + Self.objKeyword.count
            guard case .dictionary(let d)? = try? p.value(depth: 0), d.entries.count == 2,
                  d["/Length"]?.reference != nil, d["/Filter"]?.isName("/FlateDecode") == true else { return false }
            return true
        }
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard from >= 0, needle.count <= bytes.count else { return nil }
        var i = from
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == needle[0], bytes[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in bytes: [UInt8], from: Int, to end: Int) -> Int? {
        var i = end - needle.count
        while i >= from {
            if bytes[i] == needle[0], bytes[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
