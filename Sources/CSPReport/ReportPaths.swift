import CSPCore
import CSPModel
import CSPValidate
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the report names its input files: relative to the reports folder (the quarter folder's
/// parent, which holds csp.yaml), as `2024-25-Q3/psg-cases.csv`. The paths the loader keeps are
/// as the user typed them, relative to wherever the command ran, and a published paper must not
/// show that folder (nor may the input-set hash, which covers the names, change with it).
enum ReportPaths {
    /// `path` relative to `reportsFolder`; a file outside it (a police.uk folder elsewhere) by
    /// its name alone.
    static func shown(_ path: String, reportsFolder: String) -> String {
        let root = absolute(reportsFolder), file = absolute(path)
        if root == "/" { return String(file.dropFirst()) }
        if file.hasPrefix(root + "/") { return String(file.dropFirst(root.count + 1)) }
        return Path.lastComponent(file)
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return Path.normalise(path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return Path.normalise(path) }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return Path.join(cwd, path)
    }
}

extension QuarterInput {
    /// The same input with every file named as the report shows it (ReportPaths).
    func namingFilesFromReportsFolder() -> QuarterInput {
        let root = Path.parent(ReportPaths.absolute(directory))
        func relative(_ f: InputFile) -> InputFile {
            var f = f
            f.path = ReportPaths.shown(f.path, reportsFolder: root)
            return f
        }
        var out = self
        out.configFile = configFile.map(relative)
        out.current.files = current.files.map(relative)
        out.history = history.map { var h = $0; h.files = h.files.map(relative); return h }
        out.referencedFiles = referencedFiles.map(relative)
        if var crime {
            crime.files = crime.files.map { var p = $0; p.file = relative(p.file); return p }
            crime.lookup = crime.lookup.map(relative)
            out.crime = crime
        }
        return out
    }
}
