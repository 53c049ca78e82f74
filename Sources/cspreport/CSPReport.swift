import ArgumentParser
import CSPRender
import CSPCore

/// Exit statuses as values: 0 valid, 1 invalid input, 2 usage error.
enum ExitStatus {
    static let invalidInput = ExitCode(1)
    static let usage = ExitCode(2)
}

@main
struct CSPReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cspreport",
        abstract: "Compile the Cambridge CSP Problem-Solving Group quarterly report.",
        version: "0.1.0",
        subcommands: [
            // Each subcommand lives in its own file beside this one.
            Validate.self,
            Summary.self,
            Build.self,
            Init.self,
            Sample.self,
            Specimen.self,
            BenchRender.self,
            CrimeBench.self,
            CSVBench.self,
            WorkbookBench.self,
        ]
    )

    /// ArgumentParser exits with 64 (EX_USAGE) on a usage error; the README promises 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.err(fullMessage(for: error) + "\n")
                exit(withError: ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}
