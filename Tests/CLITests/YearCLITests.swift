import Foundation
import Testing

/// `summary --year` and `build --year` run as a user would (issue 17).
@Suite(.serialized) struct YearCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let reports = root.appendingPathComponent("reports").path

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// A generated year at scale 20 in a scratch folder.
    static func generatedYear() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cspreport-year-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let r = try CLI.run(["sample", "--out", ".", "--from", "2024-25-Q1", "--quarters", "4", "--scale", "20"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    /// One area's object of the year, worked out here from the quarters' own `summary --json`.
    static func byHand(_ quarters: [[String: Any]]) -> [String: Any] {
        func n(_ q: [String: Any], _ a: String, _ b: String) -> Int { ((q[a] as? [String: Any])?[b] as? Int) ?? 0 }
        let first = quarters[0], last = quarters[quarters.count - 1]
        func sum(_ a: String, _ b: String) -> Int { quarters.reduce(0) { $0 + n($1, a, b) } }
        var activity: [String: [String: Int]] = [:]
        for q in quarters {
            for (step, measures) in (q["activity"] as? [String: [String: Int]]) ?? [:] {
                activity[step, default: [:]] = activity[step, default: [:]].merging(measures, uniquingKeysWith: +)
            }
        }
        return [
            "cases": ["open_at_start": n(first, "cases", "open_at_start"), "opened": sum("cases", "opened"),
                      "closed": sum("cases", "closed"), "open_at_end": n(last, "cases", "open_at_end")],
            "successes": quarters.reduce(0) { $0 + (($1["successes"] as? Int) ?? 0) },
            "blockers": ["raised": sum("blockers", "raised"), "resolved": sum("blockers", "resolved"),
                         "open": n(last, "blockers", "open"), "escalated_open": n(last, "blockers", "escalated_open")],
            "activity": activity,
            "think_communities": last["think_communities"] ?? [:],
            "ocg_referrals": quarters.reduce(0) { $0 + (($1["ocg_referrals"] as? Int) ?? 0) },
        ]
    }

    /// The year of a scale-20 sample equals its four quarters' `summary --json` combined here,
    /// area by area and in total, and the identity holds for every area.
    @Test func generatedYearEqualsItsQuartersCombinedByHand() throws {
        let dir = try Self.generatedYear()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = (1...4).map { "2024-25-Q\($0)" }
        let quarters = try names.map { name -> [String: Any] in
            let r = try CLI.run(["summary", name, "--json"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            return try Self.json(r.stdout)
        }
        let r = try CLI.run(["summary", ".", "--year", "2024-25", "--json"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let year = try Self.json(r.stdout)
        #expect(year["year"] as? String == "2024-25" && year["start"] as? String == "2024-04-01" && year["end"] as? String == "2025-03-31")
        #expect(year["quarters"] as? [String] == names && (year["missing_quarters"] as? [String])?.isEmpty == true)
        let areas = try #require(year["areas"] as? [String: Any])
        #expect(areas.keys.count >= 4)
        let changed = try #require(year["cases_changed_between_quarters"] as? [String: Int])
        for area in areas.keys.sorted() + ["totals"] {
            let got = try #require((area == "totals" ? year["totals"] : areas[area]) as? [String: Any])
            let expected = Self.byHand(quarters.map { q in ((area == "totals" ? q["totals"] : (q["areas"] as? [String: Any])?[area]) as? [String: Any]) ?? [:] })
            #expect(NSDictionary(dictionary: got) == NSDictionary(dictionary: expected), "\(area)")
            let c = try #require(got["cases"] as? [String: Int])
            let moved = changed[area == "totals" ? "total" : area] ?? -999
            #expect((c["open_at_start"] ?? 0) + (c["opened"] ?? 0) - (c["closed"] ?? 0) + moved == c["open_at_end"], "\(area)")
        }
        // The sample's quarters carry on from each other.
        #expect(changed["total"] == 0)
    }

    /// A quarter with no folder is named, on stderr and in the JSON; a quarter with an error
    /// refuses the year, the closing line naming it.
    @Test func missingAndInvalidQuartersAreNamed() throws {
        let dir = try CLI.scratch(copying: "basic")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["sample", "--out", "y", "--from", "2024-25-Q1", "--quarters", "3"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("y/2024-25-Q2"))
        let missing = try CLI.run(["summary", "y", "--year", "2024-25", "--json"], in: dir)
        #expect(missing.status == 0, "\(missing.stderr)")
        #expect(missing.stderr.contains("y: warning: 2024-25-Q2 and 2024-25-Q4 have no folders here, so the year’s figures cover 2024-25-Q1 and 2024-25-Q3 only"), "\(missing.stderr)")
        let j = try Self.json(missing.stdout)
        #expect(j["quarters"] as? [String] == ["2024-25-Q1", "2024-25-Q3"] && j["missing_quarters"] as? [String] == ["2024-25-Q2", "2024-25-Q4"])

        let cases = dir.appendingPathComponent("y/2024-25-Q3/psg-cases.csv")
        var text = try String(contentsOf: cases, encoding: .utf8)
        text += "PSG-9999,Bad row,Nroth,Somewhere,noise,Police,,2024-10-01,,open,\n"
        try text.write(to: cases, atomically: true, encoding: .utf8)
        for command in [["summary", "y", "--year", "2024-25"], ["build", "y", "--year", "2024-25", "--out", "year.pdf"]] {
            let bad = try CLI.run(command, in: dir)
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("y/2024-25-Q3/psg-cases.csv:") && bad.stderr.contains("Nroth"), "\(bad.stderr)")
            #expect(bad.stderr.contains("2024-25 (in 2024-25-Q3): 1 error"), "\(bad.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("year.pdf").path))
        let usage = try CLI.run(["summary", "y", "--year", "2024"], in: dir)
        #expect(usage.status == 2 && usage.stderr.contains("--year 2024 is not a financial year"))
    }

    /// Both editions of the sample year and of a generated scale-20 year build, with headings
    /// that nest and agree with the outline, and pass page-validation's PDF/UA-1 profile.
    @Test func annualReportsBuildTaggedInBothEditions() throws {
        let generated = try Self.generatedYear()
        defer { try? FileManager.default.removeItem(at: generated) }
        for (name, reports) in [("sample", Self.reports), ("scale20", generated.path)] {
            var files: [String] = []
            for edition in ["board", "public"] {
                let out = generated.appendingPathComponent("\(name)-\(edition).pdf").path
                let r = try CLI.run(["build", reports, "--year", "2024-25", "--out", out, "--edition", edition], in: generated,
                                    environment: ["SOURCE_DATE_EPOCH": "1746057600"])
                #expect(r.status == 0, "\(r.stderr)")
                #expect(r.stderr.contains("2024-25 annual report \(edition) edition"), "\(r.stderr)")
                files.append(out)
                guard let s = try PDFStructure(path: out) else { Issue.record("qpdf missing (make test installs it)"); continue }
                let levels = s.headingLevels
                #expect(levels.first == 1)
                for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "\(name) \(edition): H\(b) straight after H\(a)") }
                #expect(levels == s.outline.map(\.level), "\(name) \(edition)")
                #expect(s.outline.prefix(3).map(\.title) == ["Problem-Solving Group annual report", "Contents", "The year at a glance"])
            }
            let script = """
            import sys
            import page
            for path in sys.argv[1:]:
                r = page.validate_pdf(path, profile="ua1")
                print(path.rsplit("/", 1)[-1], r.is_compliant, sorted({x.rule_id for x in r.failures}))
            """
            let v = try GeneratedQuarterTests.python(["-c", script] + files)
            #expect(v.status == 0, "\(v.output)")
            #expect(v.output.split(separator: "\n").map(String.init) == ["\(name)-board.pdf True []", "\(name)-public.pdf True []"], "\(v.output)")
        }
    }
}
