import Foundation
import Testing
import CSPAggregate
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel
@testable import CSPReport
import CSPSample
import CSPValidate

/// Issue 14's "done when", on data the tests make: eight quarters kept as partnerships keep
/// them (activity as a weekly log, areas in any spelling, blockers outliving their cases,
/// measures of different units) validate with a handful of messages and give the same report as
/// the same records with the log summed by hand; a deleted carried-over case and blocker are
/// named; no page adds unlike measures.
@Suite struct RealRecordsReportTests {
    static let from = (try? Quarter.parse("2023-24-Q4").get()) ?? SampleOptions.defaultFrom
    static let kept = SampleGenerator.generate(SampleOptions(from: from, quarters: 8, seed: 7, asKept: true))

    static func world(_ data: SampleDataSet) -> MemoryWorld {
        MemoryWorld(files: Dictionary(data.files.map { ("reports/\($0.path)", $0.bytes) }, uniquingKeysWith: { a, _ in a }))
    }

    static var last: String { "reports/\(kept.quarters.last?.quarter.description ?? "")" }

    /// The same records with each quarter's activity log summed by hand into one row per month,
    /// area, step and measure (areas and measures written the one way csp.yaml names them).
    static func summedByHand(_ world: MemoryWorld, partnership: Partnership) -> MemoryWorld {
        var out = world
        for (path, bytes) in world.files where path.hasSuffix("/carmel-activity.csv") {
            // Excel's CRLF is one Character in Swift: split on every kind of line break.
            var lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            let header = lines.removeFirst()
            var sums: [String: Int] = [:], order: [String] = []
            for line in lines where !line.isEmpty {
                // The generator writes no quoted fields in this file.
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
                let area = partnership.resolveArea(f[1]) ?? f[1]
                let measure = partnership.resolveMeasure(f[3])?.name ?? f[3]
                let key = [f[0], area, f[2], measure].joined(separator: ",")
                if sums[key] == nil { order.append(key) }
                sums[key, default: 0] += Int(f[4]) ?? 0
            }
            out.files[path] = Array(([header] + order.map { "\($0),\(sums[$0] ?? 0)" }).joined(separator: "\n").utf8) + [10]
        }
        return out
    }

    /// Whether `number` stands in `text` as a number of its own (not inside a longer one).
    static func containsNumber(_ text: String, _ number: String) -> Bool {
        let chars = Array(text), needle = Array(number)
        guard chars.count >= needle.count else { return false }
        func partOfNumber(_ c: Character) -> Bool { c.isNumber || c == "," || c == "." }
        for i in 0...(chars.count - needle.count) where Array(chars[i..<(i + needle.count)]) == needle {
            let before = i > 0 ? chars[i - 1] : " ", after = i + needle.count < chars.count ? chars[i + needle.count] : " "
            if !partOfNumber(before) && !(after.isNumber || (after == "," && i + needle.count + 1 < chars.count && chars[i + needle.count + 1].isNumber)) {
                return true
            }
        }
        return false
    }

    @Test func theNumberFinderFindsNumbersOnly() {
        #expect(Self.containsNumber("engagement 232, targeted", "232"))
        #expect(Self.containsNumber("| 232", "232"))
        #expect(!Self.containsNumber("1,232 and 2320", "232"))
    }

    static func document(_ input: QuarterInput, _ edition: Edition, warnings: [Diagnostic]) -> Document {
        ReportCompiler.compile(input: input, diagnostics: warnings, edition: edition, date: DateTime(year: 2026, month: 1, day: 20)).document
    }

    @Test func aLogKeptQuarterValidatesWithAHandfulOfMessages() throws {
        let (input, diagnostics) = QuarterLoader.load(world: Self.world(Self.kept), directory: Self.last)
        #expect(input != nil)
        #expect(!diagnostics.contains { $0.severity == .error })
        // Eight quarters of about 1,500 log rows each, blockers on cases closed earlier: a
        // handful of lines, not thousands.
        #expect(diagnostics.count <= 5, "\(diagnostics.map(\.formatted).joined(separator: "\n"))")
        let i = try #require(input)
        #expect(i.history.count == 7)
        #expect(i.current.activity.count > 1_000)
    }

    @Test func theLogGivesTheReportOfItsSumsPageForPage() throws {
        let world = Self.world(Self.kept)
        let (kept, keptDiagnostics) = QuarterLoader.load(world: world, directory: Self.last)
        let k = try #require(kept)
        let (summed, summedDiagnostics) = QuarterLoader.load(world: Self.summedByHand(world, partnership: k.partnership), directory: Self.last)
        let s = try #require(summed)
        #expect(s.current.activity.count * 3 < k.current.activity.count * 2)
        // The same figures, quarter by quarter.
        let a = QuarterAnalysis(partnership: k.partnership, current: k.current, history: k.history)
        let b = QuarterAnalysis(partnership: s.partnership, current: s.current, history: s.history)
        #expect(a.summary == b.summary)
        #expect(a.history == b.history)
        for edition in [Edition.board, .public] {
            let engine = LayoutEngine(shaper: FixedMetricsShaper())
            let pagesKept = engine.layout(Self.document(k, edition, warnings: keptDiagnostics.filter { $0.severity == .warning })).pages.count
            let pagesSummed = engine.layout(Self.document(s, edition, warnings: summedDiagnostics.filter { $0.severity == .warning })).pages.count
            #expect(abs(pagesKept - pagesSummed) <= 1, "\(edition): \(pagesKept) pages from the log, \(pagesSummed) from its sums")
        }
    }

    @Test func aForgottenCarriedOverCaseAndBlockerAreNamed() throws {
        let data = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: 8, seed: 7, asKept: true, forgetCarriedOver: true))
        let forgotten = try #require(data.forgotten)
        let (input, diagnostics) = QuarterLoader.load(world: Self.world(data), directory: "reports/\(forgotten.quarter)")
        #expect(input != nil)
        let messages = diagnostics.map(\.formatted)
        for id in forgotten.caseIDs + forgotten.blockerIDs {
            #expect(messages.contains { $0.contains("missing from this file") && $0.contains("\"\(id)\"") }, "\(id) is not named:\n\(messages.joined(separator: "\n"))")
        }
        // The area whose open-at-start fell by the forgotten case is named too.
        #expect(messages.contains { $0.contains("open at the start of this quarter, but") })
    }

    /// West's engagement once read "232": 7 engagement events and 225 residents contacted added
    /// together. No sentence, table cell, chart value or title may hold such a sum.
    @Test func noPageAddsUnlikeMeasures() throws {
        var files: [String: String] = [
            "reports/csp.yaml": "name: Test\nareas: [North, East, South, West]\n",
            "reports/2021-22-Q3/quarter.yaml": "quarter: 2021-22-Q3\nprepared_by: Jo\nmeeting_date: 2022-01-20\nsummary: |\n  A quarter.\n",
        ]
        func csv(_ name: String, _ rows: [String]) { files["reports/2021-22-Q3/\(name)"] = rows.joined(separator: "\n") + "\n" }
        csv("psg-cases.csv", ["case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome"])
        csv("successes.csv", ["date,area,case_id,step,title,detail,partners"])
        csv("blockers.csv", ["blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution"])
        csv("think-communities.csv", ["area,project,stage,lead,partners,started,update"])
        csv("carmel-activity.csv", ["month,area,step,measure,value",
                                    "2021-10,West,engagement,Engagement events,3", "2021-11,West,engagement,Engagement events,4",
                                    "2021-10,West,engagement,Residents contacted,125", "2021-12,West,engagement,Residents contacted,100",
                                    "2021-10,West,targeted-activity,Arrests,6", "2021-11,West,targeted-activity,Cash seized (£),1500"])
        for (config, sums) in [(files["reports/csp.yaml"] ?? "", ["232", "1,506", "1506"]),
                               ((files["reports/csp.yaml"] ?? "") + """
                                measures:
                                  - {name: Engagement events, step: engagement, unit: events}
                                  - {name: Residents contacted, step: engagement, unit: people}
                                  - {name: Arrests, step: targeted-activity, unit: people}
                                  - {name: Cash seized (£), step: targeted-activity, unit: "£"}

                                """, ["232", "1,506", "1506"])] {
            files["reports/csp.yaml"] = config
            let (input, _) = QuarterLoader.load(world: MemoryWorld(text: files), directory: "reports/2021-22-Q3")
            let i = try #require(input)
            for edition in [Edition.board, .public] {
                let doc = Self.document(i, edition, warnings: [])
                let laid = LayoutEngine(shaper: FixedMetricsShaper()).layout(doc)
                let text = laid.dump()
                for sum in sums {
                    #expect(!Self.containsNumber(text, sum), "\(edition): \(sum) appears")
                }
                // Each panel holds one measure, or measures of one unit.
                let analysis = QuarterAnalysis(partnership: i.partnership, current: i.current, history: i.history)
                for panel in analysis.carmelPanels(area: "West") {
                    let units = Set(panel.measures.map { i.partnership.unit(of: $0) ?? $0 })
                    #expect(units.count == 1, "\(panel.label) adds \(panel.measures)")
                }
                for case .figure(let f) in doc.blocks {
                    for s in f.chart.series { #expect(!s.values.contains(232) && !s.values.contains(1506)) }
                }
            }
        }
    }
}
