import Foundation
import Testing

/// The report names its inputs relative to the reports folder, never the folder the command
/// ran from: the same files give the same PDF from anywhere (issue 21, point 5).
@Suite(.serialized) struct ReportPathsTests {
    @Test func theSameQuarterGivesTheSameBytesFromAnyFolder() throws {
        let dir = try CLI.scratch()
        let quarter = dir.appendingPathComponent("reports/2021-22-Q3")
        let env = ["SOURCE_DATE_EPOCH": "1642636800"]
        let fromTop = try CLI.run(["build", "reports/2021-22-Q3", "--out", "top.pdf"], in: dir, environment: env)
        let fromInside = try CLI.run(["build", ".", "--out", dir.appendingPathComponent("inside.pdf").path], in: quarter, environment: env)
        let fromElsewhere = try CLI.run(["build", quarter.path, "--out", dir.appendingPathComponent("absolute.pdf").path],
                                        in: FileManager.default.temporaryDirectory, environment: env)
        for r in [fromTop, fromInside, fromElsewhere] { try #require(r.status == 0, "\(r.stderr)") }
        let top = try Data(contentsOf: dir.appendingPathComponent("top.pdf"))
        #expect(top == (try Data(contentsOf: dir.appendingPathComponent("inside.pdf"))))
        #expect(top == (try Data(contentsOf: dir.appendingPathComponent("absolute.pdf"))))

        guard let text = try tool("pdftotext", [dir.appendingPathComponent("absolute.pdf").path, "-"]) else { return }
        #expect(text.stdout.contains("2021-22-Q3/psg-cases.csv"))
        #expect(text.stdout.contains("csp.yaml"))
        #expect(!text.stdout.contains(dir.path), "the scratch folder's path is not in the report")
        #expect(!text.stdout.contains("reports/2021-22-Q3"), "nor the folder the command ran from")
    }
}
