import CSPCore
import CSPValidate
import Foundation

/// The real file system, with paths shown relative to the current directory.
struct DiskWorld: World, NamedDirectories {
    /// Bigger files are refused before they are read into memory.
    static let maximumFileSize = 512 * 1024 * 1024

    func read(_ path: String) throws -> [UInt8]? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return nil }
        if isDir.boolValue { throw WorldError.unreadable(path, "it is a folder, not a file") }
        if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.intValue > DiskWorld.maximumFileSize {
            throw WorldError.tooLarge(path, DiskWorld.maximumFileSize)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WorldError.unreadable(path, "permission denied")
        }
        defer { try? handle.close() }
        guard let data = try handle.readToEnd() else { return [] }
        return [UInt8](data)
    }

    func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    func contents(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    func isInside(_ path: String, directory: String) -> Bool {
        let p = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let d = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        return p.hasPrefix(d.hasSuffix("/") ? d : d + "/")
    }

    func realName(of path: String) -> String? {
        URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    }

    /// A path as the user should see it: relative to the current directory when inside it.
    static func display(_ path: String) -> String {
        guard path.hasPrefix("/") else { return Path.normalise(path) }
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        if path.hasPrefix(prefix) { return Path.normalise(String(path.dropFirst(prefix.count))) }
        return Path.normalise(path)
    }
}
