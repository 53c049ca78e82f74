import ArgumentParser
import CSPCore
import CSPIngest
import CSPModel
import Foundation

/// `cspreport bench-workbook FILE.csv`: the workbook reader against the CSV reader on the same
/// rows. The CSV file's rows are written as a one-table workbook (libxlsxwriter, as init
/// writes: shared strings, date cells, number cells), then both are read `repeats` times:
/// the CSV bytes into rows, and the workbook opened (styles, shared strings) and its sheet
/// streamed into the same rows. Prints both medians, the ratio, and MB/s of sheet XML.
/// Hidden: a developer's tool (`make bench` runs it).
struct WorkbookBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-workbook",
        abstract: "Time the workbook reader against the CSV reader on one file's rows.",
        shouldDisplay: false
    )

    @Argument(help: "A CSV file (its first row the header).")
    var file: String

    @Option(help: "How many times to read each; the medians are printed.")
    var repeats = 5

    func run() throws {
        guard let csv = try DiskWorld().read(file), let document = CSVReader.read(bytes: csv, file: file).0,
              let header = document.records.first else {
            Console.err("bench-workbook: cannot read \(file) as CSV\n")
            throw ExitStatus.invalidInput
        }
        let columns = header.fields.map(\.value)
        let rows = document.records.dropFirst().map { $0.fields.map(\.value) }
        let stem = Path.lastComponent(file).split(separator: ".").first.map(String.init) ?? "table"
        let partnership = Partnership(name: "Bench", shortName: "Bench", areas: [])
        let xlsx = try QuarterWorkbook.bytes(tables: [QuarterWorkbook.Table(name: stem, columns: columns, rows: rows)],
                                             partnership: partnership)
        // CPU time of the process (both readers run on this thread alone): steadier than wall
        // time on a shared machine.
        var csvTimes: [Double] = [], workbookTimes: [Double] = []
        var xml = 0, cells = 0
        for i in 0..<(max(1, repeats) + 2) {
            var start = PhaseClock.cpuSeconds()
            let (d, _) = CSVReader.read(bytes: csv, file: file)
            let csvElapsed = PhaseClock.cpuSeconds() - start
            start = PhaseClock.cpuSeconds()
            let (book, _) = Workbook.open(bytes: xlsx, file: "bench.xlsx")
            guard let book, let sheet = book.sheet(named: stem) else {
                Console.err("bench-workbook: the workbook written cannot be read\n")
                throw ExitStatus.invalidInput
            }
            let (sheetDocument, _, _) = book.document(of: sheet)
            let workbookElapsed = PhaseClock.cpuSeconds() - start
            xml = book.inflated
            cells = sheetDocument?.records.reduce(0) { $0 + $1.fields.count } ?? 0
            if d?.records.count != sheetDocument?.records.count {
                Console.err("bench-workbook: \(d?.records.count ?? 0) CSV records but \(sheetDocument?.records.count ?? 0) sheet rows\n")
            }
            if i >= 2 { csvTimes.append(csvElapsed); workbookTimes.append(workbookElapsed) }
        }
        csvTimes.sort(); workbookTimes.sort()
        let csvMedian = csvTimes[csvTimes.count / 2], workbookMedian = workbookTimes[workbookTimes.count / 2]
        let xmlMB = Double(xml) / 1_000_000
        Console.out("workbook: \(rows.count) rows, \(cells) cells; \(format3(Double(csv.count) / 1_000_000)) MB of CSV, \(format3(Double(xlsx.count) / 1_000_000)) MB of .xlsx, \(format3(xmlMB)) MB of XML inflated; CSV median \(format3(csvMedian * 1000)) ms cpu, workbook median \(format3(workbookMedian * 1000)) ms cpu (\(format3(workbookMedian / max(csvMedian, 1e-9)))× the CSV), \(Int((xmlMB / max(workbookMedian, 1e-9)).rounded())) MB/s of sheet XML\n")
    }
}
