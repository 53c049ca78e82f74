import CSPAggregate
import CSPCore
import CSPModel
import CSPSample
import Foundation
import Testing
@testable import CSPValidate

/// Every number of `summary --json` traces to rows that add up to it, each a real line of a
/// real file that names the row (`cspreport explain`).
@Suite struct FigureTraceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// reports/ as shipped (the sample quarters and police.uk rows), read from disk.
    static func shippedReports() throws -> MemoryWorld {
        var files: [String: [UInt8]] = [:]
        let fm = FileManager.default
        let base = root + "/reports"
        let walker = try #require(fm.enumerator(atPath: base))
        for case let relative as String in walker {
            var isDir: ObjCBool = false
            let path = base + "/" + relative
            if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                files["reports/" + relative] = Array(try #require(fm.contents(atPath: path)))
            }
        }
        return MemoryWorld(files: files)
    }

    static func generated(_ options: SampleOptions) -> MemoryWorld {
        let data = SampleGenerator.generate(options)
        return MemoryWorld(files: Dictionary(data.files.map { ("reports/\($0.path)", $0.bytes) },
                                             uniquingKeysWith: { a, _ in a }))
    }

    /// A file's lines as an editor numbers them: CR LF, LF and a lone CR each end one.
    static func lines(_ bytes: [UInt8]) -> [String] {
        var out: [String] = [], start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                out.append(String(decoding: bytes[start..<i], as: UTF8.self))
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        out.append(String(decoding: bytes[start...], as: UTF8.self))
        return out
    }

    /// Explains every figure of the quarter; returns how many figures and rows were checked.
    @discardableResult
    static func checkEveryFigure(_ world: MemoryWorld, _ directory: String) throws -> (figures: Int, rows: Int) {
        let (loaded, diagnostics) = QuarterLoader.load(world: world, directory: directory)
        let errors = diagnostics.filter { $0.severity == .error }.map(\.formatted)
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        let input = try #require(loaded)
        let trace = SummaryTrace(records: input.current, partnership: input.partnership, police: input.crime)

        // Traced or not, the counting gives the same summary.
        var plain = Aggregator.summarise(input.current, partnership: input.partnership)
        plain.crime = CrimeAggregator.quarter(input.crime, quarter: plain.quarter, partnership: input.partnership)
        let json = SummaryJSON.render(plain)
        #expect(SummaryJSON.render(trace.summary) == json)

        let pointers = try #require(SummaryPointers(json: json))
        var lines: [String: [String]] = [:]
        var rowCount = 0
        for pointer in pointers.figures {
            guard case .number(let value)? = pointers.value(at: pointer) else {
                Issue.record("\(pointer) is listed as a figure but holds no number"); continue
            }
            guard let rows = trace.rows(at: pointer) else {
                Issue.record("\(directory) \(pointer): no trace"); continue
            }
            #expect(rows.map(\.value).reduce(0, +) == value, "\(directory) \(pointer)")
            // A count adds 1 a row: it lists the rows counted, each once.
            if let (_, figure) = SummaryTrace.figure(at: pointer), !figure.isSum {
                #expect(rows.allSatisfy { $0.value == 1 }, "\(directory) \(pointer)")
                #expect(Set(rows.map(\.source)).count == rows.count, "\(directory) \(pointer): a row listed twice")
            }
            for row in rows {
                rowCount += 1
                let file = row.source.file
                if lines[file] == nil {
                    let bytes = try #require(world.files[Path.normalise(file)], "\(pointer): no file \(file)")
                    lines[file] = Self.lines(bytes)
                }
                let fileLines = lines[file] ?? []
                guard row.source.line >= 1, row.source.line <= fileLines.count else {
                    Issue.record("\(pointer): \(file) has no line \(row.source.line)"); continue
                }
                let text = fileLines[row.source.line - 1].lowercased()
                // The row's own words as they start in the file (a cell may go on to later lines;
                // a quote inside a quoted cell is written twice).
                // A measure may be written as one of its aliases in csp.yaml.
                let measure = input.partnership.measures?.first { $0.name == row.written }
                let spellings = ([row.written] + (measure?.aliases ?? [])).map {
                    String($0.split(separator: "\n").first ?? "").lowercased()
                }
                #expect(spellings.contains { text.contains($0) || text.contains($0.replacingOccurrences(of: "\"", with: "\"\"")) },
                        "\(directory) \(pointer): \(file):\(row.source.line) does not hold \(row.written): \(text)")
            }
        }
        return (pointers.figures.count, rowCount)
    }

    @Test(arguments: ["2023-24-Q3", "2023-24-Q4", "2024-25-Q1", "2024-25-Q2", "2024-25-Q3"])
    func shippedQuarter(_ quarter: String) throws {
        let (figures, rows) = try Self.checkEveryFigure(try Self.shippedReports(), "reports/\(quarter)")
        #expect(figures > 300)
        #expect(rows > 1000)
    }

    /// The shipped police.uk rows are traced too: the crime figures have rows.
    @Test func shippedCrimeIsTraced() throws {
        let world = try Self.shippedReports()
        let (loaded, _) = QuarterLoader.load(world: world, directory: "reports/2024-25-Q3")
        let input = try #require(loaded)
        let trace = SummaryTrace(records: input.current, partnership: input.partnership, police: input.crime)
        let pointer = try ptr("/totals/crime/total")
        let total = try #require(trace.rows(at: pointer))
        #expect(total.count == trace.summary.crime?.totals.total)
        #expect(total.count > 1000)
        #expect(total.allSatisfy { $0.source.file.hasPrefix("reports/police-uk/") })
    }

    @Test(arguments: [false, true])
    func generatedQuarters(asKept: Bool) throws {
        let from = try Quarter.parse("2023-24-Q4").get()
        let data = Self.generated(SampleOptions(from: from, quarters: 3, scale: 2, seed: 11, asKept: asKept))
        for q in [from, from.next, from.next?.next].compactMap({ $0 }) {
            try Self.checkEveryFigure(data, "reports/\(q)")
        }
    }

    /// Hand-made records with the awkward cases: a measure in two spellings, a quoted title
    /// running over two lines, a case closed before the quarter (counted nowhere).
    @Test func handMadeRecords() throws {
        var f = Fixture()
        f.appendLine("carmel-activity.csv", "2021-11,North,engagement,engagement EVENTS ,4")
        f.appendLine("successes.csv", "2021-11-02,North,,engagement,\"Two-line\ntitle\",,")
        let world = f.world
        try Self.checkEveryFigure(world, Fixture.dir)
    }

    func ptr(_ text: String) throws -> SummaryPointer { try #require(SummaryPointer(text)) }

    @Test func pointers() throws {
        let json = """
            {"quarter": "2024-25-Q3", "areas": {"North": {"cases": {"opened": 3, "closed": 2}},
             "West/Central": {"successes": 4}}, "totals": {"cases": {"opened": 3}, "crime": null}}
            """
        let p = try #require(SummaryPointers(json: json))
        #expect(p.figures.map(\.description) == ["/areas/North/cases/opened", "/areas/North/cases/closed",
                                                  "/areas/West~1Central/successes", "/totals/cases/opened"])
        #expect(SummaryPointers.all(json) == p.figures)
        #expect(p.value(at: try ptr("/areas/West~1Central/successes")) == .number(4))
        let north = [try ptr("/areas/North/cases/opened"), try ptr("/areas/North/cases/closed")]
        #expect(p.value(at: try ptr("/areas/North")) == .object(north))
        #expect(p.value(at: try ptr("/totals/crime")) == .other("null"))
        #expect(p.value(at: try ptr("/nothing")) == nil)
        #expect(SummaryPointer("areas/North") == nil)
        #expect(SummaryPointer("/a~2b") == nil)
        #expect(SummaryPointer("/a~0b~1c")?.tokens == ["a~b/c"])
        func near(_ s: String) -> [String] { p.suggestions(for: s).map(\.description) }
        #expect(near("/areas/Nroth/cases/opened") == ["/areas/North/cases/opened"])
        #expect(near("/areas/north/cases/opend") == ["/areas/North/cases/opened"])
        #expect(near("/areas/West/Central/successes") == ["/areas/West~1Central/successes"])
        #expect(near("areas/North/cases/closed") == ["/areas/North/cases/closed"])
        #expect(near("/areas/Nowhere/cases/opened").isEmpty)
        #expect(near("/areas/North/") == ["/areas/North"])
        #expect(p.longestValidPrefix(of: try ptr("/areas/Nowhere/x")).description == "/areas")
        #expect(p.keys(at: try ptr("/areas")) == ["North", "West/Central"])
        #expect(SummaryPointers(json: "{\"a\": ") == nil)
    }
}
