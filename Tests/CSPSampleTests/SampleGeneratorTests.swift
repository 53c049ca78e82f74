import CSPCore
import Testing
@testable import CSPSample

private func quarter(_ text: String) -> Quarter {
    (try? Quarter.parse(text).get()) ?? SampleOptions.defaultFrom
}

private let contractHeaders: [String: [String]] = [
    "psg-cases.csv": ["case_id", "title", "area", "location", "issue", "lead_agency", "partners", "opened",
                      "closed", "status", "outcome"],
    "successes.csv": ["date", "area", "case_id", "step", "title", "detail", "partners"],
    "blockers.csv": ["blocker_id", "raised", "area", "case_id", "owner", "description", "escalate", "status",
                     "resolved", "resolution"],
    "carmel-activity.csv": ["month", "area", "step", "measure", "value"],
    "think-communities.csv": ["area", "project", "stage", "lead", "partners", "started", "update"],
    "ocg-referrals.csv": ["month", "area", "route", "count"],
    "you-said-we-did.csv": ["date", "area", "source", "you_said", "we_did"],
]

@Suite struct SampleGeneratorTests {
    let data = SampleGenerator.generate(SampleOptions(from: quarter("2023-24-Q3"), quarters: 6, scale: 1, seed: 1))

    @Test func sameOptionsGiveTheSameBytes() {
        let options = SampleOptions(from: quarter("2022-23-Q4"), quarters: 3, scale: 2, seed: 42)
        let a = SampleGenerator.generate(options).files
        let b = SampleGenerator.generate(options).files
        #expect(a == b)
        var other = options
        other.seed = 43
        #expect(SampleGenerator.generate(other).files != a)
    }

    @Test func writesEveryContractFileInEveryQuarter() {
        #expect(data.configuration.path == "csp.yaml")
        #expect(data.quarters.map(\.quarter.description)
            == ["2023-24-Q3", "2023-24-Q4", "2024-25-Q1", "2024-25-Q2", "2024-25-Q3", "2024-25-Q4"])
        for q in data.quarters {
            #expect(q.files.map(\.name) == SampleGenerator.quarterFileNames)
            #expect(q.files.allSatisfy { $0.path.hasPrefix("\(q.quarter)/") })
        }
    }

    @Test func everyCSVParsesWithTheContractHeaderAndColumnCount() {
        for q in data.quarters {
            for (name, header) in contractHeaders {
                let csv = q.csv(name)
                #expect(csv.problems.isEmpty, "\(q.quarter)/\(name): \(csv.problems)")
                #expect(csv.header == header, "\(q.quarter)/\(name)")
                #expect(csv.bareLineEnds == 0, "\(q.quarter)/\(name) uses CRLF throughout")
                #expect(csv.rows.allSatisfy { $0.count == header.count }, "\(q.quarter)/\(name)")
                #expect(csv.rows.count == q.rowCounts[name], "\(q.quarter)/\(name)")
            }
        }
    }

    @Test(arguments: [1, 3])
    func rowCountsFollowTheScale(scale: Int) {
        let set = SampleGenerator.generate(SampleOptions(from: quarter("2023-24-Q4"), quarters: 4, scale: scale, seed: 9))
        let k = Double(scale)
        for q in set.quarters {
            func rows(_ name: String) -> Double { Double(q.rowCounts[name] ?? 0) }
            #expect((42 * k...80 * k).contains(rows("psg-cases.csv")), "\(q.quarter) cases \(rows("psg-cases.csv"))")
            #expect((30 * k...50 * k).contains(rows("successes.csv")), "\(q.quarter)")
            #expect((15 * k...36 * k).contains(rows("blockers.csv")), "\(q.quarter) blockers \(rows("blockers.csv"))")
            #expect(rows("carmel-activity.csv") == 600 * k)
            #expect(rows("think-communities.csv") >= 8 * k)
            #expect(rows("you-said-we-did.csv") >= 4 * k)
        }
    }

    @Test func largeScalesStayValidAndUnique() {
        let set = SampleGenerator.generate(SampleOptions(from: quarter("2024-25-Q1"), quarters: 1, scale: 200, seed: 5))
        guard let q = set.quarters.first else {
            Issue.record("no quarter")
            return
        }
        let activity = q.csv("carmel-activity.csv")
        #expect(activity.rows.count == 120_000)
        var keys = Set<String>()
        for r in activity.rows {
            let area = SampleArea(spelling: r[1])?.name ?? r[1]
            keys.insert("\(r[0])|\(area)|\(r[2])|\(r[3])")
        }
        #expect(keys.count == activity.rows.count)
        let cases = q.csv("psg-cases.csv")
        #expect(Set(cases.rows.map { $0[0] }).count == cases.rows.count)
        let projects = q.csv("think-communities.csv")
        let projectKeys = Set(projects.rows.map { "\(SampleArea(spelling: $0[0])?.name ?? $0[0])|\($0[1])" })
        #expect(projectKeys.count == projects.rows.count)
    }

    /// An open case stays, with the same id and opened date; a closed case never comes back;
    /// and per area, open at start + opened − closed = open at end, with last quarter's end
    /// being this quarter's start.
    @Test func casesCarryOverBetweenQuarters() {
        var previousOpen: [String: CalendarDate] = [:]
        var closedBefore: Set<String> = []
        var previousEndByArea: [SampleArea: Int]?
        for (index, q) in data.quarters.enumerated() {
            let rows = q.csv("psg-cases.csv").records
            var opened: [String: CalendarDate] = [:]
            var atStart: [SampleArea: Int] = [:], new: [SampleArea: Int] = [:]
            var closed: [SampleArea: Int] = [:], atEnd: [SampleArea: Int] = [:]
            for r in rows {
                let id = r["case_id"] ?? ""
                guard let date = parseDate(r["opened"] ?? ""), let area = SampleArea(spelling: r["area"] ?? "") else {
                    Issue.record("\(q.quarter) \(id): bad opened date or area")
                    continue
                }
                opened[id] = date
                #expect(!closedBefore.contains(id), "\(id) reappears after closing")
                if date < q.quarter.start { atStart[area, default: 0] += 1 } else { new[area, default: 0] += 1 }
                if r["status"] == "closed" {
                    closed[area, default: 0] += 1
                    closedBefore.insert(id)
                } else {
                    atEnd[area, default: 0] += 1
                }
            }
            for (id, date) in previousOpen {
                #expect(opened[id] == date, "\(q.quarter): open case \(id) must carry over with its opened date")
            }
            let carried = Set(opened.filter { $0.value < q.quarter.start }.keys)
            if index > 0 { #expect(carried == Set(previousOpen.keys)) }
            for area in SampleArea.allCases {
                #expect((atStart[area] ?? 0) + (new[area] ?? 0) - (closed[area] ?? 0) == (atEnd[area] ?? 0))
                if let previous = previousEndByArea { #expect(previous[area] ?? 0 == atStart[area] ?? 0) }
            }
            previousEndByArea = atEnd
            previousOpen = [:]
            for r in rows where r["status"] != "closed" {
                if let id = r["case_id"], let date = parseDate(r["opened"] ?? "") { previousOpen[id] = date }
            }
        }
    }

    @Test func blockersAndProjectsCarryOver() {
        var openBlockers: [String: String] = [:]
        var resolvedBefore: Set<String> = []
        var runningProjects: Set<String> = []
        var completedBefore: Set<String> = []
        for (index, q) in data.quarters.enumerated() {
            let rows = q.csv("blockers.csv").records
            let ids = Dictionary(rows.map { ($0["blocker_id"] ?? "", $0["raised"] ?? "") }, uniquingKeysWith: { a, _ in a })
            for (id, raised) in openBlockers { #expect(ids[id] == raised, "\(q.quarter): open blocker \(id) carries over") }
            for r in rows { #expect(!resolvedBefore.contains(r["blocker_id"] ?? ""), "resolved blocker reappears") }
            openBlockers = [:]
            for r in rows {
                if r["status"] == "open" { openBlockers[r["blocker_id"] ?? ""] = r["raised"] ?? "" }
                else { resolvedBefore.insert(r["blocker_id"] ?? "") }
            }
            let projects = q.csv("think-communities.csv").records
            let keys = Set(projects.map { "\(SampleArea(spelling: $0["area"] ?? "")?.name ?? "")|\($0["project"] ?? "")" })
            if index > 0 { #expect(runningProjects.isSubset(of: keys), "\(q.quarter): running projects carry over") }
            #expect(keys.isDisjoint(with: completedBefore))
            runningProjects = []
            for p in projects {
                let key = "\(SampleArea(spelling: p["area"] ?? "")?.name ?? "")|\(p["project"] ?? "")"
                if p["stage"] == "completed" { completedBefore.insert(key) } else { runningProjects.insert(key) }
            }
        }
        #expect(!resolvedBefore.isEmpty)
        #expect(data.quarters.contains { q in q.csv("blockers.csv").records.contains { $0["escalate"] == "yes" } })
    }

    /// The rules the validator enforces, checked here without it.
    @Test(arguments: [UInt64(1), 2, 3, 77])
    func rowsFollowTheValueRules(seed: UInt64) {
        let set = SampleGenerator.generate(SampleOptions(from: quarter("2023-24-Q4"), quarters: 4, scale: 1, seed: seed))
        for q in set.quarters {
            let qs = q.quarter
            func inQuarter(_ text: String?) -> Bool { parseDate(text ?? "").map(qs.contains) ?? false }
            func monthInQuarter(_ text: String?) -> Bool { YearMonth.parse(text ?? "").map(qs.contains) ?? false }
            func validArea(_ text: String?) -> Bool { SampleArea(spelling: text ?? "") != nil }
            let steps: Set<String> = ["engagement", "targeted-activity", "problem-solving", "think-communities"]

            let cases = q.csv("psg-cases.csv").records
            let caseIDs = Set(cases.map { $0["case_id"] ?? "" })
            #expect(caseIDs.count == cases.count)
            for c in cases {
                guard let opened = parseDate(c["opened"] ?? "") else { Issue.record("opened"); continue }
                #expect(opened <= qs.end)
                #expect(validArea(c["area"]))
                #expect(!(c["title"] ?? "").isEmpty)
                let closed = c["status"] == "closed"
                #expect(["open", "monitoring", "closed"].contains(c["status"] ?? ""))
                #expect(closed == !(c["closed"] ?? "").isEmpty)
                #expect(closed == ["resolved", "improved", "no-change", "referred-on"].contains(c["outcome"] ?? ""))
                #expect(closed || (c["outcome"] ?? "").isEmpty)
                if closed {
                    #expect(inQuarter(c["closed"]))
                    #expect((parseDate(c["closed"] ?? "") ?? opened) >= opened)
                }
            }
            for s in q.csv("successes.csv").records {
                #expect(inQuarter(s["date"]))
                #expect(validArea(s["area"]))
                #expect(steps.contains(s["step"] ?? ""))
                #expect(!(s["title"] ?? "").isEmpty)
                #expect((s["case_id"] ?? "").isEmpty || caseIDs.contains(s["case_id"] ?? ""))
            }
            let blockers = q.csv("blockers.csv").records
            #expect(Set(blockers.map { $0["blocker_id"] ?? "" }).count == blockers.count)
            for b in blockers {
                guard let raised = parseDate(b["raised"] ?? "") else { Issue.record("raised"); continue }
                #expect(raised <= qs.end)
                #expect(validArea(b["area"]))
                #expect(["yes", "no"].contains(b["escalate"] ?? ""))
                #expect(!(b["owner"] ?? "").isEmpty && !(b["description"] ?? "").isEmpty)
                #expect((b["case_id"] ?? "").isEmpty || caseIDs.contains(b["case_id"] ?? ""))
                let resolved = b["status"] == "resolved"
                #expect(resolved || b["status"] == "open")
                #expect(resolved == !(b["resolved"] ?? "").isEmpty)
                if resolved {
                    #expect(inQuarter(b["resolved"]))
                    #expect((parseDate(b["resolved"] ?? "") ?? raised) >= raised)
                }
            }
            var activityKeys = Set<String>()
            for a in q.csv("carmel-activity.csv").records {
                #expect(monthInQuarter(a["month"]))
                #expect(validArea(a["area"]))
                #expect(steps.contains(a["step"] ?? ""))
                #expect(Int(a["value"] ?? "").map { $0 >= 0 } ?? false)
                let area = SampleArea(spelling: a["area"] ?? "")?.name ?? ""
                activityKeys.insert("\(a["month"] ?? "")|\(area)|\(a["step"] ?? "")|\(a["measure"] ?? "")")
            }
            #expect(activityKeys.count == q.rowCounts["carmel-activity.csv"])
            for p in q.csv("think-communities.csv").records {
                #expect(validArea(p["area"]))
                #expect(["idea", "scoping", "active", "completed", "paused"].contains(p["stage"] ?? ""))
                if let s = p["started"], !s.isEmpty { #expect(parseDate(s).map { $0 <= qs.end } ?? false) }
            }
            for r in q.csv("ocg-referrals.csv").records {
                #expect(monthInQuarter(r["month"]))
                #expect(["child-protection", "early-help", "multi-agency", "other"].contains(r["route"] ?? ""))
                #expect(Int(r["count"] ?? "").map { $0 >= 0 } ?? false)
            }
            for y in q.csv("you-said-we-did.csv").records {
                #expect(inQuarter(y["date"]))
                #expect(validArea(y["area"]))
                #expect(!(y["you_said"] ?? "").isEmpty && !(y["we_did"] ?? "").isEmpty)
            }
        }
    }

    /// The sample must exercise the reader: quoting, doubled quotes, line breaks in fields,
    /// non-ASCII text, UK dates, BOMs, the West/Central alias and City-wide rows.
    @Test func textQuirksArePresent() {
        let csvs = data.quarters.flatMap { q in q.files.filter { $0.name.hasSuffix(".csv") } }
        let text = csvs.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        for needle in ["\"\"", ",\"", "&", "<", "£", "–", "é", "West/Central", "City-wide", "\r\n"] {
            #expect(text.contains(needle), "missing \(needle)")
        }
        let fields = data.quarters.flatMap { q in contractHeaders.keys.flatMap { q.csv($0).rows.joined() } }
        #expect(fields.contains { $0.contains("\n") }, "a line break inside a field")
        #expect(fields.contains { $0.contains(",") }, "a comma inside a field")
        #expect(fields.contains { $0.contains("\"") }, "a quote inside a field")
        #expect(fields.contains { $0.count == 10 && $0.dropFirst(2).hasPrefix("/") && parseDate($0) != nil },
                "a UK date")
        #expect(csvs.contains { $0.bytes.starts(with: [0xEF, 0xBB, 0xBF]) })
        #expect(csvs.contains { !$0.bytes.starts(with: [0xEF, 0xBB, 0xBF]) })
    }

    @Test func quarterYAMLHasTheContractKeys() {
        for q in data.quarters {
            let text = String(decoding: q.file("quarter.yaml")?.bytes ?? [], as: UTF8.self)
            #expect(text.hasPrefix("quarter: \(q.quarter)\n"))
            #expect(text.contains("\nprepared_by: \""))
            #expect(text.contains("\nsummary: |\n  During "))
            #expect(text.contains("\nhighlights:\n  - \""))
            let meetingLine = text.split(separator: "\n").first { $0.hasPrefix("meeting_date: ") }
            let meeting = meetingLine.flatMap { parseDate(String($0.dropFirst("meeting_date: ".count))) }
            #expect(meeting.map { $0 > q.quarter.end } ?? false, "meeting after the quarter ends")
        }
    }

    @Test func optionsReportTheirProblems() {
        #expect(SampleOptions().problems.isEmpty)
        #expect(SampleOptions(quarters: 0).problems.count == 1)
        #expect(SampleOptions(scale: 0).problems.first?.contains("--scale") == true)
        #expect(SampleOptions(scale: 1001).problems.count == 1)
    }
}
