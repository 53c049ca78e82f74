import Foundation
import Testing

/// `build --all REPORTS_DIR --out-dir DIR` (issue 6): every quarter in parallel, each PDF the
/// same bytes as a single build of that quarter.
@Suite(.serialized) struct BuildAllTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1735603200"]

    /// A scratch folder with sample quarters in reports/.
    func sampleReports(quarters: Int) throws -> URL {
        let dir = try CLI.scratch()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("reports"))
        let s = try CLI.run(["sample", "--out", "reports", "--quarters", "\(quarters)", "--from", "2024-25-Q2"], in: dir)
        #expect(s.status == 0, "\(s.stderr)")
        return dir
    }

    @Test func everyQuarterIsBuiltAndEachPDFMatchesASingleBuild() throws {
        let dir = try sampleReports(quarters: 2)
        let r = try CLI.run(["build", "--all", "reports", "--out-dir", "out"], in: dir, environment: Self.epoch)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("built 2 of 2 quarters into out"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted()
        #expect(names == ["2024-25-Q2-board.pdf", "2024-25-Q3-board.pdf"])
        for quarter in ["2024-25-Q2", "2024-25-Q3"] {
            let single = try CLI.run(["build", "reports/\(quarter)", "--out", "\(quarter).pdf"], in: dir, environment: Self.epoch)
            #expect(single.status == 0, "\(single.stderr)")
            let a = try Data(contentsOf: dir.appendingPathComponent("out/\(quarter)-board.pdf"))
            let b = try Data(contentsOf: dir.appendingPathComponent("\(quarter).pdf"))
            #expect(!a.isEmpty)
            #expect(a == b, "\(quarter): --all and a single build differ")
        }
        let pub = try CLI.run(["build", "--all", "reports", "--out-dir", "out", "--edition", "public"], in: dir, environment: Self.epoch)
        #expect(pub.status == 0, "\(pub.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/2024-25-Q3-public.pdf").path))
    }

    @Test func anInvalidQuarterFailsAfterTheOthersAreBuilt() throws {
        let dir = try sampleReports(quarters: 2)
        let earlier = Data("an earlier report".utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        try earlier.write(to: dir.appendingPathComponent("out/2024-25-Q3-board.pdf"))
        try "date,area,case_id,step,title,detail,partners\n2024-10-20,Nroth,,engagement,x,,\n"
            .write(to: dir.appendingPathComponent("reports/2024-25-Q3/successes.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["build", "--all", "reports", "--out-dir", "out"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("area \"Nroth\" is not a known area"))
        #expect(r.stderr.contains("2024-25-Q3: invalid input; no report was written for it"))
        #expect(r.stderr.contains("built 1 of 2 quarters"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/2024-25-Q2-board.pdf").path))
        // The failed quarter's earlier PDF is untouched and nothing half-written is left.
        #expect(try Data(contentsOf: dir.appendingPathComponent("out/2024-25-Q3-board.pdf")) == earlier)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path)
        #expect(left.sorted() == ["2024-25-Q2-board.pdf", "2024-25-Q3-board.pdf"])
    }

    @Test func usageErrors() throws {
        let dir = try CLI.scratch()
        let noOutDir = try CLI.run(["build", "--all", "reports"], in: dir)
        #expect(noOutDir.status == 2)
        #expect(noOutDir.stderr.contains("--all needs --out-dir"))
        let both = try CLI.run(["build", "reports/2021-22-Q3", "--all", "reports", "--out-dir", "out"], in: dir)
        #expect(both.status == 2)
        let missing = try CLI.run(["build", "--all", "nowhere", "--out-dir", "out"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such folder: nowhere"))
        let noOut = try CLI.run(["build", "reports/2021-22-Q3"], in: dir)
        #expect(noOut.status == 2)
        #expect(noOut.stderr.contains("missing --out"))
    }
}
