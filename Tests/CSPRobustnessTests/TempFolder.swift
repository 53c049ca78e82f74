import Foundation

/// A real folder under the system's temporary folder, removed when the test ends.
final class TempFolder {
    let path: String

    init() throws {
        let tmp = URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path
        var template = Array((tmp + "/cspreport-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func url(_ relative: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(relative) }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let u = url(relative)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: u)
    }

    func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    func read(_ relative: String) -> [UInt8]? { (try? Data(contentsOf: url(relative))).map { [UInt8]($0) } }

    /// Copies the bad-input corpus's valid base tree (reports/…) here.
    func copyBase() throws {
        for file in Corpus.files(under: Corpus.folder("BadInputs/base")) {
            let relative = String(file.path.dropFirst(Corpus.folder("BadInputs/base").path.count + 1))
            try write(relative, try Corpus.bytes(file))
        }
    }

    func entries(_ relative: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url(relative).path)) ?? []).sorted()
    }
}
