import Foundation

/// Runs the cspreport binary built beside the test bundle, in a scratch copy of a fixture.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        // The test bundle lives in .build/<triple>/debug/; so does the cspreport product.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("cspreport")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return bundle.appendingPathComponent("cspreport")
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fresh folder holding a copy of Tests/Fixtures/<name>.
    static func scratch(copying name: String = "basic") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cspreport-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(name).path) {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name).appendingPathComponent(item),
                                             to: dir.appendingPathComponent(item))
        }
        return dir
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    executable: URL = binary) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Files rather than pipes: a large output cannot fill a pipe and block the child.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("cspreport-out-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("stdout"), errURL = base.appendingPathExtension("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
