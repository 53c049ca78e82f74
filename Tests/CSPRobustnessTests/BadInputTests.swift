import CSPCore
import CSPValidate
import Foundation
import Testing

/// One folder of Tests/BadInputs: a copy of the valid base tree (BadInputs/base/reports) with
/// the files in the case folder put over it (paths relative to reports/), the paths listed in
/// `remove.txt` taken out, and `expected.txt` holding every diagnostic, formatted, in order.
/// Lines of `expected.txt` that start with `#` say what the defect is.
struct BadInputCase: CustomTestStringConvertible, Sendable {
    let name: String
    var testDescription: String { name }

    static let root = Corpus.folder("BadInputs")

    static var all: [BadInputCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.first?.isNumber == true }.sorted().map(BadInputCase.init)
    }

    static func baseFiles() -> [String: [UInt8]] { Corpus.badInputBase() }

    var folder: URL { BadInputCase.root.appendingPathComponent(name) }
    var expectedURL: URL { folder.appendingPathComponent("expected.txt") }

    var world: MemoryWorld {
        var files = BadInputCase.baseFiles()
        for (path, bytes) in Corpus.files(in: folder, prefix: "reports/")
            where !["reports/expected.txt", "reports/remove.txt"].contains(path) {
            files[path] = bytes
        }
        let remove = (try? String(contentsOf: folder.appendingPathComponent("remove.txt"), encoding: .utf8)) ?? ""
        for line in remove.split(separator: "\n") where !line.isEmpty {
            files["reports/" + line] = nil
        }
        return MemoryWorld(files: files)
    }

    func actual() -> (valid: Bool, lines: [String]) {
        let (input, diagnostics) = QuarterLoader.load(world: world, directory: "reports/2021-22-Q3")
        var bag = Diagnostics()
        bag.append(contentsOf: diagnostics)
        return (input != nil, bag.sorted.map(\.formatted))
    }

    var expectedText: String { (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "" }

    var expected: [String] {
        expectedText.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("#") }.map(String.init)
    }
}

@Suite struct BadInputTests {
    @Test func baseIsValidWithoutWarnings() {
        let (input, d) = QuarterLoader.load(world: MemoryWorld(files: BadInputCase.baseFiles()), directory: "reports/2021-22-Q3")
        #expect(input != nil)
        #expect(d.map(\.formatted) == [])
    }

    @Test func atLeastFortyCases() {
        #expect(BadInputCase.all.count >= 40)
    }

    /// Set CSP_RECORD_BAD_INPUTS=1 to (re)write expected.txt from the actual output, keeping
    /// its comment lines; then read every change before committing it.
    @Test(arguments: BadInputCase.all)
    func diagnosticsAreExactlyTheExpectedOnes(_ c: BadInputCase) throws {
        let (valid, lines) = c.actual()
        if ProcessInfo.processInfo.environment["CSP_RECORD_BAD_INPUTS"] != nil {
            let comments = c.expectedText.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
            try (comments + lines).map { $0 + "\n" }.joined().write(to: c.expectedURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(!c.expected.isEmpty, "\(c.name): expected.txt lists no diagnostic")
        #expect(lines == c.expected, "\(c.name)")
        // An error means no input: nothing is built from a folder with errors.
        #expect(valid == !lines.contains { $0.contains(": error: ") }, "\(c.name)")
    }
}
