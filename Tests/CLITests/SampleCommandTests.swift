import Foundation
import Testing

@Suite struct SampleCommandTests {
    static func emptyFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cspreport-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func helpText() throws {
        let r = try CLI.run(["sample", "--help"], in: URL(fileURLWithPath: "/"))
        #expect(r.status == 0)
        #expect(r.stdout == """
        OVERVIEW: Write realistic sample input data (csp.yaml and quarter folders).

        The same options always write the same bytes. Cases, blockers and Think
        Communities projects carry over from quarter to quarter as they would in the
        PSG's own records.

        USAGE: cspreport sample --out <dir> [--from <quarter>] [--quarters <n>] [--scale <k>] [--seed <s>] [--as-kept] [--forget-carried-over] [--force]

        OPTIONS:
          --out <dir>             The folder to write csp.yaml and the quarter folders
                                  into.
          --from <quarter>        The first quarter, e.g. 2023-24-Q4. (default:
                                  2023-24-Q4)
          --quarters <n>          How many consecutive quarters (1–40). (default: 4)
          --scale <k>             Multiply the row counts (1–1000); 1 is a realistic
                                  quarter. (default: 1)
          --seed <s>              The random seed (a whole number ≥ 0). (default: 1)
          --as-kept               Write records as partnerships really keep them:
                                  activity as a log (several rows per month, area and
                                  measure, adding up to the same totals), areas in any
                                  case and spelling, blockers and successes on cases
                                  closed in an earlier quarter, and measures of
                                  different units listed in csp.yaml.
          --forget-carried-over   Leave out of the last quarter one case and one
                                  escalated blocker that were open at the end of the
                                  quarter before, and say which.
          --force                 Overwrite quarter folders and a csp.yaml that already
                                  exist.
          --version               Show the version.
          -h, --help              Show help information.


        """)
    }

    @Test func writesQuartersThatValidate() throws {
        let dir = try Self.emptyFolder()
        let r = try CLI.run(["sample", "--out", "reports", "--from", "2024-25-Q1", "--quarters", "2", "--seed", "7"],
                            in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "wrote reports/csp.yaml")
        #expect(lines.count == 3)
        #expect(lines.last?.hasPrefix("wrote reports/2024-25-Q2/ (") == true)
        for quarter in ["2024-25-Q1", "2024-25-Q2"] {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: dir.appendingPathComponent("reports/\(quarter)").path).sorted()
            #expect(names == ["blockers.csv", "carmel-activity.csv", "ocg-referrals.csv", "psg-cases.csv",
                              "quarter.yaml", "successes.csv", "think-communities.csv", "you-said-we-did.csv"])
            let v = try CLI.run(["validate", "reports/\(quarter)"], in: dir)
            #expect(v.status == 0)
            #expect(!v.stderr.contains("warning"), "\(v.stderr)")
        }
    }

    @Test func sameSeedSameBytes() throws {
        let a = try Self.emptyFolder(), b = try Self.emptyFolder()
        for dir in [a, b] {
            let r = try CLI.run(["sample", "--out", "out", "--quarters", "1", "--seed", "12345"], in: dir)
            #expect(r.status == 0)
        }
        for name in ["csp.yaml", "2023-24-Q4/psg-cases.csv", "2023-24-Q4/quarter.yaml", "2023-24-Q4/carmel-activity.csv"] {
            let x = FileManager.default.contents(atPath: a.appendingPathComponent("out/\(name)").path)
            let y = FileManager.default.contents(atPath: b.appendingPathComponent("out/\(name)").path)
            #expect(x != nil && x == y, "\(name)")
        }
    }

    /// The options as a user meets them: the last line names what was forgotten, and the
    /// files agree with it; csp.yaml gains its measures list.
    @Test func asKeptAndForgetCarriedOver() throws {
        let dir = try Self.emptyFolder()
        let r = try CLI.run(["sample", "--out", "r", "--quarters", "3", "--seed", "4", "--as-kept",
                             "--forget-carried-over"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        let last = try #require(lines.last)
        let match = try #require(last.wholeMatch(
            of: /forgot case (PSG-\d{4}) and blocker (BLK-\d{3}) in r\/2024-25-Q2\/, though open at the end of the quarter before/))
        func file(_ path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: dir.appendingPathComponent("r/\(path)").path) ?? Data(),
                   as: UTF8.self)
        }
        let (caseID, blockerID) = (String(match.1), String(match.2))
        #expect(file("2024-25-Q1/psg-cases.csv").contains("\(caseID),"))
        #expect(!file("2024-25-Q2/psg-cases.csv").contains("\(caseID),"))
        #expect(file("2024-25-Q1/blockers.csv").contains("\(blockerID),"))
        #expect(!file("2024-25-Q2/blockers.csv").contains("\(blockerID),"))
        #expect(file("csp.yaml").contains("\nmeasures:"))

        let alone = try CLI.run(["sample", "--out", "q", "--quarters", "1", "--forget-carried-over"], in: dir)
        #expect(alone.status == 2)
        #expect(alone.stderr == "cspreport sample: --forget-carried-over needs at least 2 quarters, so that the last has one before it\n")
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let dir = try Self.emptyFolder()
        #expect(try CLI.run(["sample", "--out", "r", "--quarters", "1"], in: dir).status == 0)
        let again = try CLI.run(["sample", "--out", "r", "--quarters", "1", "--seed", "2"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr == "cspreport sample: not overwriting r/2023-24-Q4/, which already exists; use --force to replace.\n")
        let forced = try CLI.run(["sample", "--out", "r", "--quarters", "1", "--seed", "2", "--force"], in: dir)
        #expect(forced.status == 0)
    }

    @Test func badArgumentsExitWithStatus2AndSayWhy() throws {
        let dir = try Self.emptyFolder()
        let r = try CLI.run(["sample", "--out", "r", "--from", "2023-25-Q1", "--quarters", "abc", "--scale", "0",
                             "--seed=-4"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr == """
        cspreport sample: --from "2023-25-Q1": the two years of a financial year must be consecutive, e.g. 2023-24-Q4
        cspreport sample: --quarters "abc" is not a whole number
        cspreport sample: --seed "-4" is not a whole number ≥ 0
        cspreport sample: --scale must be between 1 and 1000, not 0

        """)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r").path))
        let missing = try CLI.run(["sample"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Missing expected argument '--out <dir>'"))
    }
}
