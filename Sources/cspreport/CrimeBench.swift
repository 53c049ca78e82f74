import ArgumentParser
import CSPAggregate
import CSPCore
import CSPModel
import CSPValidate

/// `cspreport crime-bench DIR`: times reading and aggregating every police.uk street-level
/// file in DIR, as `make bench-crime` runs it over the county's year. Hidden: a developer's tool.
struct CrimeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crime-bench",
        abstract: "Time reading and aggregating a folder of police.uk street-level files.",
        shouldDisplay: false
    )

    @Argument(help: "A folder of YYYY-MM-<force>-street.csv files.")
    var directory: String

    @Option(help: "The LSOA → area lookup (default: cambridge-lsoa-areas.csv beside the folder).")
    var lookup: String?

    @Option(help: "How many times to run; the best and the first are printed.")
    var repeats = 5

    func run() throws {
        let world = DiskWorld()
        let folder = Path.normalise(directory)
        let lookupPath = lookup ?? Path.join(Path.parent(folder), "cambridge-lsoa-areas.csv")
        // The Cambridge partnership of PRODUCT.md; the lookup's West/Central resolves to West.
        let partnership = Partnership(name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP",
                                      areas: [Area(name: "North"), Area(name: "East"), Area(name: "South"),
                                              Area(name: "West", aliases: ["West/Central", "Central"])])
        var times: [Double] = []
        var last: (PoliceData, [Diagnostic], [CrimeSection])?
        for _ in 0..<max(1, repeats) {
            let clock = ContinuousClock()
            let start = clock.now
            let (data, diagnostics) = PoliceDataLoader.read(world: world, folder: folder, lookupPath: lookupPath,
                                                            months: nil, partnership: partnership)
            let quarters = Set(data.files.compactMap { Quarter.containing($0.month.firstDay) }).sorted()
            let table = CrimeTable(data)
            let sections = quarters.map { CrimeAggregator.section(data, quarter: $0, partnership: partnership, table: table) }
            let elapsed = clock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            last = (data, diagnostics, sections)
        }
        guard let (data, diagnostics, sections) = last else { return }
        for d in diagnostics where d.severity == .error { Console.err(d.formatted + "\n") }
        let bytes = data.files.map(\.file.bytes).reduce(0, +)
        let rows = data.files.map(\.rows).reduce(0, +)
        let withheld = data.files.map(\.locationWithheld).reduce(0, +)
        let outside = data.files.map(\.outside).reduce(0, +)
        let best = times.min() ?? 0
        let mb = Double(bytes) / 1_000_000
        func f(_ x: Double, _ digits: Int) -> String {
            let p = (0..<digits).reduce(1.0) { r, _ in r * 10 }
            return String((x * p).rounded() / p)
        }
        Console.out("""
        crime-bench: \(data.files.count) files, \(f(mb, 1)) MB, \(rows) rows: \(data.records.count) in the partnership's areas, \(withheld) location withheld, \(outside) outside; \(sections.count) quarter sections
        best \(f(best, 3)) s (\(f(mb / max(best, 1e-9), 0)) MB/s); first run \(f(times[0], 3)) s; \(times.count) runs

        """)
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitStatus.invalidInput }
    }
}
