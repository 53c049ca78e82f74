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
    var editions: [Edition]

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
        var edition: Edition
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
        let jobs = quarters.flatMap { q in
            editions.map { edition in
                (quarter: q, dir: Path.join(reports, q), edition: edition,
                 out: Path.join(outDir, BuildAll.outputName(quarter: q, edition: edition)))
            }
        }
        let started = monotonicSeconds()
        // concurrentPerform runs as many iterations at a time as there are cores; each one
        // starts a child and waits for it. The children lay out on one thread each: the
        // cores are busy already.
        let outcomes = Parallel.map(jobs) { job -> Outcome in
            let (status, stderr) = ChildProcess.run(exe, ["build", job.dir, "--out", job.out, "--edition", job.edition.rawValue, "--one-layout-thread"])
            return Outcome(quarter: job.quarter, edition: job.edition, output: job.out, status: status, stderr: stderr)
        }
        var failed = 0
        // The child's own lines (warnings, "wrote …") keep the quarter's name in them; the
        // second edition's copies of the first's warnings are left out.
        var printed = ChildOutput()
        for o in outcomes {
            Console.err(printed.new(o.stderr, group: o.quarter))
            if o.status != 0 {
                failed += 1
                let why = o.status == 1 ? "invalid input" : "failed with status \(o.status)"
                let which = editions.count > 1 ? "\(o.quarter) (\(o.edition.rawValue) edition)" : o.quarter
                Console.err("\(which): \(why); no report was written for it\n")
            }
        }
        let seconds = monotonicSeconds() - started
        let what = editions.count > 1 ? English.count(outcomes.count, "report") + " (\(English.count(quarters.count, "quarter")), both editions)"
                                      : English.count(outcomes.count, "quarter")
        Console.err("built \(outcomes.count - failed) of \(what) into \(DiskWorld.display(outDir)) in \(format3(seconds)) s (\(ProcessInfo.processInfo.activeProcessorCount) at a time)\(failed > 0 ? "; \(failed) failed" : "")\n")
        if failed > 0 { throw ExitStatus.invalidInput }
    }
}

/// What child builds wrote to stderr, each line once per group: two editions of one quarter
/// find the same problems in its input, and the reader needs them once.
struct ChildOutput {
    private var seen: [String: Set<Substring>] = [:]

    mutating func new(_ text: String, group: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
        where seen[group, default: []].insert(line).inserted {
            out += line + "\n"
        }
        return out
    }
}

/// `build QUARTER --out FILE.pdf --edition both`: a child build for each edition at once, into
/// FILE-board.pdf and FILE-public.pdf, each as the single-edition command writes it.
struct BothEditions {
    /// The quarter folder (or the reports folder and --year).
    var arguments: [String]
    var out: String

    /// FILE.pdf → FILE-board.pdf: the edition goes before the extension.
    static func path(_ out: String, _ edition: Edition) -> String {
        let name = Path.lastComponent(out)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return out + "-\(edition.rawValue)" }
        let folder = AtomicFile.folderOf(out)
        let file = name[..<dot] + "-\(edition.rawValue)" + name[dot...]
        return out.contains("/") ? Path.join(folder, String(file)) : String(file)
    }

    func run() throws {
        guard let exe = Assets.executablePathForChildren() else {
            Console.err("cspreport: cannot find its own executable to start the builds\n")
            throw ExitCode.failure
        }
        let jobs = [Edition.board, .public].map { (edition: $0, out: BothEditions.path(out, $0)) }
        for job in jobs { try OutputPath.check(job.out) }
        let results = Parallel.map(jobs) { job in
            ChildProcess.run(exe, ["build"] + arguments + ["--out", job.out, "--edition", job.edition.rawValue, "--one-layout-thread"])
        }
        var printed = ChildOutput()
        for (status, stderr) in results { Console.err(printed.new(stderr, group: "")) }
        // Both children read the same input: the worst status is the command's.
        let worst = results.map(\.0).max() ?? 0
        if worst == 1 { throw ExitStatus.invalidInput }
        if worst != 0 { throw ExitCode(worst) }
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
