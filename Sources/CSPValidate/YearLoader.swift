import CSPAggregate
import CSPCore
import CSPModel

/// A financial year's quarter folders, read and checked: the input of the year's summary and
/// of the annual report.
public struct YearInput: Sendable {
    public var year: FinancialYear
    /// The year's last quarter that has a folder, loaded as for its own report: its records,
    /// and the quarters before it (the rest of the year and the year before) as history.
    public var last: QuarterInput
    /// The year's quarters that have folders, oldest first.
    public var quarters: [QuarterRecords]
    /// The year's quarters with no folder.
    public var missing: [Quarter]
    /// The quarters of the year before that have folders, oldest first.
    public var previousYear: [QuarterRecords]
    /// police.uk data for the year's months and the year before's; nil when reports/ has no
    /// police-uk/ folder.
    public var crime: PoliceData?

    public var partnership: Partnership { last.partnership }
    public var directory: String { Path.parent(last.directory) }

    /// Every input file read: the configuration, the year's and the year before's quarters,
    /// older case registers that references needed, and the police.uk files.
    public var files: [InputFile] {
        (last.configFile.map { [$0] } ?? []) + previousYear.flatMap(\.files) + quarters.flatMap(\.files)
            + last.referencedFiles + (crime.map { $0.files.map(\.file) + ($0.lookup.map { [$0] } ?? []) } ?? [])
    }
}

extension YearInput {
    /// The year's figures: each quarter summarised as for its own report, then combined.
    public func summary() -> YearSummary? {
        let summaries = Parallel.map(quarters) { Aggregator.summarise($0, partnership: partnership) }
        var y = YearAggregator.combine(summaries, year: year, partnership: partnership)
        y?.crime = crime.map { YearCrime($0, year: year, partnership: partnership) }
        return y
    }
}

public enum YearLoader {
    /// Loads the quarters of `year` (as written, `2024-25`) from the reports folder at
    /// `directory`. The year is loaded through its last quarter folder, whose history holds the
    /// rest of the year and the year before: each of them is checked as for a quarter's report,
    /// and an error in any refuses the year. A quarter of the year with no folder is a warning:
    /// the figures cover the others.
    public static func load(world: World, directory: String, year text: String) -> (YearInput?, [Diagnostic]) {
        let dir = Path.normalise(directory)
        guard FinancialYear.parse(text) != nil else {
            return (nil, [.error(SourceLocation(file: dir), "\(TextMatch.quoted(text)) is not a financial year: write it as the quarter folders do, such as 2024-25")])
        }
        let names = Set(world.contents(of: dir))
        let found = (1...4).map { "\(text)-Q\($0)" }.filter { names.contains($0) && world.isDirectory(Path.join(dir, $0)) }
        guard let lastName = found.last else {
            let own = Path.lastComponent(dir)
            if case .success(let q) = Quarter.parse(own), q.description == own {
                return (nil, [.error(SourceLocation(file: dir), "this is a quarter folder; --year takes the reports folder that holds the year's quarter folders: \(Path.parent(dir))")])
            }
            return (nil, [.error(SourceLocation(file: dir), "no quarter folder of \(text) here (looked for \(text)-Q1 to \(text)-Q4); give the reports folder that holds them, or make one with cspreport init")])
        }
        let policeFolder = Path.join(dir, PoliceDataLoader.folderName)
        // The year reads police.uk data once, for its own months (below): the quarter's load,
        // which would read the last quarter's months, is not shown the folder.
        let (loaded, quarterDiagnostics) = QuarterLoader.load(world: WithoutFolder(world: world, hidden: policeFolder),
                                                             directory: Path.join(dir, lastName))
        var diagnostics = quarterDiagnostics
        guard let loaded, let year = FinancialYear.parse(text, yearStartMonth: loaded.partnership.yearStartMonth) else {
            return (nil, diagnostics)
        }
        let partnership = loaded.partnership
        let all = loaded.history + [loaded.current]
        let quarters = all.filter { $0.quarter.financialYear == year.startYear }
        let previousYear = all.filter { $0.quarter.financialYear == year.startYear - 1 }
        let missing = year.quarters.filter { q in !quarters.contains { $0.quarter == q } }
        if !missing.isEmpty {
            diagnostics.append(.warning(SourceLocation(file: dir),
                "\(TextMatch.list(missing.map(\.description))) \(missing.count == 1 ? "has no folder" : "have no folders") here, so the year’s figures cover \(TextMatch.list(quarters.map(\.quarter.description))) only; the report and the summary say so"))
        }
        // The last quarter's own load compared it with the quarter before; the year's earlier
        // quarters are compared here, as the year's figures depend on each joining the next.
        for (previous, current) in Array(zip(quarters, quarters.dropFirst())).dropLast()
        where current.quarter.previous == previous.quarter {
            diagnostics += QuarterLoader.continuityDiagnostics(Continuity(previous: previous, current: current, partnership: partnership), current: current,
                                                               directory: Path.join(dir, current.quarter.description))
        }

        var crime: PoliceData?
        if world.isDirectory(policeFolder) {
            let months = (year.previous?.months ?? []) + year.months
            let (data, read) = PoliceDataLoader.read(world: world, folder: policeFolder,
                                                     lookupPath: Path.join(dir, PoliceDataLoader.lookupName),
                                                     months: months, partnership: partnership)
            diagnostics += read
            let missingMonths = year.months.filter { !data.hasData(for: $0) }
            if !missingMonths.isEmpty {
                let have = year.months.filter { data.hasData(for: $0) }
                diagnostics.append(.warning(SourceLocation(file: policeFolder),
                    have.isEmpty
                        ? "no police.uk file for \(year.monthRange), so the annual report says crime and anti-social behaviour data is not available for \(year)"
                        : "no police.uk file for \(YearLoader.span(missingMonths)), so \(year)’s crime and anti-social behaviour figures cover \(YearLoader.span(have)) only and are not compared with the year before"))
            }
            crime = data
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (YearInput(year: year, last: loaded, quarters: quarters, missing: missing,
                          previousYear: previousYear, crime: crime), diagnostics)
    }

    /// "April–December 2024" for months that follow each other, else each month named.
    public static func span(_ months: [YearMonth]) -> String {
        guard let first = months.first, let last = months.last else { return "" }
        guard months.count > 2, first.adding(months: months.count - 1) == last else { return TextMatch.list(months.map(\.name)) }
        return first.year == last.year ? "\(YearMonth.monthNames[first.month - 1])–\(last.name)" : "\(first.name)–\(last.name)"
    }
}

/// A World in which one folder (and everything in it) does not exist.
struct WithoutFolder: World {
    var world: World
    var hidden: String

    func isHidden(_ path: String) -> Bool {
        let p = Path.normalise(path)
        return p == hidden || p.hasPrefix(hidden + "/")
    }
    func read(_ path: String) throws -> [UInt8]? { isHidden(path) ? nil : try world.read(path) }
    func isDirectory(_ path: String) -> Bool { !isHidden(path) && world.isDirectory(path) }
    func contents(of directory: String) -> [String] {
        isHidden(directory) ? [] : world.contents(of: directory).filter { !isHidden(Path.join(directory, $0)) }
    }
    func isInside(_ path: String, directory: String) -> Bool { world.isInside(path, directory: directory) }
}
