import Foundation
import Testing
import CSPAggregate
import CSPCore
import CSPDisplay
import CSPLayout
@testable import CSPReport
import CSPValidate

/// The hand-made quarter of Tests/Fixtures/basic, whose every figure is known.
func basicInput() throws -> QuarterInput {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/basic")
    var files: [String: [UInt8]] = [:]
    let fm = FileManager.default
    for case let relative as String in fm.enumerator(atPath: root.path) ?? FileManager.DirectoryEnumerator() {
        var isDir: ObjCBool = false
        let path = root.appendingPathComponent(relative).path
        if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue, let data = fm.contents(atPath: path) {
            files[relative] = [UInt8](data)
        }
    }
    let (input, diagnostics) = QuarterLoader.load(world: MemoryWorld(files: files), directory: "reports/2021-22-Q3")
    #expect(!diagnostics.contains { $0.severity == .error })
    return try #require(input)
}

/// Compares with Snapshots/<name>.txt; CSP_UPDATE_SNAPSHOTS=1 records it. A missing snapshot
/// fails (a snapshot recorded by the run that checks it proves nothing); a mismatch or a missing
/// file writes <name>.actual.txt beside it for diff.
func assertReportSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent("\(name).txt")
    let actual = dir.appendingPathComponent("\(name).actual.txt")
    if ProcessInfo.processInfo.environment["CSP_UPDATE_SNAPSHOTS"] == "1" {
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
        try? text.write(to: actual, atomically: true, encoding: .utf8)
        Issue.record("snapshot \(name) is missing (\(url.path)); check \(name).actual.txt and record it with CSP_UPDATE_SNAPSHOTS=1",
                     sourceLocation: sourceLocation)
        return
    }
    if stored != text {
        try? text.write(to: actual, atomically: true, encoding: .utf8)
        Issue.record("snapshot \(name) differs; diff \(name).actual.txt against \(name).txt in \(dir.path)", sourceLocation: sourceLocation)
    }
}

@Suite struct ReportLayoutTests {
    /// The at-a-glance page and the casework pages, laid out with fixed text metrics: figures,
    /// positions, tags and bookmarks, as text.
    @Test(arguments: [Edition.board, Edition.public]) func layoutSnapshot(edition: Edition) throws {
        let input = try basicInput()
        let doc = ReportCompiler.compile(input: input, diagnostics: [], edition: edition, date: DateTime(year: 2022, month: 1, day: 20)).document
        let laid = LayoutEngine(shaper: FixedMetricsShaper()).layout(doc)
        #expect(laid.warnings.isEmpty)
        // Keep the pages a reader checks figures on; the rest change with every sentence.
        let pages = laid.dump().components(separatedBy: "\npage ")
        let kept = pages.filter { $0.contains("At a glance") || $0.contains("PSG casework") }
        #expect(kept.count >= 2)
        assertReportSnapshot(kept.joined(separator: "\npage "), named: "basic-\(edition.rawValue)")
    }

    /// The contents list every section with its page, in order.
    @Test func contentsMatchTheSections() throws {
        let input = try basicInput()
        let doc = ReportCompiler.compile(input: input, diagnostics: [], edition: .board, date: DateTime(year: 2022, month: 1, day: 20)).document
        let laid = LayoutEngine(shaper: FixedMetricsShaper()).layout(doc)
        let top = laid.contents.filter { $0.level == 1 }.map(\.title)
        #expect(top == ["At a glance", "The chair’s summary", "Successes", "Blockers for the CSP board", "PSG casework",
                        "Operation Carmel by area", "Priority 1: safeguarding young people", "What changed since last quarter", "Appendix"])
        #expect(laid.contents.map(\.page) == laid.contents.map(\.page).sorted())
        #expect(laid.contents.first?.page == 3)
    }
}
