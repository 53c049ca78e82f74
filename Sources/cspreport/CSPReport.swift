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
            Explain.self,
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
        if let message = unknownSubcommand(Array(CommandLine.arguments.dropFirst())) {
            Console.err(message + "\n")
            exit(withError: ExitStatus.usage)
        }
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

    /// "cspreport biuld …": ArgumentParser would only say "2 unexpected arguments"; name the
    /// command meant. Hidden commands (the benchmarks) are matched but never suggested.
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let commands = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !commands.contains(first) else { return nil }
        let shown = configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        var message = "cspreport: there is no command \(TextMatch.quoted(first))"
        if let near = TextMatch.suggestion(for: first.lowercased(), among: shown) {
            message += "; did you mean \(TextMatch.quoted(near))?"
        } else {
            message += "."
        }
        return message + " The commands are \(TextMatch.list(shown)); see cspreport --help."
    }
}
