import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
@testable import CSPReport
import CSPSample
import CSPValidate
import Foundation
import Testing

/// A year made here, small on purpose: North opens 1 case in Q1 and 6 in each later quarter
/// (19 in the year, a headline figure), South none in Q1 and 6 later (so all areas open 1 case
/// in Q1); North records 2, 6, 7 and 5 successes and 3, 10, 12 and 9 arrests. A quarter's "<5" must not be recoverable from the year's figure beside it.
func smallYearInput() throws -> (YearInput, [Diagnostic]) {
    var files: [String: String] = ["reports/csp.yaml": "name: Test Partnership\nshort_name: Test CSP\nareas: [North, South]\n"]
    let opened = [1, 6, 6, 6], northSuccesses = [2, 6, 7, 5], arrests = [3, 10, 12, 9]
    for n in 1...4 {
        let name = "2024-25-Q\(n)", dir = "reports/2024-25-Q\(n)"
        let months = Quarter(financialYear: 2024, number: n)?.months ?? []
        let first = months[0]
        func day(_ d: Int) -> String { "\(first.description)-\(d < 10 ? "0" : "")\(d)" }
        files["\(dir)/quarter.yaml"] = "quarter: \(name)\nprepared_by: Chair\nmeeting_date: 2025-05-01\nsummary: |\n  A quarter.\n"
        // Each case is opened and closed within its quarter: nothing carries over.
        files["\(dir)/psg-cases.csv"] = "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome\n"
            + (0..<opened[n - 1]).map { "C-\(n)-\($0),Case,North,,noise,Council,,\(day(1)),\(day(20)),closed,\($0 % 2 == 0 ? "resolved" : "improved")\n" }.joined()
            + (0..<(n == 1 ? 0 : 6)).map { "S-\(n)-\($0),Case,South,,noise,Council,,\(day(2)),\(day(21)),closed,resolved\n" }.joined()
        files["\(dir)/successes.csv"] = "date,area,case_id,step,title,detail,partners\n"
            + (0..<northSuccesses[n - 1]).map { "\(day(3)),North,,engagement,Success \($0),,Police\n" }.joined()
            + (0..<6).map { "\(day(4)),South,,problem-solving,Success \($0),,Police\n" }.joined()
        files["\(dir)/blockers.csv"] = "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution\n"
        files["\(dir)/carmel-activity.csv"] = "month,area,step,measure,value\n\(first),North,targeted-activity,Arrests,\(arrests[n - 1])\n\(first),South,targeted-activity,Arrests,20\n"
        files["\(dir)/think-communities.csv"] = "area,project,stage,lead,partners,started,update\n"
    }
    let (input, diagnostics) = YearLoader.load(world: MemoryWorld(text: files), directory: "reports", year: "2024-25")
    #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.formatted))")
    return (try #require(input), diagnostics)
}

func annualReport(_ input: YearInput, _ edition: Edition, diagnostics: [Diagnostic] = []) -> Document {
    ReportCompiler.compileYear(input: input, diagnostics: diagnostics, edition: edition, date: DateTime(year: 2025, month: 5, day: 1)).document
}

/// Whether some hidden cell among `cells`, which add up to `total`, has one value only.
func pinsDown(_ cells: [String], total: Int, threshold t: Int) -> String? {
    let ranges = cells.map { range($0, threshold: t) }
    guard ranges.allSatisfy({ $0 != nil }) else { return "unreadable cell in \(cells)" }
    let r = ranges.compactMap { $0 }
    for (i, x) in r.enumerated() where x.lowerBound != x.upperBound {
        let others = r.indices.filter { $0 != i }
        let lo = max(x.lowerBound, total - others.reduce(0) { $0 + min(r[$1].upperBound, Int.max / 64) })
        let hi = min(x.upperBound, total - others.reduce(0) { $0 + r[$1].lowerBound })
        if lo >= hi { return "cell \(i) of \(cells) is \(lo) and nothing else (total \(total))" }
    }
    return nil
}

@Suite struct AnnualReportTests {
    /// The public edition: a quarter's small count is withheld with another, so the year's
    /// figure cannot give it back, in the Carmel tables, the quarter charts and the tiles; the
    /// count tables' columns hold nothing pinned down by their totals.
    @Test func aQuartersSmallCountCannotBeWorkedBackFromTheYear() throws {
        let (input, _) = try smallYearInput()
        let year = try #require(input.summary())
        #expect(year.area("North").cases.opened == 19 && year.area("North").successes == 20)
        #expect(year.quarters.map(\.totals.cases.opened) == [1, 12, 12, 12])
        let doc = annualReport(input, .public)
        let t = input.partnership.suppressionThreshold
        var carmelRows = 0, quarterCharts = 0, headlineRows = 0, hiddenQuarters = 0
        for block in doc.blocks {
            switch block {
            case .table(let table) where table.caption?.contains("Operation Carmel measures by quarter") == true:
                for row in table.rows {
                    guard let yearCell = row.last, let total = count(yearCell.text) else { continue }
                    carmelRows += 1
                    let quarters = Array(row.dropFirst().dropLast())
                    #expect(pinsDown(quarters.map(\.text), total: total, threshold: t) == nil, "\(row.first?.text ?? ""): \(quarters.map(\.text))")
                }
            case .table(let table) where table.caption?.hasPrefix("Headline figures by quarter") == true:
                // Each flow's quarters beside the year's figure.
                for row in table.rows where !["Cases open at end", "Blockers open at end"].contains(row.first?.text ?? "") {
                    guard let yearCell = row.last, let total = count(yearCell.text) else { continue }
                    headlineRows += 1
                    let quarters = Array(row.dropFirst().dropLast()).map(\.text)
                    if quarters.contains(where: { $0 == "<\(t)" }) { hiddenQuarters += 1 }
                    #expect(pinsDown(quarters, total: total, threshold: t) == nil, "\(row.first?.text ?? ""): \(quarters)")
                }
            case .table(let table) where table.totalRow:
                guard let totals = table.rows.last else { continue }
                for c in 1..<totals.count {
                    guard let total = count(totals[c].text) else { continue }
                    let cells = table.rows.dropLast().map { $0[c].text }
                    #expect(pinsDown(cells, total: total, threshold: t) == nil, "\(table.caption ?? ""), column \(c)")
                }
            case .figure(let f) where f.chart.categories.allSatisfy({ $0.hasPrefix("Q") }):
                quarterCharts += 1
                for s in f.chart.series where !s.suppressed.isEmpty {
                    // A quarter withheld from a flow is never alone: the year's figure would give it.
                    #expect(s.suppressed.count >= 2 || f.chart.title.contains("open at each quarter end"), "\(f.chart.title): \(s.name)")
                    for i in s.suppressed { #expect(s.values[i] == Double(t), "\(f.chart.title): hidden bar at a true height") }
                }
            case .kpis(let tiles):
                // North's Q1 is small, but the totals' quarters are all 5 or more: trends drawn.
                #expect(tiles.contains { $0.label == "Cases opened" && $0.value == "\(year.totals.cases.opened)" })
            default: break
            }
        }
        #expect(carmelRows >= 2 && quarterCharts >= 3 && headlineRows >= 5)
        // Q1's single case opened (and closed) over all areas is "<5" in the quarters table.
        #expect(hiddenQuarters >= 2)
        // North's arrests: Q1’s 3 is "<5", and the smallest other quarter (9) is withheld beside the year’s 34.
        let arrests = doc.blocks.compactMap { b -> [String]? in
            guard case .table(let table) = b, table.caption?.hasPrefix("North: Operation Carmel") == true else { return nil }
            return table.rows.first { $0.first?.text == "Arrests" }?.map(\.text)
        }.first
        #expect(arrests == ["Arrests", "<5", "10", "12", "[c]", "34"], "\(arrests ?? [])")
        let all = texts(doc).joined(separator: "\n")
        #expect(all.contains("This edition never shows a count from 1 to \(t - 1)"))
        #expect(all.contains("a quarter’s figure is a part of the year’s"))
        // No case-level detail: no case id, no listing of cases or blockers.
        #expect(!all.contains("C-1-0") && !all.contains("S-1-0"))
    }

    /// Both editions of a whole generated year carry every section; the board edition shows
    /// the small counts as they are.
    @Test func bothEditionsOfAGeneratedYear() throws {
        let q1 = try #require(Quarter(financialYear: 2024, number: 1))
        let data = SampleGenerator.generate(SampleOptions(from: q1, quarters: 4, scale: 1, seed: 3))
        let world = MemoryWorld(files: Dictionary(data.files.map { ("reports/\($0.path)", $0.bytes) }, uniquingKeysWith: { a, _ in a }))
        let (loaded, diagnostics) = YearLoader.load(world: world, directory: "reports", year: "2024-25")
        let input = try #require(loaded, "\(diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        for edition in Edition.allCases {
            let doc = annualReport(input, edition)
            let headings = doc.blocks.compactMap { b -> String? in if case .heading(let h) = b, h.level == 1 { return h.text } else { return nil } }
            #expect(headings == ["The year at a glance", "Quarter by quarter", "PSG casework through the year", "Blockers through the year",
                                 "Successes", "Operation Carmel by area", "Priority 1: safeguarding young people", "Appendix"], "\(edition)")
            let all = texts(doc).joined(separator: "\n")
            #expect(all.contains("over the whole of 2024-25"), "\(edition)")
            #expect(all.contains("Input set SHA-256"))
        }
        // With the whole year before in the folders, the tiles give the change on it.
        let q1Before = try #require(Quarter(financialYear: 2023, number: 1))
        let two = SampleGenerator.generate(SampleOptions(from: q1Before, quarters: 8, scale: 1, seed: 3))
        let twoWorld = MemoryWorld(files: Dictionary(two.files.map { ("reports/\($0.path)", $0.bytes) }, uniquingKeysWith: { a, _ in a }))
        let (both, bothDiagnostics) = YearLoader.load(world: twoWorld, directory: "reports", year: "2024-25")
        let bothInput = try #require(both, "\(bothDiagnostics.filter { $0.severity == .error }.map(\.formatted))")
        #expect(bothInput.previousYear.count == 4)
        let doc = annualReport(bothInput, .board)
        let tiles = doc.blocks.compactMap { b -> [KPITile]? in if case .kpis(let t) = b { return t } else { return nil } }.first ?? []
        let yearBefore = try #require(FinancialYear.parse("2023-24"))
        let previous = try #require(YearAggregator.combine(bothInput.previousYear.map { Aggregator.summarise($0, partnership: bothInput.partnership) },
                                                           year: yearBefore, partnership: bothInput.partnership))
        let year = try #require(bothInput.summary())
        let opened = try #require(tiles.first { $0.label == "Cases opened" })
        let diff = year.totals.cases.opened - previous.totals.cases.opened
        #expect(opened.change == (diff == 0 ? "no change on 2023-24" : "\(abs(diff)) on 2023-24"), "\(opened)")
        #expect(texts(doc).joined(separator: "\n").contains("Each is set against the same quarters of 2023-24."))

        let (small, _) = try smallYearInput()
        let board = texts(annualReport(small, .board)).joined(separator: "\n")
        #expect(!board.contains("<5") && !board.contains("[c]"))
    }
}
