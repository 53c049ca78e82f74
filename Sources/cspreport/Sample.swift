import ArgumentParser
import CSPCore
import CSPSample
import Foundation

/// `cspreport sample`: writes a realistic, deterministic reports/ folder for trying the tool,
/// for demos and for tests.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write realistic sample input data (csp.yaml and quarter folders).",
        discussion: """
            The same options always write the same bytes. Cases, blockers and Think Communities \
            projects carry over from quarter to quarter as they would in the PSG's own records.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The folder to write csp.yaml and the quarter folders into.",
                                            valueName: "dir"))
    var out: String

    // Numbers are taken as text and checked in `run()` so that a bad value exits with status 2
    // and a message in the partnership's words, not ArgumentParser's own usage status.
    @Option(name: .long, help: ArgumentHelp("The first quarter, e.g. 2023-24-Q4.", valueName: "quarter"))
    var from: String = SampleOptions.defaultFrom.description

    @Option(name: .long, help: ArgumentHelp("How many consecutive quarters (1–40).", valueName: "n"))
    var quarters: String = "4"

    @Option(name: .long, help: ArgumentHelp("Multiply the row counts (1–1000); 1 is a realistic quarter.",
                                            valueName: "k"))
    var scale: String = "1"

    @Option(name: .long, help: ArgumentHelp("The random seed (a whole number ≥ 0).", valueName: "s"))
    var seed: String = "1"

    @Flag(name: .long, help: ArgumentHelp(
        "Write records as partnerships really keep them: activity as a log (several rows per month, area and "
            + "measure, adding up to the same totals), areas in any case and spelling, blockers and successes on "
            + "cases closed in an earlier quarter, and measures of different units listed in csp.yaml."))
    var asKept = false

    @Flag(name: .long, help: ArgumentHelp(
        "Leave out of the last quarter one case and one escalated blocker that were open at the end of the "
            + "quarter before, and say which."))
    var forgetCarriedOver = false

    @Flag(name: .long, help: "Overwrite quarter folders and a csp.yaml that already exist.")
    var force = false

    func run() throws {
        let options = try parsedOptions()
        let data = SampleGenerator.generate(options)
        let outURL = URL(fileURLWithPath: out, isDirectory: true)
        try checkNothingIsOverwritten(data, in: outURL)
        do {
            for file in data.files {
                let url = outURL.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
            }
        } catch {
            Sample.printError("cspreport sample: cannot write to \(out): \(error.localizedDescription)")
            throw ExitStatus.invalidInput
        }
        print("wrote \(out)/csp.yaml")
        for q in data.quarters {
            let counts = [("psg-cases.csv", "cases"), ("successes.csv", "successes"), ("blockers.csv", "blockers"),
                          ("carmel-activity.csv", "activity rows")]
                .map { "\(q.rowCounts[$0.0] ?? 0) \($0.1)" }
            print("wrote \(out)/\(q.quarter)/ (\(counts.joined(separator: ", ")))")
        }
        if let f = data.forgotten {
            // Named so that a test (or a person trying the validator) knows what it should report.
            let named = f.caseIDs.map { "case \($0)" } + f.blockerIDs.map { "blocker \($0)" }
            print("forgot \(named.isEmpty ? "nothing" : TextMatch.list(named)) in \(out)/\(f.quarter)/, "
                + "though open at the end of the quarter before")
        }
    }

    private func parsedOptions() throws -> SampleOptions {
        var problems: [String] = []
        var quarter = SampleOptions.defaultFrom
        switch Quarter.parse(from) {
        case .success(let q): quarter = q
        case .failure(.yearsNotConsecutive):
            problems.append("--from \(TextMatch.quoted(from)): the two years of a financial year must be consecutive, e.g. 2023-24-Q4")
        case .failure(.badQuarterNumber):
            problems.append("--from \(TextMatch.quoted(from)): the quarter number must be 1 to 4, e.g. 2023-24-Q4")
        case .failure(.malformed):
            problems.append("--from \(TextMatch.quoted(from)) is not a quarter; write it as YYYY-YY-Qn, e.g. 2023-24-Q4")
        }
        func number(_ text: String, _ name: String) -> Int? {
            guard let n = Int(text.trimmingSpaces) else {
                problems.append("--\(name) \(TextMatch.quoted(text)) is not a whole number")
                return nil
            }
            return n
        }
        let n = number(quarters, "quarters")
        let k = number(scale, "scale")
        let s = UInt64(seed.trimmingSpaces)
        if s == nil { problems.append("--seed \(TextMatch.quoted(seed)) is not a whole number ≥ 0") }
        // Values that did not parse stand in as valid defaults, so every other problem is
        // still reported in the same run.
        let options = SampleOptions(from: quarter, quarters: n ?? 1, scale: k ?? 1, seed: s ?? 0,
                                    asKept: asKept, forgetCarriedOver: forgetCarriedOver)
        problems += options.problems
        if problems.isEmpty, n != nil, k != nil, s != nil { return options }
        for p in problems { Sample.printError("cspreport sample: \(p)") }
        throw ExitStatus.usage
    }

    /// A quarter folder with files in it is the chair's work, or an earlier sample someone has
    /// edited by hand: it is replaced only when asked. Same for a csp.yaml that differs.
    private func checkNothingIsOverwritten(_ data: SampleDataSet, in outURL: URL) throws {
        guard !force else { return }
        let fm = FileManager.default
        var refused: [String] = []
        let configURL = outURL.appendingPathComponent(data.configuration.path)
        if let existing = fm.contents(atPath: configURL.path), [UInt8](existing) != data.configuration.bytes {
            refused.append("\(out)/csp.yaml")
        }
        for q in data.quarters {
            let folder = outURL.appendingPathComponent(q.quarter.description).path
            if let entries = try? fm.contentsOfDirectory(atPath: folder), !entries.isEmpty {
                refused.append("\(out)/\(q.quarter)/")
            }
        }
        guard !refused.isEmpty else { return }
        Sample.printError("cspreport sample: not overwriting \(TextMatch.list(refused)), which already exist"
            + (refused.count == 1 ? "s" : "") + "; use --force to replace.")
        throw ExitStatus.usage
    }
}

extension Sample {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
