import CMemory
import Dispatch
import Synchronization

/// Page content marked while cairo is still drawing. When `cairo_show_page` returns, cairo has
/// written that page's content stream; `scan` finds the streams written since its last call and
/// marks each on another core (inflate, mark artifacts, deflate), so the post-pass finds most of
/// its work done. A result is used only for a stream whose bytes are exactly the ones marked
/// (`result(at:for:)`), so a wrong guess costs time, never correctness.
package final class EarlyMarking: Sendable {
    private let results = Mutex<[Int: (input: [UInt8], output: [UInt8]?)]>([:])
    /// How far `scan` has read (only the drawing thread scans).
    private let scanned = Mutex(0)
    private let queue = DispatchQueue(label: "cspreport.early-marking")
    private let group = DispatchGroup()

    package init() {}

    static let streamKeyword = Array("\nstream\n".utf8), endKeyword = Array("\nendstream".utf8)
    static let objKeyword = Array(" 0 obj".utf8)

    /// Marks each complete page-content stream in `bytes` (what cairo has written so far) past
    /// the last scan.
    package func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        var at = scanned.withLock { $0 }
        while let keyword = Self.find(Self.streamKeyword, in: bytes, from: at) {
            let start = keyword + Self.streamKeyword.count
            guard let end = Self.find(Self.endKeyword, in: bytes, from: start) else { break }
            at = end + Self.endKeyword.count
            // Cairo's page content: "N 0 obj\n<< /Length M 0 R\n   /Filter /FlateDecode\n>>" (or
            // without the filter, where a cairo build leaves page content uncompressed).
            guard let compressed = pageContent(bytes, dictionaryEnd: keyword) else { continue }
            let data = Array(bytes[start..<end])
            group.enter()
            queue.async { [self] in
                let plain = compressed ? Flate.inflate(data) : data
                let marked = plain.map(ArtifactMarker.mark).flatMap(Flate.deflate)
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

    /// Whether the stream whose dictionary ends at `dictionaryEnd` looks like cairo's page
    /// content, and then whether it is compressed; nil when it does not.
    private func pageContent(_ bytes: UnsafeBufferPointer<UInt8>, dictionaryEnd: Int) -> Bool? {
        let from = max(0, dictionaryEnd - 120)
        guard let header = Self.lastIndex(of: Self.objKeyword, in: bytes, from: from, to: dictionaryEnd) else { return nil }
        var p = PDFParser(UnsafeBufferPointer(rebasing: bytes[..<(dictionaryEnd + 1)]))
        p.i = header + Self.objKeyword.count
        guard case .dictionary(let d)? = try? p.value(depth: 0), d["/Length"]?.reference != nil else { return nil }
        if d.entries.count == 2, d["/Filter"]?.isName("/FlateDecode") == true { return true }
        return d.entries.count == 1 ? false : nil
    }

    /// The first place `needle` occurs in `bytes` at or after `from` (memmem: cairo's whole
    /// output so far is scanned at memory speed).
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from >= 0, !needle.isEmpty, from + needle.count <= bytes.count, let base = bytes.baseAddress else { return nil }
        return needle.withUnsafeBytes { n -> Int? in
            guard let needleBase = n.baseAddress else { return nil }
            let k = cmemory_find(base + from, bytes.count - from, needleBase, n.count)
            return k < 0 ? nil : from + k
        }
    }

    static func lastIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        var i = end - needle.count
        while i >= from {
            if bytes[i] == needle[0], bytes[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
