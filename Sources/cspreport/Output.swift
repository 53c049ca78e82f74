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

    /// Diagnostics printed for one file; the closing line still counts them all.
    static let maximumPerFile = 100

    /// Prints every diagnostic in file and position order (at most `maximumPerFile` for one
    /// file); when any is an error, a closing line counts them (`consequence` says what that
    /// means for this command).
    static func report(_ diagnostics: [Diagnostic], subject: String, consequence: String = "") {
        var bag = Diagnostics()
        bag.append(contentsOf: diagnostics)
        for d in bag.sorted(limitPerFile: maximumPerFile) { err(d.formatted + "\n") }
        let errors = bag.errorCount, warnings = bag.warningCount
        if errors > 0 {
            err("\(subject): \(English.count(errors, "error")), \(English.count(warnings, "warning"))\(consequence)\n")
        }
    }
}
