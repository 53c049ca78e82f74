import CSPCore
import Foundation
@testable import CSPValidate

/// A small valid reports/ tree for 2021-22-Q3, in memory. Tests change one file and read the
/// diagnostics that change produces.
struct Fixture {
    static let dir = "reports/2021-22-Q3"

    /// The files of Tests/Fixtures/basic, keyed by their path inside it ("reports/csp.yaml").
    var files: [String: String] = Fixture.loadBasic()

    static func loadBasic() -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/basic")
        var files: [String: String] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { return [:] }
        for case let relative as String in walker {
            let url = root.appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
               let data = fm.contents(atPath: url.path) {
                files[relative] = String(decoding: data, as: UTF8.self)
            }
        }
        return files
    }

    var world: MemoryWorld { MemoryWorld(text: files) }

    func load() -> (QuarterInput?, [Diagnostic]) {
        QuarterLoader.load(world: world, directory: Fixture.dir)
    }

    /// Diagnostics formatted, in position order.
    func messages() -> [String] {
        var bag = Diagnostics()
        bag.append(contentsOf: load().1)
        return bag.sorted.map(\.formatted)
    }

    /// Replaces one line (1-based) of a file.
    mutating func replaceLine(_ file: String, _ line: Int, with text: String) {
        let path = file.contains("/") ? file : "\(Fixture.dir)/\(file)"
        var lines = (files[path] ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = text
        files[path] = lines.joined(separator: "\n")
    }

    mutating func appendLine(_ file: String, _ text: String) {
        let path = file.contains("/") ? file : "\(Fixture.dir)/\(file)"
        files[path] = (files[path] ?? "") + text + "\n"
    }
}
