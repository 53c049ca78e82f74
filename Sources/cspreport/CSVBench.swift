import ArgumentParser
import CSPCore
import CSPIngest
import Foundation

/// `cspreport bench-csv FILE`: the CSV reader's throughput (bytes → fields with line and
/// column), as `make bench-pipeline` reports it. Hidden: a developer's tool.
struct CSVBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-csv",
        abstract: "Time the CSV reader on one file.",
        shouldDisplay: false
    )

    @Argument(help: "A CSV file.")
    var file: String

    @Option(help: "How many times to read it; the median and the best are printed.")
    var repeats = 5

    func run() throws {
        guard let bytes = try DiskWorld().read(file) else {
            Console.err("bench-csv: cannot read \(file)\n")
            throw ExitStatus.invalidInput
        }
        var times: [Double] = []
        var rows = 0, fields = 0
        // A few reads first warm the allocator and the page cache; they are not counted.
        for i in 0..<(max(1, repeats) + 2) {
            let start = monotonicSeconds()
            let (document, _) = CSVReader.read(bytes: bytes, file: file)
            let elapsed = monotonicSeconds() - start
            rows = document?.records.count ?? 0
            fields = document?.records.reduce(0) { $0 + $1.fields.count } ?? 0
            if i >= 2 { times.append(elapsed) }
        }
        times.sort()
        let median = times[times.count / 2], best = times[0]
        let mb = Double(bytes.count) / 1_000_000
        Console.out("csv: \(format3(mb)) MB, \(rows) records, \(fields) fields; median \(format3(median * 1000)) ms (\(Int((mb / max(median, 1e-9)).rounded())) MB/s), best \(format3(best * 1000)) ms (\(Int((mb / max(best, 1e-9)).rounded())) MB/s)\n")
    }
}

/// Phase times of one command on stderr when CSPREPORT_TIMING is set (for profiling; the
/// output is otherwise unchanged): wall time, and the process's CPU time, which a busy
/// machine disturbs less.
struct PhaseClock {
    let enabled = getenv("CSPREPORT_TIMING") != nil
    var last = (monotonicSeconds(), PhaseClock.cpuSeconds())
    var laps: [(String, Double, Double)] = []

    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = (monotonicSeconds(), PhaseClock.cpuSeconds())
        laps.append((name, now.0 - last.0, now.1 - last.1))
        last = now
    }

    func report() {
        guard enabled else { return }
        func ms(_ s: Double) -> Int { Int((s * 1000).rounded()) }
        let parts = laps.map { "\($0.0) \(ms($0.1)) ms (cpu \(ms($0.2)))" }
        Console.err("timing: " + parts.joined(separator: ", ") + "\n")
    }
}
