#if canImport(Glibc)
import Glibc
#endif
import CSPDisplay

let testDate = DateTime(year: 2021, month: 12, day: 31)

func writeFile(_ bytes: [UInt8], _ path: String) {
    guard let f = fopen(path, "wb") else { return }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

func tmpPath(_ name: String) -> String { "/tmp/cspreport-postpass-tests-\(getpid())-\(name)" }

/// Runs a tool (qpdf, installed by `make test`); nil when it is not installed.
func run(_ tool: String, _ args: [String]) -> (status: Int32, output: String)? {
    let cmd = ([tool] + args).map { "'" + $0.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'" }.joined(separator: " ")
    guard system("command -v \(tool) >/dev/null 2>&1") == 0 else { return nil }
    guard let p = popen(cmd + " 2>&1", "r") else { return nil }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buf, 1, buf.count, p)
        if n <= 0 { break }
        out += buf[0..<n]
    }
    let status = pclose(p)
    return ((status >> 8) & 0xFF, String(decoding: out, as: UTF8.self))
}

func readAll(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out += buf[0..<n]
    }
    return out
}
