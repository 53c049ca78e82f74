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

    /// The valid base tree of the bad-input corpus, keyed by path from the folder that holds
    /// reports/, for a MemoryWorld.
    static func badInputBase() -> [String: [UInt8]] {
        files(in: folder("BadInputs/base/reports"), prefix: "reports/")
    }

    static func files(in folder: URL, prefix: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for url in files(under: folder) {
            out[prefix + String(url.path.dropFirst(folder.path.count + 1))] = try? bytes(url)
        }
        return out
    }
}
