import CSPCore
import Foundation

/// Where the CLI writes: stdout for results, stderr for diagnostics and progress.
enum Console {
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    static func err(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    /// Diagnostics printed for one file; the verdict still counts them all.
    static let maximumPerFile = 100

    /// Prints every diagnostic in file and position order (at most `maximumPerFile` for one
    /// file), then a one-line verdict.
    static func report(_ diagnostics: [Diagnostic], subject: String) {
        var bag = Diagnostics()
        bag.append(contentsOf: diagnostics)
        for d in bag.sorted(limitPerFile: maximumPerFile) { err(d.formatted + "\n") }
        let errors = bag.errors.count, warnings = bag.warnings.count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if errors > 0 {
            err("\(subject): \(plural(errors, "error")), \(plural(warnings, "warning")); nothing was written\n")
        } else if warnings > 0 {
            err("\(subject): valid, with \(plural(warnings, "warning"))\n")
        }
    }
}
