import CSPFuzz
import CSPValidate
import Foundation
import Testing

/// The seed corpus and every input that once made a fuzz target fail, replayed through the
/// same checks the fuzzers run (Sources/CSPFuzz). A regression input's file name says what
/// was wrong; see the commit that added it.
@Suite struct FuzzReplayTests {
    static func check(_ target: String, _ bytes: [UInt8]) -> String? {
        switch target {
        case "csv": return FuzzTargets.csv(bytes)
        case "yaml": return FuzzTargets.yaml(bytes)
        case "quarter": return FuzzTargets.quarter(bytes)
        case "workbook": return FuzzTargets.workbook(bytes)
        default: return FuzzTargets.report(bytes)
        }
    }

    @Test(arguments: ["csv", "yaml", "quarter", "report", "workbook"])
    func seedCorpusAndRegressions(target: String) throws {
        let inputs = Corpus.files(under: Corpus.folder("FuzzCorpus/\(target)"))
            + Corpus.files(under: Corpus.folder("FuzzRegressions/\(target)"))
        #expect(inputs.count >= 3)
        for url in inputs {
            let failure = Self.check(target, try Corpus.bytes(url))
            #expect(failure == nil, "\(url.lastPathComponent): \(failure ?? "")")
        }
    }

    @Test func seedCorpusStaysSmall() {
        let total = Corpus.files(under: Corpus.folder("FuzzCorpus")).reduce(0) {
            $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
        #expect(total < 2 * 1024 * 1024)
    }

    /// The seeds that are whole valid trees must load, or the fuzzers start from nothing useful.
    @Test(arguments: ["base.txt", "with-history.txt", "sample-2024-25-Q3.txt", "sample-with-police.txt"])
    func validSeedsLoad(_ name: String) throws {
        let world = QuarterArchive.world(from: try Corpus.bytes(Corpus.folder("FuzzCorpus/quarter/\(name)")))
        let (input, d) = QuarterLoader.load(world: world, directory: QuarterArchive.quarterDirectory(of: world))
        #expect(input != nil, "\(d.map(\.formatted).prefix(5))")
        if name.contains("police") { #expect(input?.crime?.files.count == 2, "\(d.map(\.formatted).prefix(5))") }
    }

    @Test func archiveSplitsIntoFiles() throws {
        let world = QuarterArchive.world(from: Array("ignored\n### csp.yaml\nname: X\r\n### 2021-22-Q3/a.csv\r\na,b\n".utf8))
        #expect(world.files.keys.sorted() == ["reports/2021-22-Q3/a.csv", "reports/csp.yaml"])
        #expect(world.files["reports/csp.yaml"] == Array("name: X\r\n".utf8))
        #expect(world.files["reports/2021-22-Q3/a.csv"] == Array("a,b\n".utf8))
        let base = try Corpus.bytes(Corpus.folder("FuzzCorpus/quarter/base.txt"))
        #expect(QuarterArchive.world(from: base).files.count == 9)
    }
}
