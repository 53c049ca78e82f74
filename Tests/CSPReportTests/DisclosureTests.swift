import Foundation
import Testing
import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
@testable import CSPReport
import CSPValidate

/// A quarter made here, small on purpose: East has 2 successes and City-wide 1; the open
/// blockers by area are 5, 5, 5, 1 and 0 (16 in all), which "<5" and the total alone pin
/// down; cases, referrals and the trend of referrals hold counts from 1 to 4.
func smallCountsInput() throws -> QuarterInput {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/basic/reports")
    func fixture(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: root.appendingPathComponent(path).path)))
    }
    var files: [String: [UInt8]] = [:]
    files["reports/csp.yaml"] = try fixture("csp.yaml")
    files["reports/2021-22-Q3/quarter.yaml"] = try fixture("2021-22-Q3/quarter.yaml")
    files["reports/2021-22-Q3/think-communities.csv"] = try fixture("2021-22-Q3/think-communities.csv")
    func csv(_ name: String, _ header: String, _ rows: [String], quarter: String = "2021-22-Q3") {
        files["reports/\(quarter)/\(name)"] = Array(([header] + rows).joined(separator: "\n").utf8) + [10]
    }
    let areas = ["North", "East", "South", "West", "City-wide"]
    let steps = ["engagement", "targeted-activity", "problem-solving", "think-communities"]
    // Cases: a few per area, opened and closed within the quarter or before it.
    var cases: [String] = []
    let casesPerArea = [9, 3, 7, 6, 1]
    for (a, area) in areas.enumerated() {
        for k in 0..<casesPerArea[a] {
            let closed = k % 3 == 0
            cases.append("C-\(a)-\(k),Case \(a) \(k),\(area),Somewhere,drug dealing,Police,,2021-\(k % 2 == 0 ? "06" : "10")-0\(k % 9 + 1),"
                         + (closed ? "2021-11-1\(k % 9),closed,improved" : ",open,"))
        }
    }
    csv("psg-cases.csv", "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome", cases)
    // Successes: North 12, East 2, South 7, West 9, City-wide 1.
    var successes: [String] = []
    for (a, n) in [12, 2, 7, 9, 1].enumerated() {
        for k in 0..<n {
            successes.append("2021-1\(k % 3)-0\(k % 9 + 1),\(areas[a]),,\(steps[k % 4]),Success \(areas[a]) \(k),Detail,Police")
        }
    }
    csv("successes.csv", "date,area,case_id,step,title,detail,partners", successes)
    // Open blockers by area: 5, 5, 5, 1, 0; one resolved in East.
    var blockers: [String] = []
    for (a, n) in [5, 5, 5, 1, 0].enumerated() {
        for k in 0..<n {
            blockers.append("B-\(a)-\(k),2021-10-0\(k + 1),\(areas[a]),,Police,Blocker \(a) \(k),\(k == 0 ? "yes" : "no"),open,,")
        }
    }
    blockers.append("B-9,2021-10-01,East,,Police,Fixed,no,resolved,2021-11-01,Done")
    csv("blockers.csv", "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution", blockers)
    csv("carmel-activity.csv", "month,area,step,measure,value",
        ["2021-10,North,engagement,Engagement events,12", "2021-11,North,engagement,Engagement events,3",
         "2021-12,North,engagement,Engagement events,9", "2021-10,East,targeted-activity,Arrests,2"])
    csv("ocg-referrals.csv", "month,area,route,count",
        ["2021-10,North,early-help,7", "2021-11,East,multi-agency,2", "2021-12,South,child-protection,6", "2021-12,West,other,1"])
    // Two earlier quarters for the referrals' trend: the first with 3 referrals in all.
    for (quarter, month, count) in [("2021-22-Q1", "2021-05", 3), ("2021-22-Q2", "2021-08", 12)] {
        files["reports/\(quarter)/quarter.yaml"] = Array("quarter: \(quarter)\nprepared_by: Chair\nmeeting_date: 2021-12-01\nsummary: |\n  Earlier.\n".utf8)
        csv("psg-cases.csv", "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome", [], quarter: quarter)
        csv("successes.csv", "date,area,case_id,step,title,detail,partners", [], quarter: quarter)
        csv("blockers.csv", "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution", [], quarter: quarter)
        csv("carmel-activity.csv", "month,area,step,measure,value", [], quarter: quarter)
        csv("think-communities.csv", "area,project,stage,lead,partners,started,update", [], quarter: quarter)
        csv("ocg-referrals.csv", "month,area,route,count", ["\(month),North,early-help,\(count)"], quarter: quarter)
    }
    let (input, diagnostics) = QuarterLoader.load(world: MemoryWorld(files: files), directory: "reports/2021-22-Q3")
    #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.filter { $0.severity == .error })")
    return try #require(input)
}

/// What a reader may conclude from one shown count: its least and greatest value.
func range(_ text: String, threshold: Int) -> ClosedRange<Int>? {
    if text == "<\(threshold)" { return 1...(threshold - 1) }
    if text == "[c]" { return 0...Int.max / 4 }
    return count(text).map { $0...$0 }
}

@Suite struct DisclosureTests {
    /// The public edition of a quarter full of small counts: no count shown as "<5" or "[c]" can
    /// be worked back out from what else the document shows. Walks every table, chart and
    /// listing, not particular sections.
    @Test func noSuppressedCountCanBeWorkedBackOut() throws {
        let input = try smallCountsInput()
        let summary = Aggregator.summarise(input.current, partnership: input.partnership)
        // The data is as small as intended, so the checks below have something to catch.
        #expect(summary.area("East").successes == 2 && summary.area("City-wide").successes == 1)
        #expect(summary.totals.blockers.open == 16)
        let doc = report(input, .public)
        let t = input.partnership.suppressionThreshold
        var countTables = 0, listings = 0
        for block in doc.blocks {
            switch block {
            case .table(let table) where table.totalRow:
                // A count table: its total is a headline figure, always exact; no hidden cell is
                // pinned down by the total and the cells beside it.
                countTables += 1
                guard let totals = table.rows.last else { continue }
                let body = table.rows.dropLast()
                for c in 1..<totals.count {
                    let caption = "\(table.caption ?? ""), column \(table.headerRows.first.map { $0[c].text } ?? "\(c)")"
                    // A small total: every part is smaller still, and shown as "<5" or 0.
                    if totals[c].text == "<\(t)" { continue }
                    guard let total = count(totals[c].text) else {
                        Issue.record("\(caption): total \(totals[c].text) withheld, but headline totals are shown elsewhere")
                        continue
                    }
                    let ranges = body.compactMap { range($0[c].text, threshold: t) }
                    #expect(ranges.count == body.count, "\(caption): unreadable cell")
                    for (i, r) in ranges.enumerated() where r.lowerBound != r.upperBound {
                        let others = ranges.indices.filter { $0 != i }
                        let lo = max(r.lowerBound, total - others.reduce(0) { $0 + min(ranges[$1].upperBound, Int.max / 64) })
                        let hi = min(r.upperBound, total - others.reduce(0) { $0 + ranges[$1].lowerBound })
                        #expect(lo < hi, "\(caption): row \(body[body.startIndex + i].first?.text ?? "") is \(lo) and nothing else")
                    }
                }
            case .table(let table):
                // A listing: counting its rows by any column (area, step) must not give a small
                // number that the document suppresses everywhere else.
                listings += 1
                for c in table.headerRows.first?.indices ?? 0..<0 {
                    let groups = Dictionary(grouping: table.rows.map { $0[c].text }, by: { $0 })
                    for (value, rows) in groups where (1..<t).contains(rows.count) && summary.areaOrder.contains(value) {
                        Issue.record("listing \(table.caption ?? ""): \(rows.count) rows for \(value)")
                    }
                }
            case .figure(let f):
                for s in f.chart.series {
                    for i in s.suppressed {
                        #expect(s.values.indices.contains(i) && s.values[i] == Double(t), "\(f.chart.title): hidden bar at a true height")
                    }
                    // A line that leaves out a withheld value says so.
                    if case .line = f.chart.kind, s.values.contains(where: \.isNaN) {
                        #expect(f.source?.contains("gap") == true, "\(f.chart.title): a silent gap")
                    }
                }
            default: break
            }
        }
        #expect(countTables >= 5)
        // The successes, with East's 2 and City-wide's 1 among them, are not listed.
        let all = texts(doc).joined(separator: "\n")
        #expect(!all.contains("Success East 0"))
        #expect(all.contains("listed one by one in the board edition only"))
        // The policy is written where the public reader finds it.
        #expect(all.contains("This edition never shows a count from 1 to \(t - 1)"))
        _ = listings
    }

    /// The same walk over generated quarters: their listings and tables pass too, and where
    /// no area's or step's count of successes is small, the successes are listed.
    @Test(arguments: [1, 7, 42] as [UInt64]) func generatedQuartersKeepThePolicy(seed: UInt64) throws {
        let input = try sampleInput(seed: seed)
        let doc = report(input, .public)
        let summary = Aggregator.summarise(input.current, partnership: input.partnership)
        let t = input.partnership.suppressionThreshold
        let listed = doc.blocks.contains { if case .table(let x) = $0 { return x.caption?.hasPrefix("Successes this quarter") == true } else { return false } }
        let small = summary.areaOrder.contains { (1..<t).contains(summary.area($0).successes) }
        #expect(!(listed && small), "successes listed although an area has fewer than \(t)")
        for block in doc.blocks {
            guard case .table(let table) = block, table.totalRow, let totals = table.rows.last else { continue }
            #expect(!totals.dropFirst().contains { $0.text == "[c]" }, "\(table.caption ?? ""): a headline total withheld")
        }
    }
}
