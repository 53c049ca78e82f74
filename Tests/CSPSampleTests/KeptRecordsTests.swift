import CSPCore
import Testing
import Yams
@testable import CSPSample

private func quarter(_ text: String) -> Quarter {
    (try? Quarter.parse(text).get()) ?? SampleOptions.defaultFrom
}

/// The files with an area column, and that column's name.
private let areaFiles = ["psg-cases.csv", "successes.csv", "blockers.csv", "carmel-activity.csv",
                         "think-communities.csv", "ocg-referrals.csv", "you-said-we-did.csv"]

/// csp.yaml read with Yams, independently of the product's reader: the areas with their aliases
/// and the measures list, folded as PRODUCT.md says (case and surrounding spaces ignored).
private struct Configuration {
    var areaBySpelling: [String: String] = ["city-wide": "City-wide"]
    /// Folded name or alias → (canonical name, step, unit).
    var measureBySpelling: [String: (name: String, step: String, unit: String)] = [:]
    var measureNames: [String] = []
    var hasMeasures = false

    static func fold(_ text: String) -> String { text.trimmingSpaces.lowercased() }

    init(_ file: SampleFile) throws {
        let node = try #require(try Yams.compose(yaml: String(decoding: file.bytes, as: UTF8.self)))
        for area in node["areas"]?.sequence ?? [] {
            if let name = area.string {
                areaBySpelling[Self.fold(name)] = name
            } else if let name = area["name"]?.string {
                areaBySpelling[Self.fold(name)] = name
                for alias in area["aliases"]?.sequence ?? [] { areaBySpelling[Self.fold(alias.string ?? "")] = name }
            }
        }
        guard let measures = node["measures"]?.sequence else { return }
        hasMeasures = true
        for m in measures {
            let name = try #require(m["name"]?.string), step = try #require(m["step"]?.string)
            let unit = try #require(m["unit"]?.string)
            measureNames.append(name)
            #expect(measureBySpelling[Self.fold(name)] == nil, "\(name) listed twice")
            measureBySpelling[Self.fold(name)] = (name, step, unit)
            for alias in m["aliases"]?.sequence ?? [] {
                let spelling = try #require(alias.string)
                #expect(measureBySpelling[Self.fold(spelling)] == nil, "alias \(spelling) names two measures")
                measureBySpelling[Self.fold(spelling)] = (name, step, unit)
            }
        }
    }

    func area(_ spelling: String) -> String? { areaBySpelling[Self.fold(spelling)] }
    /// The measure a row means: through the list when there is one, as written otherwise.
    func measure(_ spelling: String) -> String { measureBySpelling[Self.fold(spelling)]?.name ?? spelling }
}

/// Activity totals per (quarter, area, step, measure), areas folded and measures resolved.
private func activityTotals(_ data: SampleDataSet) throws -> [String: Int] {
    let config = try Configuration(data.configuration)
    var totals: [String: Int] = [:]
    for q in data.quarters {
        for r in q.csv("carmel-activity.csv").records {
            let area = try #require(config.area(r["area"] ?? ""), "\(q.quarter): area \(r["area"] ?? "")")
            let value = try #require(Int(r["value"] ?? ""), "\(q.quarter): value \(r["value"] ?? "")")
            totals["\(q.quarter)|\(area)|\(r["step"] ?? "")|\(config.measure(r["measure"] ?? ""))", default: 0] += value
        }
    }
    return totals
}

/// `--as-kept` and `--forget-carried-over`: records as partnerships really keep them (issue 14).
@Suite struct KeptRecordsTests {
    static let from = quarter("2023-24-Q3")
    let kept = SampleGenerator.generate(SampleOptions(from: KeptRecordsTests.from, quarters: 6, seed: 1, asKept: true))

    /// The default output must not move: the checked-in reports/ and other tests were made from
    /// it. The fingerprints were taken from the generator before these options existed and
    /// changed once since, deliberately: a blocker linked to a case is no longer raised after
    /// the case closed (the validator warns of it). Change them only for such a change.
    @Test(arguments: [
        (SampleOptions(), "3cfe3b6ce3005c489b3d7c8ed2fd635de458860f0fae10bf67556983db296750"),
        (SampleOptions(quarters: 3, scale: 2, seed: 42), "02da4b49dda1b7195c374ddff719aa28367d3e2b13cbbec62c79e8577dc24b1e"),
        (SampleOptions(quarters: 8), "6ff5b247b480896f3a61ca5ae3d64c877d1f84b9106e50cada63fc16296faf6d"),
    ])
    func defaultOutputIsUnchanged(options: SampleOptions, fingerprint: String) {
        var hash = SHA256()
        for file in SampleGenerator.generate(options).files {
            hash.update(Array(file.path.utf8) + [0] + file.bytes)
        }
        #expect(hash.finalHex() == fingerprint)
        #expect(SampleGenerator.generate(options).forgotten == nil)
    }

    @Test func sameOptionsGiveTheSameBytes() {
        let options = SampleOptions(from: Self.from, quarters: 3, scale: 2, seed: 8, asKept: true, forgetCarriedOver: true)
        let a = SampleGenerator.generate(options), b = SampleGenerator.generate(options)
        #expect(a.files == b.files)
        #expect(a.forgotten == b.forgotten)
    }

    /// Several rows for one month, area, step and measure, in the order weekly returns come in
    /// (not grouped by measure), and row counts that say so.
    @Test func activityIsALogWithRepeatedKeys() throws {
        let config = try Configuration(kept.configuration)
        for q in kept.quarters {
            let rows = q.csv("carmel-activity.csv").records
            #expect(rows.count == q.rowCounts["carmel-activity.csv"])
            var positions: [String: [Int]] = [:]
            for (i, r) in rows.enumerated() {
                let key = "\(r["month"] ?? "")|\(config.area(r["area"] ?? "") ?? "?")|\(r["step"] ?? "")|"
                    + config.measure(r["measure"] ?? "")
                positions[key, default: []].append(i)
            }
            let repeated = positions.values.filter { $0.count > 1 }
            // 600 tidy keys a quarter, most with a value to split.
            #expect(repeated.count > 300, "\(q.quarter): \(repeated.count) repeated keys")
            #expect(positions.values.contains { $0.count >= 4 }, "\(q.quarter): some key in 4 or more returns")
            #expect(rows.count > 2 * 600, "\(q.quarter): \(rows.count) rows")
            // A key's rows are apart (one per week), not sorted together; only two cash seizures
            // in one week are logged one after the other.
            let counts = positions.filter { $0.value.count > 1 && !$0.key.hasSuffix("|Cash seized (£)") }
            let together = counts.filter { _, p in zip(p, p.dropFirst()).contains { $1 - $0 == 1 } }
            #expect(together.isEmpty, "\(q.quarter): rows of one key sit next to each other: \(together.keys.sorted())")
            let months = rows.compactMap { YearMonth.parse($0["month"] ?? "") }
            #expect(months == months.sorted(), "\(q.quarter): months in order")
            #expect(rows.allSatisfy { Int($0["value"] ?? "").map { $0 >= 0 } ?? false })
        }
    }

    /// The totals of the log are the tidy data's, for the same seed, key for key; the only
    /// measure the log adds is cash seized in pounds.
    @Test(arguments: [UInt64(1), 7, 2024])
    func logTotalsEqualTheTidyData(seed: UInt64) throws {
        let tidy = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: 4, seed: seed))
        let log = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: 4, seed: seed, asKept: true))
        let a = try activityTotals(tidy), b = try activityTotals(log)
        #expect(a.count == 4 * 200, "48 measures in four areas and 8 City-wide, a quarter")
        for (key, value) in a { #expect(b[key] == value, "\(key): tidy \(value), log \(b[key] ?? -1)") }
        let added = Set(b.keys.filter { a[$0] == nil }.map { $0.split(separator: "|").last.map(String.init) ?? "" })
        #expect(added == ["Cash seized (£)"])
    }

    /// Larger scales keep the per-zone measures of the tidy data, so totals still match and the
    /// measures list names every zone's measure.
    @Test func logTotalsEqualTheTidyDataAtScale2() throws {
        let tidy = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: 1, scale: 2, seed: 3))
        let log = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: 1, scale: 2, seed: 3, asKept: true))
        let a = try activityTotals(tidy), b = try activityTotals(log)
        #expect(a.count == 400)
        #expect(a.allSatisfy { b[$0.key] == $0.value })
        let config = try Configuration(log.configuration)
        #expect(config.measureNames.contains("Arrests – zone 2"))
        #expect(config.measureNames.contains("Cash seized (£) – zone 2"))
    }

    @Test func areasAreSpelledInSeveralWays() throws {
        let config = try Configuration(kept.configuration)
        var all: Set<String> = []
        for name in areaFiles {
            var spellings: Set<String> = []
            for q in kept.quarters {
                for r in q.csv(name).records {
                    let spelling = r["area"] ?? ""
                    #expect(config.area(spelling) != nil, "\(q.quarter)/\(name): \"\(spelling)\" is no configured area")
                    spellings.insert(spelling)
                }
            }
            let configured = Set(["North", "East", "South", "West", "West/Central", "City-wide"])
            // Every file has spellings beyond the configured names: lower or upper case, spaces, Central.
            #expect(spellings.subtracting(configured).count >= 3, "\(name): \(spellings.sorted())")
            all.formUnion(spellings)
        }
        for needle in ["north", "NORTH", " North ", "West/Central", "Central", "east", "SOUTH"] {
            #expect(all.contains(needle), "no \"\(needle)\"")
        }
        // Without the option, areas are written as configured, as before.
        let tidy = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: 2))
        for q in tidy.quarters {
            for name in areaFiles {
                #expect(q.csv(name).records.allSatisfy { ["North", "East", "South", "West", "West/Central", "City-wide"]
                    .contains($0["area"] ?? "") })
            }
        }
    }

    /// Some blockers, open and resolved, and some successes name a case closed in an earlier
    /// quarter and absent from their own; every case reference resolves to this quarter's file
    /// or an earlier one's (the contract).
    @Test(arguments: [UInt64(1), 5, 99])
    func blockersAndSuccessesOutliveTheirCase(seed: UInt64) {
        let data = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: 6, seed: seed, asKept: true))
        var earlier: [String: String] = [:]  // case id → its status in the latest earlier quarter
        var closedEarlier: Set<String> = []
        var outliving: [String: Int] = [:]  // blocker status → count
        var followUps = 0
        for q in data.quarters {
            let cases = Set(q.csv("psg-cases.csv").records.map { $0["case_id"] ?? "" })
            for b in q.csv("blockers.csv").records {
                guard let id = b["case_id"], !id.isEmpty else { continue }
                #expect(cases.contains(id) || earlier[id] != nil, "\(q.quarter): blocker names unknown case \(id)")
                if !cases.contains(id) && closedEarlier.contains(id) { outliving[b["status"] ?? "", default: 0] += 1 }
            }
            for s in q.csv("successes.csv").records {
                guard let id = s["case_id"], !id.isEmpty else { continue }
                #expect(cases.contains(id) || earlier[id] != nil, "\(q.quarter): success names unknown case \(id)")
                if !cases.contains(id) && closedEarlier.contains(id) { followUps += 1 }
            }
            for c in q.csv("psg-cases.csv").records {
                earlier[c["case_id"] ?? ""] = c["status"]
                if c["status"] == "closed" { closedEarlier.insert(c["case_id"] ?? "") }
            }
        }
        #expect((outliving["open"] ?? 0) > 0, "an open blocker on a case closed earlier")
        #expect((outliving["resolved"] ?? 0) > 0, "a resolved blocker on a case closed earlier")
        #expect(followUps > 0, "a success on a case closed earlier")
    }

    /// csp.yaml's measures list parses, names every measure written (directly or by an alias,
    /// under its own step), gives the units the brief asks for, and is absent without the option.
    @Test func measuresListCoversEveryMeasureWritten() throws {
        let config = try Configuration(kept.configuration)
        #expect(config.hasMeasures)
        var aliasRows = 0
        var written: Set<String> = []
        for q in kept.quarters {
            for r in q.csv("carmel-activity.csv").records {
                let spelling = r["measure"] ?? ""
                let entry = try #require(config.measureBySpelling[Configuration.fold(spelling)],
                                         "\(q.quarter): measure \"\(spelling)\" is not in csp.yaml")
                #expect(entry.step == r["step"], "\(spelling) is a \(entry.step) measure")
                if entry.name != spelling { aliasRows += 1 }
                written.insert(entry.name)
            }
        }
        #expect(aliasRows > 0, "some rows are logged under an alias")
        #expect(Set(config.measureNames) == written, "the list names only measures the sample writes")
        let units = Dictionary(config.measureNames.compactMap { n in config.measureBySpelling[Configuration.fold(n)] }
            .map { ($0.name, $0.unit) }, uniquingKeysWith: { a, _ in a })
        #expect(units["Engagement events"] == "events")
        #expect(units["Residents contacted"] == "people")
        #expect(units["Arrests"] == "people")
        #expect(units["Cash seized (£)"] == "£")
        #expect(config.measureBySpelling[Configuration.fold("Residents engaged")]?.name == "Residents contacted")
        let tidy = try Configuration(SampleGenerator.generate(SampleOptions(quarters: 1)).configuration)
        #expect(!tidy.hasMeasures)
    }

    /// Cash seized is in pounds, one row per seizure, and each area's month fits the brief's range.
    @Test func cashSeizedIsInPounds() throws {
        let config = try Configuration(kept.configuration)
        var monthly: [String: Int] = [:]
        var rows = 0
        for q in kept.quarters {
            for r in q.csv("carmel-activity.csv").records where config.measure(r["measure"] ?? "") == "Cash seized (£)" {
                rows += 1
                monthly["\(r["month"] ?? "")|\(config.area(r["area"] ?? "") ?? "")", default: 0] += Int(r["value"] ?? "") ?? -1
            }
        }
        #expect(rows > 0)
        #expect(monthly.values.allSatisfy { (0...20_000).contains($0) }, "\(monthly.values.max() ?? 0)")
        #expect(monthly.values.contains { $0 >= 500 }, "values are pounds, not counts")
    }

    /// The forgotten case was open (or monitoring) and the forgotten blocker open and escalated at
    /// the end of the quarter before; both are missing from the last quarter, nothing there
    /// names the case, and every other carried-over row is still there.
    @Test(arguments: [(UInt64(1), 3, false), (2, 2, true), (3, 5, false), (11, 4, true), (12, 2, false)])
    func forgottenRowsWereOpenAndAreMissing(seed: UInt64, quarters: Int, asKept: Bool) throws {
        let data = SampleGenerator.generate(SampleOptions(from: Self.from, quarters: quarters, seed: seed,
                                                          asKept: asKept, forgetCarriedOver: true))
        let forgotten = try #require(data.forgotten)
        let last = try #require(data.quarters.last), previous = data.quarters[data.quarters.count - 2]
        #expect(forgotten.quarter == last.quarter)
        #expect(forgotten.caseIDs.count == 1)
        #expect(forgotten.blockerIDs.count == 1)

        let before = previous.csv("psg-cases.csv").records
        let openBefore = Set(before.filter { ["open", "monitoring"].contains($0["status"] ?? "") }.map { $0["case_id"] ?? "" })
        let now = Set(last.csv("psg-cases.csv").records.map { $0["case_id"] ?? "" })
        for id in forgotten.caseIDs {
            #expect(openBefore.contains(id), "\(id) was open at the end of \(previous.quarter)")
            #expect(!now.contains(id), "\(id) is missing from \(last.quarter)")
            #expect(!last.csv("blockers.csv").records.contains { $0["case_id"] == id })
            #expect(!last.csv("successes.csv").records.contains { $0["case_id"] == id })
        }
        #expect(openBefore.subtracting(now) == Set(forgotten.caseIDs), "only the forgotten case is missing")

        let blockersBefore = previous.csv("blockers.csv").records.filter { $0["status"] == "open" }
        let escalatedBefore = Set(blockersBefore.filter { $0["escalate"] == "yes" }.map { $0["blocker_id"] ?? "" })
        let blockersNow = Set(last.csv("blockers.csv").records.map { $0["blocker_id"] ?? "" })
        for id in forgotten.blockerIDs {
            #expect(escalatedBefore.contains(id), "\(id) was open and escalated at the end of \(previous.quarter)")
            #expect(!blockersNow.contains(id), "\(id) is missing from \(last.quarter)")
        }
        #expect(Set(blockersBefore.map { $0["blocker_id"] ?? "" }).subtracting(blockersNow) == Set(forgotten.blockerIDs))
        #expect(last.rowCounts["psg-cases.csv"] == last.csv("psg-cases.csv").rows.count)
    }

    /// Forgetting always finds something to forget: over many seeds, even two quarters (whose
    /// first quarter may end with no escalated blocker of its own) name one case and one blocker.
    @Test func forgettingAlwaysHasSomethingToForget() {
        for seed in UInt64(0)..<30 {
            let data = SampleGenerator.generate(SampleOptions(quarters: 2, seed: seed, forgetCarriedOver: true))
            #expect(data.forgotten?.caseIDs.count == 1 && data.forgotten?.blockerIDs.count == 1, "seed \(seed)")
        }
    }

    /// At the largest scale allowed, the log and the measures list stay within the reader's
    /// limits (300,000 rows a CSV file, 1 MB a YAML file).
    @Test func asKeptStaysWithinTheReadersLimits() {
        #expect(SampleOptions(scale: 101, asKept: true).problems.first?.contains("--as-kept works up to --scale 100") == true)
        #expect(SampleOptions(scale: 100, asKept: true).problems.isEmpty)
        let data = SampleGenerator.generate(SampleOptions(quarters: 1, scale: 100, asKept: true))
        #expect(data.configuration.bytes.count < 1_000_000)
        #expect((data.quarters.first?.rowCounts["carmel-activity.csv"] ?? .max) < 300_000)
    }

    @Test func forgettingNeedsTwoQuarters() {
        #expect(SampleOptions(quarters: 1, forgetCarriedOver: true).problems
            == ["--forget-carried-over needs at least 2 quarters, so that the last has one before it"])
        #expect(SampleOptions(quarters: 2, forgetCarriedOver: true).problems.isEmpty)
    }

    /// Weekly returns: a month has one per Monday in it.
    @Test func weeksInAMonth() {
        // September 2024 starts on a Sunday: Mondays 2, 9, 16, 23, 30.
        #expect(YearMonth(year: 2024, month: 9).map(Simulation.weeksStarting) == 5)
        // February 2023: Mondays 6, 13, 20, 27.
        #expect(YearMonth(year: 2023, month: 2).map(Simulation.weeksStarting) == 4)
    }
}
