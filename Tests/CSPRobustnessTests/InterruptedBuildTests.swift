import Foundation
import Testing

/// `cspreport build` interrupted at different moments: an earlier report is either left
/// byte-identical or replaced by a whole new one, and no temporary file is left.
@Suite(.serialized) struct InterruptedBuildTests {
    static var binary: URL? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("cspreport") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func ctrlCAtAnyMomentLeavesAWholeReport(signal: Int32) throws {
        let binary = try #require(Self.binary)
        let t = try TempFolder()
        try t.copyBase()
        let earlier = Array("%PDF-1.5 an earlier report\n".utf8)
        for delay in stride(from: 0, through: 400_000, by: 50_000) {
            try t.write("report.pdf", earlier)
            let p = Process()
            p.executableURL = binary
            p.arguments = ["build", "reports/2021-22-Q3", "--out", "report.pdf"]
            p.currentDirectoryURL = URL(fileURLWithPath: t.path)
            p.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay))
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            let report = try #require(t.read("report.pdf"))
            let whole = report == earlier || (report.starts(with: Array("%PDF-".utf8)) && report.suffix(6).contains(Array("%%EOF".utf8)))
            #expect(whole, "after \(delay) µs: report.pdf is neither the earlier one nor a whole PDF")
            if report != earlier { #expect(p.terminationReason == .exit && p.terminationStatus == 0) }
            #expect(t.entries().filter { $0.hasSuffix(".tmp") } == [], "after \(delay) µs")
        }
    }
}

extension Array where Element: Equatable {
    fileprivate func contains(_ other: [Element]) -> Bool {
        guard other.count <= count else { return false }
        return (0...(count - other.count)).contains { Array(self[$0..<($0 + other.count)]) == other }
    }
}
