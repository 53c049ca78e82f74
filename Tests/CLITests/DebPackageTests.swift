import CSPTextShaping
import Foundation
import Testing

/// `make deb` packages the release binary; here the development build goes through the same
/// script (scripts/make-deb.sh --check-build), is unpacked with dpkg-deb -x and makes a report.
@Suite(.serialized) struct DebPackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theUnpackedPackageBuildsAReport() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-deb") else { return }  // not Debian
        let manualTool = CLI.binary.deletingLastPathComponent().appendingPathComponent("generate-manual")
        try #require(FileManager.default.isExecutableFile(atPath: manualTool.path),
                     "no \(manualTool.path): run `swift build --product generate-manual` (make test does)")
        let dir = try CLI.scratch()
        let made = try Self.shell([Self.root.appendingPathComponent("scripts/make-deb.sh").path, CLI.binary.path,
                                   manualTool.path, dir.appendingPathComponent("deb").path, "--check-build"], in: dir)
        try #require(made.status == 0, "make-deb failed: \(made.stderr)")
        let deb = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(deb.hasSuffix(".deb"))

        // The control file: the version the program reports, and the C libraries it loads.
        let info = try Self.shell(["dpkg-deb", "--field", deb, "Package", "Version", "Depends"], in: dir)
        let version = try Self.shell([CLI.binary.path, "--version"], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(info.stdout.contains("Package: cspreport"))
        #expect(info.stdout.contains("Version: \(version)"))
        for library in ["libcairo2", "libpango-1.0-0", "libpangocairo-1.0-0", "libc6"] {
            #expect(info.stdout.contains(library), "Depends names \(library): \(info.stdout)")
        }

        let tree = dir.appendingPathComponent("unpacked")
        #expect(try Self.shell(["dpkg-deb", "-x", deb, tree.path], in: dir).status == 0)
        let files = FileManager.default
        for path in ["usr/bin/cspreport", "usr/share/cspreport/fonts/Inter-Regular.ttf", "usr/share/cspreport/fonts/DejaVuSans.ttf",
                     "usr/share/man/man1/cspreport.1.gz", "usr/share/man/man1/cspreport.build.1.gz",
                     "usr/share/bash-completion/completions/cspreport", "usr/share/zsh/vendor-completions/_cspreport",
                     "usr/share/fish/vendor_completions.d/cspreport.fish", "usr/share/doc/cspreport/copyright"] {
            #expect(files.fileExists(atPath: tree.appendingPathComponent(path).path), "package holds \(path)")
        }
        // The benchmarks are hidden from --help, so they get no man page either.
        #expect(!files.fileExists(atPath: tree.appendingPathComponent("usr/share/man/man1/cspreport.bench-csv.1.gz").path))
        let completion = try String(contentsOf: tree.appendingPathComponent("usr/share/bash-completion/completions/cspreport"), encoding: .utf8)
        #expect(completion.contains("build") && completion.contains("--edition"))
        let copyright = try String(contentsOf: tree.appendingPathComponent("usr/share/doc/cspreport/copyright"), encoding: .utf8)
        #expect(copyright.contains("License: OFL-1.1"))
        #expect(files.fileExists(atPath: tree.appendingPathComponent("usr/share/doc/cspreport/LICENSE-Inter.txt").path))

        // The unpacked program finds the package's fonts beside itself, wherever the tree is.
        let program = tree.appendingPathComponent("usr/bin/cspreport")
        let fonts = Assets.candidates(executable: program.path).first {
            files.fileExists(atPath: $0 + "/fonts/Inter-Regular.ttf")
        }
        if ProcessInfo.processInfo.environment[Assets.environmentVariable] == nil {
            #expect(fonts == tree.appendingPathComponent("usr/share/cspreport").path)
        }
        let report = try Self.shell([program.path, "build", "reports/2021-22-Q3", "--out", "packaged.pdf", "--edition", "public"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        if let pdfinfo = try tool("pdfinfo", [dir.appendingPathComponent("packaged.pdf").path]) {
            #expect(pdfinfo.stdout.contains("Tagged:          yes"))
        }
    }

    /// Runs a command found on PATH, its output kept (the package script prints the .deb's path).
    static func shell(_ arguments: [String], in directory: URL) throws -> CLI.Result {
        try CLI.run(arguments, in: directory, executable: URL(fileURLWithPath: "/usr/bin/env"))
    }
}
