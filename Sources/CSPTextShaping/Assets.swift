#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the bundled assets (fonts) without `Bundle.module`, which crashes a copied binary.
/// Order: `$CSPREPORT_ASSETS`; beside an installed binary (`<prefix>/bin/cspreport` →
/// `<prefix>/share/cspreport`); `assets/` next to the binary; the source tree (development).
public enum Assets {
    public static let environmentVariable = "CSPREPORT_ASSETS"

    public static func candidates(executable: String? = executablePath()) -> [String] {
        var out: [String] = []
        if let env = getenv(environmentVariable) { out.append(String(cString: env)) }
        if let exe = executable {
            let dir = parent(exe)
            out.append(parent(dir) + "/share/cspreport")
            out.append(dir + "/assets")
            out.append(dir + "/share/cspreport")
        }
        // Sources/CSPTextShaping/Assets.swift → the package root's assets/.
        out.append(parent(parent(parent(#filePath))) + "/assets")
        return out
    }

    /// The regular face, whose presence marks a folder of the bundled fonts.
    static let markerFont = "Inter-Regular.ttf"

    /// The first candidate holding `fonts/Inter-Regular.ttf`.
    public static func directory() -> String? {
        candidates().first { access($0 + "/fonts/" + markerFont, R_OK) == 0 }
    }

    public static func executablePath() -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return CommandLine.arguments.first }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func parent(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "." }
        return i == path.startIndex ? "/" : String(path[..<i])
    }
}
