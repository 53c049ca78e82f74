/// Everything the pipeline reads from outside goes through a World: the CLI reads the disk,
/// tests and fuzzers give files from memory. Paths are as the user sees them (relative to the
/// current directory when the user gave a relative path).
public protocol World: Sendable {
    /// The bytes of a file, or nil when there is no such file.
    func read(_ path: String) throws -> [UInt8]?
    func isDirectory(_ path: String) -> Bool
    /// Names of the entries of a folder (not paths), or [] when it is not a folder.
    func contents(of directory: String) -> [String]
    /// Whether `path` is, or resolves through symbolic links to, a place inside `directory`.
    func isInside(_ path: String, directory: String) -> Bool
}

public enum WorldError: Error, CustomStringConvertible {
    case unreadable(String, String)
    /// The path, its size and the limit, in bytes.
    case tooLarge(String, Int, Int)

    /// The message for the file's diagnostic (which already names the path).
    public var description: String {
        switch self {
        case let .unreadable(_, why): return "cannot be read: \(why)"
        case let .tooLarge(_, size, limit):
            return "file is \(WorldError.megabytes(size)); the largest input file cspreport reads is \(WorldError.megabytes(limit)) (a quarter's files are usually well under 1 MB)"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 10 * 1024 * 1024 || bytes % (1024 * 1024) == 0
            ? "\(bytes / (1024 * 1024)) MB"
            : "\(bytes / (1024 * 1024)).\(bytes % (1024 * 1024) * 10 / (1024 * 1024)) MB"
    }
}

/// Files held in memory, for tests and fuzzing.
public struct MemoryWorld: World {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]] = [:]) { self.files = files }

    public init(text: [String: String]) {
        self.files = text.mapValues { Array($0.utf8) }
    }

    public func read(_ path: String) throws -> [UInt8]? { files[Path.normalise(path)] }

    public func isDirectory(_ path: String) -> Bool {
        let prefix = Path.normalise(path) + "/"
        return files.keys.contains { $0.hasPrefix(prefix) || prefix == "./" }
    }

    public func contents(of directory: String) -> [String] {
        let dir = Path.normalise(directory)
        let prefix = dir == "." ? "" : dir + "/"
        var names = Set<String>()
        for key in files.keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            if let first = rest.split(separator: "/").first { names.insert(String(first)) }
        }
        return names.sorted()
    }

    public func isInside(_ path: String, directory: String) -> Bool {
        let p = Path.normalise(path), d = Path.normalise(directory)
        return d == "." ? !p.hasPrefix("../") && p != ".." && !p.hasPrefix("/") : p.hasPrefix(d + "/")
    }
}

/// Lexical path handling, so messages show paths as the user typed them.
public enum Path {
    public static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") { return normalise(b) }
        if a.isEmpty || a == "." { return normalise(b) }
        return normalise(a + "/" + b)
    }

    /// Removes `.` segments, empty segments and `x/..` pairs; keeps leading `..`.
    public static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    public static func lastComponent(_ path: String) -> String {
        String(normalise(path).split(separator: "/").last ?? "")
    }

    public static func parent(_ path: String) -> String {
        join(path, "..")
    }
}
