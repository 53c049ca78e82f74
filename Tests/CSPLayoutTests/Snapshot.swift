import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Compares text with `Snapshots/<name>.txt`. A missing snapshot is recorded;
/// `CSP_UPDATE_SNAPSHOTS=1` re-records. On a mismatch the actual text is written beside it
/// as `<name>.actual.txt` for `diff`.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex)) + "/Snapshots"
    let path = "\(dir)/\(name).txt"
    let update = getenv("CSP_UPDATE_SNAPSHOTS").map { String(cString: $0) == "1" } ?? false
    if !update, let stored = read(path) {
        if stored != text {
            write(text, to: "\(dir)/\(name).actual.txt")
            Issue.record("snapshot \(name) differs; see \(dir)/\(name).actual.txt (diff it against \(name).txt)",
                         sourceLocation: sourceLocation)
        }
        return
    }
    write(text, to: path)
}

private func read(_ path: String) -> String? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        bytes += buf[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

private func write(_ text: String, to path: String) {
    guard let f = fopen(path, "wb") else { return }
    let b = Array(text.utf8)
    _ = b.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}
