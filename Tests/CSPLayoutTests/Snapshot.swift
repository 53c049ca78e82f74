import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Compares text with `Snapshots/<name>.txt`. `CSP_UPDATE_SNAPSHOTS=1` records it. A missing
/// snapshot fails the test rather than being recorded: a snapshot written by the run that checks
/// it would pass whatever the layout did, and a file left out of a commit would go unnoticed. On a
/// mismatch or a missing file the actual text is written beside it as `<name>.actual.txt`.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = String(#filePath.prefix(upTo: #filePath.lastIndex(of: "/") ?? #filePath.endIndex)) + "/Snapshots"
    let path = "\(dir)/\(name).txt"
    if getenv("CSP_UPDATE_SNAPSHOTS").map({ String(cString: $0) == "1" }) ?? false {
        write(text, to: path)
        return
    }
    guard let stored = read(path) else {
        write(text, to: "\(dir)/\(name).actual.txt")
        Issue.record("snapshot \(name) is missing (\(path)); check \(name).actual.txt and record it with CSP_UPDATE_SNAPSHOTS=1",
                     sourceLocation: sourceLocation)
        return
    }
    if stored != text {
        write(text, to: "\(dir)/\(name).actual.txt")
        Issue.record("snapshot \(name) differs; see \(dir)/\(name).actual.txt (diff it against \(name).txt)",
                     sourceLocation: sourceLocation)
    }
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
