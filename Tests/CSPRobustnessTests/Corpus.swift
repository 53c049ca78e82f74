import Foundation

/// Where the committed test data lives, found from this file's path so tests run from any
/// current folder.
enum Corpus {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func folder(_ name: String) -> URL { testsFolder.appendingPathComponent(name) }

    /// Regular files under `folder` (recursively), sorted by path; [] when it does not exist.
    static func files(under folder: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [URL] = []
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            out.append(url)
        }
        return out.sorted { $0.path < $1.path }
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
}
