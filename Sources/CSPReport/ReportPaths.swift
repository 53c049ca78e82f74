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

extension ReportPaths {
    /// `file` named from `reportsFolder` (an absolute path).
    static func relative(_ file: InputFile, to reportsFolder: String) -> InputFile {
        var f = file
        f.path = shown(f.path, reportsFolder: reportsFolder)
        return f
    }

    static func relative(_ records: QuarterRecords, to reportsFolder: String) -> QuarterRecords {
        var r = records
        r.files = r.files.map { relative($0, to: reportsFolder) }
        return r
    }

    static func relative(_ data: PoliceData, to reportsFolder: String) -> PoliceData {
        var d = data
        d.files = d.files.map { var p = $0; p.file = relative(p.file, to: reportsFolder); return p }
        d.lookup = d.lookup.map { relative($0, to: reportsFolder) }
        return d
    }
}

extension QuarterInput {
    /// The same input with every file named as the report shows it (ReportPaths).
    func namingFilesFromReportsFolder() -> QuarterInput {
        let root = Path.parent(ReportPaths.absolute(directory))
        var out = self
        out.configFile = configFile.map { ReportPaths.relative($0, to: root) }
        out.current = ReportPaths.relative(current, to: root)
        out.history = history.map { ReportPaths.relative($0, to: root) }
        out.referencedFiles = referencedFiles.map { ReportPaths.relative($0, to: root) }
        out.crime = crime.map { ReportPaths.relative($0, to: root) }
        return out
    }
}

extension YearInput {
    /// The same input with every file named as the report shows it (ReportPaths).
    func namingFilesFromReportsFolder() -> YearInput {
        let root = Path.parent(ReportPaths.absolute(last.directory))
        var out = self
        out.last = last.namingFilesFromReportsFolder()
        out.quarters = quarters.map { ReportPaths.relative($0, to: root) }
        out.previousYear = previousYear.map { ReportPaths.relative($0, to: root) }
        out.crime = crime.map { ReportPaths.relative($0, to: root) }
        return out
    }
}
