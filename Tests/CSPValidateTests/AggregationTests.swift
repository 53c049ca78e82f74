import Testing
import CSPCore
import CSPModel
@testable import CSPAggregate
import CSPSample

private func d(_ s: String) -> CalendarDate {
    guard case .success(let date) = CalendarDate.parse(s) else { preconditionFailure("bad test date \(s)") }
    return date
}

private let partnership = Partnership(name: "Test CSP", shortName: "Test", areas: [
    Area(name: "North"), Area(name: "East"), Area(name: "South"), Area(name: "West", aliases: ["West/Central"]),
])

private let q3: Quarter = {
    guard case .success(let q) = Quarter.parse("2021-22-Q3") else { preconditionFailure() }
    return q
}()

@Suite struct CaseFlowTests {
    /// Each case exercises one boundary of the definitions in PRODUCT.md.
    @Test func definitionsOnHandMadeCases() {
        let cases = [
            // opened before, still open: open at start and at end
            PSGCase(id: "a", title: "a", area: "North", opened: d("2021-06-01"), status: .open),
            // opened before, closed inside: open at start, closed
            PSGCase(id: "b", title: "b", area: "North", opened: d("2021-06-01"), closed: d("2021-10-01"), status: .closed, outcome: .resolved),
            // opened on the first day: opened, not open at start
            PSGCase(id: "c", title: "c", area: "North", opened: d("2021-10-01"), status: .monitoring),
            // opened and closed inside
            PSGCase(id: "d", title: "d", area: "North", opened: d("2021-11-01"), closed: d("2021-12-31"), status: .closed, outcome: .improved),
            // opened on the last day: opened and open at end
            PSGCase(id: "e", title: "e", area: "East", opened: d("2021-12-31"), status: .open),
            // opened the day before the start and closed on the start day
            PSGCase(id: "f", title: "f", area: "East", opened: d("2021-09-30"), closed: d("2021-10-01"), status: .closed, outcome: .noChange),
        ]
        let s = Aggregator.summarise(QuarterRecords(quarter: q3, cases: cases), partnership: partnership)
        let north = s.area("North").cases, east = s.area("East").cases
        #expect([north.openAtStart, north.opened, north.closed, north.openAtEnd] == [2, 2, 2, 2])
        #expect([east.openAtStart, east.opened, east.closed, east.openAtEnd] == [1, 1, 1, 1])
        #expect(s.totals.cases.openAtEnd == 3)
        #expect(s.areaOrder == ["North", "East", "South", "West"])
    }

    @Test func blockersDefinitions() {
        let blockers = [
            Blocker(id: "1", raised: d("2021-07-01"), area: "South", owner: "x", description: "x", escalate: true, status: .open),
            Blocker(id: "2", raised: d("2021-10-05"), area: "South", owner: "x", description: "x", escalate: false, status: .open),
            Blocker(id: "3", raised: d("2021-10-05"), area: "South", owner: "x", description: "x", escalate: true, status: .resolved, resolved: d("2021-11-01")),
            Blocker(id: "4", raised: d("2021-05-05"), area: "City-wide", owner: "x", description: "x", escalate: true, status: .resolved, resolved: d("2021-12-31")),
        ]
        let s = Aggregator.summarise(QuarterRecords(quarter: q3, blockers: blockers), partnership: partnership)
        let south = s.area("South").blockers
        #expect([south.raised, south.resolved, south.open, south.escalatedOpen] == [2, 1, 2, 1])
        #expect(s.area("City-wide").blockers.resolved == 1)
        #expect(s.areaOrder.last == "City-wide")
        #expect(s.totals.blockers.resolved == 2)
    }

    @Test func activityProjectsReferralsAndSuccesses() {
        let m = YearMonth(year: 2021, month: 10)!
        let records = QuarterRecords(
            quarter: q3,
            successes: [Success(date: d("2021-10-02"), area: "West", step: .engagement, title: "t")],
            activity: [
                CarmelActivity(month: m, area: "West", step: .targetedActivity, measure: "Arrests", value: 3),
                CarmelActivity(month: m.adding(months: 1)!, area: "West", step: .targetedActivity, measure: "arrests", value: 4),
                CarmelActivity(month: m, area: "North", step: .engagement, measure: "Events", value: 10),
                CarmelActivity(month: m, area: "East", step: .engagement, measure: "events", value: 5),
            ],
            projects: [CommunityProject(area: "West", name: "p", stage: .active), CommunityProject(area: "West", name: "q", stage: .idea)],
            referrals: [OCGReferral(month: m, area: "West", route: .earlyHelp, count: 2), OCGReferral(month: m, area: "North", route: .other, count: 0)]
        )
        let s = Aggregator.summarise(records, partnership: partnership)
        #expect(s.area("West").activity[.targetedActivity] == ["Arrests": 7])
        #expect(s.area("West").projectsByStage == [.active: 1, .idea: 1])
        #expect(s.area("West").ocgReferrals == 2)
        #expect(s.area("West").successes == 1)
        // Totals add each measure over the areas, spellings joined under the first one.
        #expect(s.area("East").activity[.engagement] == ["Events": 5])
        #expect(s.totals.activity[.engagement] == ["Events": 15])
        #expect(s.totals.activity[.targetedActivity] == ["Arrests": 7])
        #expect((s.totals.activity[.targetedActivity] ?? [:]).values.reduce(0, +) == 7)
        #expect(s.hasReferrals)
    }

    /// open_at_start + opened − closed = open_at_end, on many generated case sets.
    @Test(arguments: 1...40) func flowIdentityOnGeneratedCases(seed: Int) {
        var rng = SplitMix(seed: UInt64(seed))
        var cases: [PSGCase] = []
        let areas = ["North", "East", "South", "West", "City-wide"]
        for i in 0..<Int(rng.next() % 200) {
            // Opened up to a year before the quarter and up to its last day.
            guard let opened = q3.end.adding(days: -Int(rng.next() % 450)) else { continue }
            var closed: CalendarDate?
            if rng.next() % 2 == 0 {
                let span = q3.end.days(since: opened)
                closed = opened.adding(days: Int(rng.next() % UInt64(span + 1)))
            }
            // The loader leaves out cases closed before the quarter; so does this generator.
            if let c = closed, c < q3.start { continue }
            cases.append(PSGCase(id: "c\(i)", title: "t", area: areas[Int(rng.next() % 5)], opened: opened,
                                 closed: closed, status: closed == nil ? (rng.next() % 3 == 0 ? .monitoring : .open) : .closed,
                                 outcome: closed == nil ? nil : .resolved))
        }
        let s = Aggregator.summarise(QuarterRecords(quarter: q3, cases: cases), partnership: partnership)
        for name in s.areaOrder + ["totals"] {
            let f = name == "totals" ? s.totals.cases : s.area(name).cases
            #expect(f.openAtStart + f.opened - f.closed == f.openAtEnd, "area \(name), seed \(seed)")
        }
        #expect(s.totals.cases.openAtEnd == cases.filter { $0.closed == nil }.count)
    }
}

@Suite struct SummaryJSONTests {
    /// The byte-wise escape gives what escaping scalar by scalar gives, on strings mixing
    /// quotes, backslashes, every control character, non-ASCII letters, marks and emoji.
    @Test func escapeOnBytesIsEscapeOnScalars() {
        var pieces = ["\"", "\\", "a", "Talks", " ", "–", "é", "e\u{301}", "🙂", "Σ", "\u{7F}", "\u{85}", "\u{2028}", "/", "zone 9"]
        for c in 0..<0x20 { pieces.append(String(UnicodeScalar(UInt8(c)))) }
        pieces.append("\r\n")
        var rng = SplitMix64(seed: 7)
        var failures: [String] = []
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<rng.below(8) { s += pieces[rng.below(pieces.count)] }
            if JSONWriter.escape(s) != JSONWriter.escapeByScalars(s) { failures.append(s) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).map { Array($0.unicodeScalars) })")
        #expect(JSONWriter.escape("a\"b\\c\u{1}") == "\"a\\\"b\\\\c\\u0001\"")
    }

    @Test func shapeAndEscaping() {
        let m = YearMonth(year: 2021, month: 10)!
        let records = QuarterRecords(quarter: q3, activity: [
            CarmelActivity(month: m, area: "North", step: .engagement, measure: "Talks \"on\" safety", value: 1),
        ])
        let json = SummaryJSON.render(Aggregator.summarise(records, partnership: partnership))
        #expect(json.hasPrefix("""
        {
          "quarter": "2021-22-Q3",
          "start": "2021-10-01",
          "end": "2021-12-31",
          "areas": {
            "North": {
              "cases": {
                "open_at_start": 0,
                "opened": 0,
                "closed": 0,
                "open_at_end": 0
              },
              "successes": 0,
              "blockers": {
                "raised": 0,
                "resolved": 0,
                "open": 0,
                "escalated_open": 0
              },
              "activity": {
                "engagement": {
                  "Talks \\"on\\" safety": 1
                },
                "targeted-activity": {},
        """))
        #expect(json.hasSuffix("""
            "ocg_referrals": 0
          }
        }

        """))
    }
}

/// A small deterministic generator for tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
