import ArgumentParser
import CSPCore
import CSPLayout
import CSPRender
import CSPTextShaping
import CSPAggregate
import Foundation

/// `build --all REPORTS_DIR --out-dir DIR`: every quarter folder, one child `cspreport build`
/// per quarter, as many at a time as there are cores.
///
/// A child process per quarter rather than threads: Cairo, Pango and fontconfig objects must
/// not be shared between threads, and a child runs exactly the single-quarter build, so each
/// PDF is byte-identical to `cspreport build QUARTER --out FILE` (same path as given, same
/// environment). Each child writes its PDF atomically; a quarter that fails leaves no file
/// (and an earlier PDF of that quarter untouched), and the others are still built.
struct BuildAll {
    var reports: String
    var outDir: String
    var edition: Edition

    /// Quarter folder names (2024-25-Q3) in time order.
    static func quarterFolders(in reports: String) -> [String] {
        DiskWorld().contents(of: reports).filter { name in
            let u = Array(name.utf8)
            func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { u[$0] >= 48 && u[$0] <= 57 } }
            return u.count == 10 && digits(0..<4) && u[4] == UInt8(ascii: "-") && digits(5..<7)
                && u[7] == UInt8(ascii: "-") && u[8] == UInt8(ascii: "Q") && (49...52).contains(u[9])
                && DiskWorld().isDirectory(Path.join(reports, name))
        }.sorted()
    }

    static func outputName(quarter: String, edition: Edition) -> String { "\(quarter)-\(edition.rawValue).pdf" }

    struct Outcome: Sendable {
        var quarter: String
        var output: String
        var status: Int32
        var stderr: String
    }

    func run() throws {
        let quarters = BuildAll.quarterFolders(in: reports)
        guard !quarters.isEmpty else {
            Console.err("cspreport: no quarter folders (named like 2024-25-Q3) in \(reports)\n")
            throw ExitStatus.invalidInput
        }
        do {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        } catch {
            Console.err("cspreport: cannot create --out-dir \(outDir): \(error.localizedDescription)\n")
            throw ExitCode.failure
        }
        guard let exe = Assets.executablePathForChildren() else {
            Console.err("cspreport: cannot find its own executable to start the builds\n")
            throw ExitCode.failure
        }
        let edition = self.edition
        let jobs = quarters.map { q in
            (quarter: q, dir: Path.join(reports, q), out: Path.join(outDir, BuildAll.outputName(quarter: q, edition: edition)))
        }
        let started = monotonicSeconds()
        // concurrentPerform runs as many iterations at a time as there are cores; each one
        // starts a child and waits for it. The children lay out on one thread each: the
        // cores are busy already.
        let outcomes = Parallel.map(jobs) { job -> Outcome in
            let (status, stderr) = ChildProcess.run(exe, ["build", job.dir, "--out", job.out, "--edition", edition.rawValue, "--one-layout-thread"])
            return Outcome(quarter: job.quarter, output: job.out, status: status, stderr: stderr)
        }
        var failed = 0
        for o in outcomes {
            if o.status == 0 {
                // The child's own lines (warnings, "wrote …") keep the quarter's name in them.
                Console.err(o.stderr)
            } else {
                failed += 1
                Console.err(o.stderr)
                let why = o.status == 1 ? "invalid input" : "failed with status \(o.status)"
                Console.err("\(o.quarter): \(why); no report was written for it\n")
            }
        }
        let seconds = monotonicSeconds() - started
        Console.err("built \(outcomes.count - failed) of \(English.count(outcomes.count, "quarter")) into \(DiskWorld.display(outDir)) in \(format3(seconds)) s (\(ProcessInfo.processInfo.activeProcessorCount) at a time)\(failed > 0 ? "; \(failed) failed" : "")\n")
        if failed > 0 { throw ExitStatus.invalidInput }
    }
}

enum ChildProcess {
    /// Runs `exe` with `arguments`, stdout discarded, and returns its exit status (128 + signal
    /// when killed) and everything it wrote to stderr.
    static func run(_ exe: String, _ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        do { try process.run() } catch {
            return (126, "cannot start \(exe): \(error.localizedDescription)\n")
        }
        // Read to the end before waiting, so a chatty child never blocks on a full pipe.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, String(decoding: data, as: UTF8.self))
    }
}

extension Assets {
    /// This program's own file, for starting copies of it.
    static func executablePathForChildren() -> String? {
        guard let p = executablePath(), access(p, X_OK) == 0 else { return nil }
        return p
    }
}
