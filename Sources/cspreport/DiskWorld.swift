import CSPCore
import CSPIngest
import CSPValidate
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real file system, with paths shown relative to the current directory.
struct DiskWorld: World, NamedDirectories {
    /// Bigger files are refused before they are read (docs/limits.md): the largest any reader
    /// accepts (CSV; YAML files are refused above 1 MB after reading).
    static let maximumFileSize = CSVReader.maximumFileSize

    /// Reads a regular file of at most `maximumFileSize` bytes. Anything else is refused
    /// without reading it: a folder, a FIFO (opening one would wait for a writer), a device
    /// such as /dev/zero (which never ends), or a file that grows past the limit while read.
    func read(_ path: String) throws -> [UInt8]? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw WorldError.unreadable(path, String(cString: strerror(errno)))
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw WorldError.unreadable(path, "it is a folder, not a file")
        default: throw WorldError.unreadable(path, "it is not a regular file (a device, pipe or socket)")
        }
        let limit = DiskWorld.maximumFileSize
        if Int(st.st_size) > limit { throw WorldError.tooLarge(path, Int(st.st_size), limit) }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw WorldError.unreadable(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                if count > limit { throw WorldError.tooLarge(path, count, limit) }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - count)))
            }
            let n = bytes.withUnsafeMutableBufferPointer { buffer in
                Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw WorldError.unreadable(path, String(cString: strerror(errno)))
            }
            if n == 0 { break }
            count += n
        }
        if count > limit { throw WorldError.tooLarge(path, count, limit) }
        bytes.removeSubrange(count...)
        return bytes
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
