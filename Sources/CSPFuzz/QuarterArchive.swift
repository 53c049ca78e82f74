import CSPCore

/// A reports/ tree packed into one text, so that one fuzz input is a whole quarter folder
/// (with csp.yaml and earlier quarters). A line `### NAME` starts the file `reports/NAME`;
/// everything up to the next such line is its content. Text before the first marker is
/// ignored. Example:
///
///     ### csp.yaml
///     name: Cambridge CSP
///     ### 2021-22-Q3/psg-cases.csv
///     case_id,title,…
public enum QuarterArchive {
    public static let root = "reports"
    /// The quarter every archive is loaded as; earlier quarters beside it become history.
    public static let quarterDirectory = "reports/2021-22-Q3"
    static let marker: [UInt8] = Array("### ".utf8)

    public static func world(from bytes: [UInt8]) -> MemoryWorld {
        var files: [String: [UInt8]] = [:]
        var name: String?
        var content: [UInt8] = []
        func flush() {
            if let name { files[Path.join(root, name)] = content }
        }
        var lineStart = 0
        let n = bytes.count
        while lineStart < n {
            var end = lineStart
            while end < n && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let next = end < n ? end + 1 : n
            if bytes[lineStart..<end].starts(with: marker) {
                flush()
                var title = Array(bytes[(lineStart + marker.count)..<end])
                if title.last == UInt8(ascii: "\r") { title.removeLast() }
                name = String(decoding: title, as: UTF8.self)
                content = []
            } else if name != nil {
                content.append(contentsOf: bytes[lineStart..<next])
            }
            lineStart = next
        }
        flush()
        return MemoryWorld(files: files)
    }

    /// The inverse, for building seed inputs from files.
    public static func pack(_ files: [(name: String, content: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        for (name, content) in files {
            out += marker + Array(name.utf8) + [UInt8(ascii: "\n")]
            out += content
            if let last = content.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        }
        return out
    }
}
