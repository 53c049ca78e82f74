import Testing
import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel
import CSPSample
@testable import CSPReport
import CSPValidate

/// Generated quarters, validated, for the report to be built from.
func sampleInput(seed: UInt64, quarters: Int = 3, scale: Int = 1) throws -> QuarterInput {
    let data = SampleGenerator.generate(SampleOptions(quarters: quarters, scale: scale, seed: seed))
    let world = MemoryWorld(files: Dictionary(data.files.map { ("reports/\($0.path)", $0.bytes) }, uniquingKeysWith: { a, _ in a }))
    let last = try #require(data.quarters.last)
    let (input, diagnostics) = QuarterLoader.load(world: world, directory: "reports/\(last.quarter)")
    #expect(!diagnostics.contains { $0.severity == .error })
    return try #require(input)
}

func report(_ input: QuarterInput, _ edition: Edition) -> Document {
    ReportCompiler.compile(input: input, diagnostics: [], edition: edition, date: DateTime(year: 2025, month: 1, day: 23)).document
}

/// Every piece of text a reader can see or hear in the document, block by block.
func texts(_ doc: Document) -> [String] {
    var out: [String] = []
    for block in doc.blocks {
        switch block {
        case .cover(let c): out += [c.title] + (c.subtitle.map { [$0] } ?? []) + c.lines
        case .heading(let h): out.append(h.text)
        case .paragraph(let p): out.append(p.runs.map(\.text).joined())
        case .list(let l): out += l.items.map { $0.map(\.text).joined() }
        case .table(let t):
            out += (t.headerRows + t.rows).flatMap { $0.map(\.text) }
            if let c = t.caption { out.append(c) }
        case .figure(let f):
            out += [f.chart.title, f.chart.altText] + f.chart.categories + f.chart.series.map(\.name)
            if let s = f.source { out.append(s) }
        case .kpis(let tiles): out += tiles.flatMap { [$0.label, $0.value, $0.change ?? "", $0.summary] }
        case .contents(let t): out.append(t)
        case .spacer, .pageBreak: break
        }
    }
    return out
}

func count(_ text: String) -> Int? {
    let digits = text.filter { $0 != "," }
    guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return nil }
    return Int(digits)
}

@Suite struct EditionTests {
    /// The public edition shows no count from 1 to threshold − 1, in tables, charts or tiles.
    @Test(arguments: [1, 7, 42, 2024] as [UInt64]) func noSmallCountInThePublicEdition(seed: UInt64) throws {
        let input = try sampleInput(seed: seed)
        let doc = report(input, .public)
        let small = 1..<input.partnership.suppressionThreshold
        for block in doc.blocks {
            switch block {
            case .table(let t):
                for row in t.rows {
                    for cell in row {
                        if let n = count(cell.text) { #expect(!small.contains(n), "table \(t.caption ?? ""): \(row.map(\.text))") }
                    }
                }
            case .figure(let f):
                for s in f.chart.series {
                    for (i, v) in s.values.enumerated() where v.isFinite && !s.suppressed.contains(i) {
                        #expect(!small.contains(Int(v)), "chart \(f.chart.title): \(s.name) \(v)")
                    }
                }
            case .kpis(let tiles):
                for tile in tiles {
                    if let n = count(tile.value) { #expect(!small.contains(n), "tile \(tile.label)") }
                    #expect(!tile.trend.contains { small.contains(Int($0)) }, "trend \(tile.label)")
                }
            default: break
            }
        }
    }

    /// No case-level rows and no free text from cases, blockers, the details of successes or
    /// you-said-we-did rows.
    @Test(arguments: [1, 7, 42] as [UInt64]) func noWithheldTextInThePublicEdition(seed: UInt64) throws {
        let input = try sampleInput(seed: seed)
        // The chair's own words stay in the public edition whatever they quote: leave them out
        // of the check.
        let narrative = Set((input.current.narrative?.summary ?? []) + (input.current.narrative?.highlights ?? []))
        let all = texts(report(input, .public)).filter { !narrative.contains($0) }.joined(separator: "\n")
        let r = input.current
        var withheld: [String] = []
        withheld += r.cases.flatMap { [$0.id, $0.title] }
        withheld += r.blockers.flatMap { [$0.id, $0.description, $0.resolution] }
        withheld += r.successes.map(\.detail)
        withheld += (r.youSaidWeDid ?? []).flatMap { [$0.youSaid, $0.weDid] }
        withheld += r.projects.map(\.update)
        for text in withheld where text.count >= 4 {
            #expect(!all.contains(text), "public edition contains \(text)")
        }
        // The board edition does hold them: the check above would catch a leak.
        let board = texts(report(input, .board)).joined(separator: "\n")
        #expect(r.cases.allSatisfy { board.contains($0.id) })
        #expect(r.blockers.allSatisfy { board.contains($0.description) })
    }

    /// The chair's summary, highlights and project names stay in the public edition.
    @Test func narrativeAndProjectNamesStay() throws {
        let input = try sampleInput(seed: 3)
        let all = texts(report(input, .public)).joined(separator: "\n")
        for p in input.current.narrative?.summary ?? [] { #expect(all.contains(p)) }
        for h in input.current.narrative?.highlights ?? [] { #expect(all.contains(h)) }
        for p in input.current.projects { #expect(all.contains(p.name)) }
    }
}

@Suite struct FiguresTests {
    /// Every tile equals the summary's totals; the case table equals its areas.
    @Test(arguments: [5, 11] as [UInt64]) func numbersMatchTheSummary(seed: UInt64) throws {
        let input = try sampleInput(seed: seed)
        let summary = Aggregator.summarise(input.current, partnership: input.partnership)
        let doc = report(input, .board)
        guard case .kpis(let tiles)? = doc.blocks.first(where: { if case .kpis = $0 { return true } else { return false } }) else {
            Issue.record("no tiles"); return
        }
        let expected = [summary.totals.cases.openAtEnd, summary.totals.cases.opened, summary.totals.cases.closed,
                        summary.totals.successes, summary.totals.blockers.open, summary.totals.blockers.escalatedOpen,
                        summary.totals.ocgReferrals]
        #expect(tiles.map { count($0.value) } == expected.map { Optional($0) })
        let flow = doc.blocks.compactMap { b -> Table? in
            if case .table(let t) = b, t.caption?.hasPrefix("Case flow by area") == true { return t }
            return nil
        }.first
        let table = try #require(flow)
        for (i, area) in summary.areaOrder.enumerated() {
            let c = summary.area(area).cases
            #expect(table.rows[i].map(\.text) == [area, "\(c.openAtStart)", "\(c.opened)", "\(c.closed)", "\(c.openAtEnd)"])
        }
        #expect(table.rows.last?.map(\.text) == ["Total"] + [summary.totals.cases.openAtStart, summary.totals.cases.opened,
                                                             summary.totals.cases.closed, summary.totals.cases.openAtEnd].map { Format.count($0) })
    }

    /// Each tile's text alternative gives the trend its line draws, in words with the values
    /// and the quarters (issue 19, point 1): it gave only the value and the change. In the
    /// public edition a tile has a trend (line and words) only when every point is shown exactly.
    @Test(arguments: [1, 42] as [UInt64]) func tileAlternativesGiveTheTrend(seed: UInt64) throws {
        let input = try sampleInput(seed: seed, quarters: 5)
        let threshold = input.partnership.suppressionThreshold
        for edition in [Edition.board, Edition.public] {
            let doc = report(input, edition)
            guard case .kpis(let tiles)? = doc.blocks.first(where: { if case .kpis = $0 { return true } else { return false } }) else {
                Issue.record("no tiles"); return
            }
            if edition == .board { #expect(tiles.allSatisfy { $0.trend.count == 5 }, "\(tiles.map(\.trend))") }
            #expect(tiles.contains { $0.trend.count == 5 }, "\(edition): no tile has a trend")
            for tile in tiles {
                guard tile.trend.count > 1 else {
                    #expect(!tile.summary.contains("Trend"), "\(edition): \(tile.summary)"); continue
                }
                let values = tile.trend.map { Format.count(Int($0)) }.joined(separator: ", ")
                let words = "Trend over the last \(tile.trend.count) quarters: \(values) ("
                #expect(tile.summary.contains(". " + words), "\(edition): \(tile.summary)")
                #expect(tile.summary.hasSuffix(" to \(input.current.quarter.title))"), "\(edition): \(tile.summary)")
                if edition == .public { #expect(!tile.trend.contains { (1..<threshold).contains(Int($0)) }) }
            }
        }
    }

    /// The report never makes a heading that skips a level (the build refuses one, issue 19):
    /// "Highlights" is an H2 under the H1 "The chair’s summary".
    @Test(arguments: [1, 7, 42] as [UInt64]) func headingLevelsNeverSkip(seed: UInt64) throws {
        let input = try sampleInput(seed: seed)
        for edition in [Edition.board, Edition.public] {
            let doc = report(input, edition)
            #expect(doc.headingLevelSkips.isEmpty, "\(edition): \(doc.headingLevelSkips)")
            let headings = doc.blocks.compactMap { b -> Heading? in if case .heading(let h) = b { return h } else { return nil } }
            if let k = headings.firstIndex(where: { $0.text == "Highlights" }) {
                #expect(headings[k].level == 2 && headings[k - 1].text == "The chair’s summary")
            }
        }
    }

    @Test func sectionsInOrder() throws {
        let input = try sampleInput(seed: 1)
        let h1 = report(input, .board).blocks.compactMap { b -> String? in
            if case .heading(let h) = b, h.level == 1 { return h.text }
            return nil
        }
        #expect(h1 == ["At a glance", "The chair’s summary", "Successes", "Blockers for the CSP board", "PSG casework",
                       "Operation Carmel by area", "Priority 1: safeguarding young people",
                       "What changed since last quarter", "Appendix"])
        let h2 = report(input, .board).blocks.compactMap { b -> String? in
            if case .heading(let h) = b, h.level == 2 { return h.text }
            return nil
        }
        #expect(Array(h2.drop { $0 != "North" }.prefix(4)) == ["North", "East", "South", "West"])
    }

    @Test func chartTitlesStateFindings() throws {
        let input = try sampleInput(seed: 1)
        let titles = report(input, .board).blocks.compactMap { b -> String? in
            if case .figure(let f) = b { return f.chart.title }
            return nil
        }
        #expect(titles.contains { $0.hasPrefix("Blockers open 90 days or more ") && ($0.contains(" rose from ") || $0.contains(" fell from ") || $0.contains(" stayed at ")) })
        #expect(titles.allSatisfy { !$0.isEmpty })
    }
}
