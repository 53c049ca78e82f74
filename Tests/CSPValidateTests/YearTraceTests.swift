import CSPAggregate
import CSPCore
import CSPValidate
import Testing

/// `explain --year`: every figure of the year's summary traces to rows that add up to it
/// (issue 18, "with --year, the same over a year").
@Suite struct YearTraceTests {
    /// Every figure of `summary --year --json` for the year in `world`; returns the traced year.
    @discardableResult
    static func checkEveryFigure(_ world: MemoryWorld, year: String) throws -> YearTrace {
        let (loaded, diagnostics) = YearLoader.load(world: world, directory: "reports", year: year)
        let input = try #require(loaded, "\(diagnostics.map(\.formatted))")
        let trace = try #require(YearTrace(records: input.quarters, year: input.year, partnership: input.partnership, police: input.crime))
        // Traced or not, the year's figures are the same.
        let json = YearSummaryJSON.render(try #require(input.summary()))
        #expect(YearSummaryJSON.render(trace.summary) == json)
        let pointers = try #require(SummaryPointers(json: json))
        var checked = 0
        var lineCounts: [String: Int] = [:]
        for pointer in pointers.figures {
            guard case .number(let value)? = pointers.value(at: pointer) else { continue }
            guard let rows = trace.rows(at: pointer) else {
                Issue.record("\(year) \(pointer): no trace"); continue
            }
            #expect(rows.map(\.value).reduce(0, +) == value, "\(year) \(pointer)")
            for row in rows {
                if lineCounts[row.source.file] == nil {
                    let bytes = try #require(world.files[Path.normalise(row.source.file)], "\(pointer): no file \(row.source.file)")
                    lineCounts[row.source.file] = FigureTraceTests.lines(bytes).count
                }
                #expect(row.source.line >= 1 && row.source.line <= lineCounts[row.source.file] ?? 0, "\(pointer): \(row.source.file):\(row.source.line)")
            }
            checked += 1
        }
        #expect(checked == pointers.figures.count)
        return trace
    }

    func at(_ trace: YearTrace, _ text: String) throws -> [TracedRow] {
        let pointer = try #require(SummaryPointer(text))
        return try #require(trace.rows(at: pointer))
    }

    @Test func theSampleYear() throws {
        let trace = try Self.checkEveryFigure(try FigureTraceTests.shippedReports(), year: "2024-25")
        // A stock is the first quarter's start; a flow every quarter's rows.
        let start = try at(trace, "/totals/cases/open_at_start")
        #expect(start.allSatisfy { $0.source.file == "reports/2024-25-Q1/psg-cases.csv" })
        let opened = try at(trace, "/totals/cases/opened")
        #expect(Set(opened.map(\.source.file)).count == 4)
        let asb = try at(trace, "/crime/totals/asb")
        #expect(!asb.isEmpty && asb.allSatisfy { $0.source.file.hasPrefix("reports/police-uk/2024-") })
    }

    /// A case that moves area and one that reopens: the cases behind "changed between
    /// quarters", +1 where a case is open at a start and not at the end before, −1 the reverse.
    @Test func casesChangedBetweenQuartersAreNamed() throws {
        let trace = try Self.checkEveryFigure(MemoryWorld(text: YearSummaryTests.movingYear()), year: "2024-25")
        func rows(_ p: String) throws -> [String] {
            try at(trace, p).map { "\($0.value) \($0.id ?? "")" }.sorted()
        }
        #expect(try rows("/cases_changed_between_quarters/North") == ["-1 C-1"])
        #expect(try rows("/cases_changed_between_quarters/South") == ["1 C-1", "1 C-2"])
        #expect(try rows("/cases_changed_between_quarters/total") == ["1 C-2"])
        // One measure however each quarter spells it.
        #expect(try rows("/areas/North/activity/targeted-activity/Arrests").count == 3)
    }
}
