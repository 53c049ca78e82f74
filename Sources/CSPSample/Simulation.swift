import CSPCore

/// Stream labels: each file of each quarter draws from its own stream (see `SplitMix64.stream`).
private enum Stream: UInt64 {
    case backlog = 1, cases, blockers, successes, activity, projects, referrals, youSaid, narrative, files
}

/// The partnership's state carried from one quarter to the next: open cases, open blockers and
/// running projects. `advance(to:)` plays one quarter and returns that quarter's files.
struct Simulation {
    let scale: Int
    private let root: SplitMix64
    private var quarterIndex: UInt64 = 0
    private var nextCaseNumber = 1
    private var nextBlockerNumber = 1
    private var openCases: [CaseRecord] = []
    private var openBlockers: [BlockerRecord] = []
    private var projects: [ProjectRecord] = []
    private var projectNames: Set<String> = []

    init(seed: UInt64, scale: Int, firstQuarter: Quarter) {
        self.scale = scale
        root = SplitMix64(seed: seed)
        seedBacklog(before: firstQuarter)
    }

    // MARK: - Drawing helpers

    private static func areaSpelling(_ area: SampleArea, _ rng: inout SplitMix64) -> String {
        // Chairs who sat on the old West/Central committee still type its name.
        area == .west && rng.chance(0.3) ? "West/Central" : area.name
    }

    private static func dateStyle(_ rng: inout SplitMix64) -> DateStyle {
        rng.chance(0.12) ? .uk : .iso
    }

    private static func caseArea(_ rng: inout SplitMix64) -> SampleArea {
        rng.weighted([(.north, 26), (.east, 30), (.south, 18), (.west, 22), (.cityWide, 4)]) ?? .north
    }

    private static func committeeArea(_ rng: inout SplitMix64) -> SampleArea {
        rng.pick(SampleArea.committees) ?? .north
    }

    /// A place of one of the given kinds in the area, and its ward; any place when the area
    /// has none of those kinds.
    private static func place(in area: SampleArea, kinds: Set<PlaceKind> = Catalogue.anyPlace,
                              _ rng: inout SplitMix64) -> (ward: String, place: Place) {
        let all = Catalogue.places[area.rawValue]
        let fitting = kinds == Catalogue.anyPlace ? all : all.filter { kinds.contains($0.1.kind) }
        return rng.pick(fitting.isEmpty ? all : fitting) ?? (area.name, Place(name: area.name, kind: .street))
    }

    private static func fill(_ template: String, place: String, issue: String = "", area: String = "",
                             month: String = "") -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        return template.replacingAll("{place}", with: place).replacingAll("{issue}", with: issue)
            .replacingAll("{area}", with: area).replacingAll("{month}", with: month)
    }

    /// A small count with the given mean: a binomial draw, so rare events (closure orders) are
    /// mostly 0 and sometimes 1 or 2 instead of always rounding to 0.
    private static func count(mean: Double, _ rng: inout SplitMix64) -> Int {
        guard mean > 0 else { return 0 }
        if mean >= 12 { return rng.around(mean, spread: 0.35) }
        let trials = Int(mean * 3) + 2
        let p = mean / Double(trials)
        var n = 0
        for _ in 0..<trials where rng.chance(p) { n += 1 }
        return n
    }

    private func rng(_ stream: Stream) -> SplitMix64 {
        root.stream(quarterIndex, stream.rawValue)
    }

    private mutating func newCaseID() -> String {
        defer { nextCaseNumber += 1 }
        return "PSG-\(zeroPadded(nextCaseNumber, 4))"
    }

    private mutating func newBlockerID() -> String {
        defer { nextBlockerNumber += 1 }
        return "BLK-\(zeroPadded(nextBlockerNumber, 3))"
    }

    private static func makeCase(id: String, opened: CalendarDate, _ rng: inout SplitMix64) -> CaseRecord {
        let area = caseArea(&rng)
        let candidates = area == .cityWide ? Catalogue.issues.filter { $0.cityWideTitle != nil } : Catalogue.issues
        let issue = rng.weighted(candidates.map { ($0, $0.weight) }) ?? Catalogue.issues[0]
        let (ward, spot) = place(in: area, kinds: issue.at, &rng)
        let place = spot.name
        let location = area == .cityWide ? "Various locations"
            : (ward != place && rng.chance(0.35) ? "\(place), \(ward)" : place)
        let title = area == .cityWide
            ? (issue.cityWideTitle ?? issue.name)
            : fill(rng.pick(issue.titles) ?? issue.name, place: place)
        let partners = rng.subset(issue.partners, count: rng.int(in: 1...3))
        return CaseRecord(id: id, title: title, area: area, areaSpelling: areaSpelling(area, &rng), place: place,
                          placeKind: spot.kind,
                          location: location, issue: issue.name, leadAgency: issue.lead, partners: partners,
                          opened: opened, dateStyle: dateStyle(&rng))
    }

    private mutating func makeProject(area: SampleArea, stage: ProjectRecord.Stage, started: CalendarDate?,
                                      _ rng: inout SplitMix64) -> ProjectRecord {
        let ideas = Catalogue.projects.filter { $0.area == area }
        let fresh = ideas.filter { !projectNames.contains("\(area.name)|\($0.name)") }
        let idea = rng.pick(fresh.isEmpty ? ideas : fresh) ?? Catalogue.ProjectIdea(area: area, name: "\(area.name) residents' forum",
                                                              lead: Catalogue.thinkCommunities)
        // Projects are unique by (area, name): a second project from the same idea is a new phase.
        var name = idea.name
        var phase = 2
        while projectNames.contains("\(area.name)|\(name)") {
            name = "\(idea.name) – phase \(phase)"
            phase += 1
        }
        projectNames.insert("\(area.name)|\(name)")
        let partners = rng.subset(Catalogue.allAgencies.filter { $0 != idea.lead }, count: rng.int(in: 1...3))
        var project = ProjectRecord(area: area, areaSpelling: Simulation.areaSpelling(area, &rng), name: name,
                                    stage: stage, lead: idea.lead, partners: partners, started: started,
                                    dateStyle: Simulation.dateStyle(&rng))
        project.update = rng.pick(Catalogue.projectUpdates[stage.rawValue] ?? []) ?? ""
        return project
    }

    // MARK: - Before the first quarter

    /// The open cases, blockers and projects the PSG already holds when the first generated
    /// quarter starts, so that the first quarter has carried-over work like every later one.
    private mutating func seedBacklog(before first: Quarter) {
        var rng = root.stream(0xFFFF, Stream.backlog.rawValue)
        let start = first.start
        let earliest = start.adding(days: -540) ?? start
        let yesterday = start.adding(days: -1) ?? start
        let openedDates = (0..<rng.around(Double(40 * scale), spread: 0.1))
            .map { _ in rng.date(from: earliest, to: yesterday) }.sorted()
        for opened in openedDates {
            var record = Simulation.makeCase(id: newCaseID(), opened: opened, &rng)
            if start.days(since: opened) > 90, rng.chance(0.35) { record.status = .monitoring }
            openCases.append(record)
        }
        let blockerCount = rng.around(Double(15 * scale), spread: 0.15)
        let blockerEarliest = start.adding(days: -200) ?? start
        var raisedAndCase: [(CalendarDate, CaseRecord?)] = []
        for _ in 0..<blockerCount {
            let linked = rng.chance(0.45) ? rng.pick(openCases) : nil
            let lo = max(blockerEarliest, linked?.opened ?? blockerEarliest)
            raisedAndCase.append((rng.date(from: lo, to: yesterday), linked))
        }
        var problems = OpenProblems([])
        for (raised, linked) in raisedAndCase.sorted(by: { $0.0 < $1.0 }) {
            openBlockers.append(makeBlocker(raised: raised, linked: linked, escalate: rng.chance(0.3),
                                            open: &problems, &rng))
        }
        for area in SampleArea.committees {
            for _ in 0..<(3 * scale) {
                let stage = rng.weighted([(ProjectRecord.Stage.idea, 15), (.scoping, 25), (.active, 50),
                                          (.paused, 10)]) ?? .active
                let started = stage == .idea ? nil : rng.date(from: start.adding(days: -400) ?? start, to: yesterday)
                projects.append(makeProject(area: area, stage: stage, started: started, &rng))
            }
        }
    }

    /// The problems of the blockers still open, so that a new blocker does not repeat one.
    /// Kept as sets and updated as blockers are added, as scans of every open blocker would make
    /// large scales quadratic.
    struct OpenProblems {
        private var inArea: Set<Int> = []
        private var anywhere: Set<Int> = []

        init(_ blockers: [BlockerRecord]) {
            for b in blockers where b.resolved == nil { insert(b) }
        }

        mutating func insert(_ b: BlockerRecord) {
            inArea.insert(b.area.rawValue &* 1024 &+ b.template)
            anywhere.insert(b.template)
        }

        func isOpen(_ template: Int, in area: SampleArea) -> Bool { inArea.contains(area.rawValue &* 1024 &+ template) }
        func isOpenAnywhere(_ template: Int) -> Bool { anywhere.contains(template) }
    }

    /// A new blocker, whose problem is not one of the `open` ones.
    private mutating func makeBlocker(raised: CalendarDate, linked: CaseRecord?, escalate: Bool,
                                      open: inout OpenProblems, _ rng: inout SplitMix64) -> BlockerRecord {
        var area = linked?.area ?? (rng.chance(0.1) ? .cityWide : Simulation.committeeArea(&rng))
        // The same problem is not raised twice while the first is still open (in that area, or
        // anywhere for a partnership-wide one); a linked blocker is about the case's own place,
        // so only templates that fit it are used.
        let fitting = Catalogue.blockerTemplates.indices.filter { i in
            let t = Catalogue.blockerTemplates[i]
            if t.partnershipWide { return linked == nil && !open.isOpenAnywhere(i) }
            if area == .cityWide && t.text.contains("{area}") { return false }
            return !open.isOpen(i, in: area) && (linked.map { t.at.contains($0.placeKind) } ?? true)
        }
        let index = rng.pick(fitting) ?? rng.below(Catalogue.blockerTemplates.count)
        let template = Catalogue.blockerTemplates[index]
        if template.partnershipWide && linked == nil { area = .cityWide }
        let place = linked?.place ?? Simulation.place(in: area, kinds: template.at, &rng).place.name
        let earlier = (raised.adding(days: -rng.int(in: 20...80)) ?? raised).yearMonth
        let text = Simulation.fill(template.text, place: place, area: area.name,
                                   month: Catalogue.months[earlier.month - 1])
        let blocker = BlockerRecord(id: newBlockerID(), raised: raised, area: area,
                             areaSpelling: linked?.areaSpelling ?? Simulation.areaSpelling(area, &rng),
                             caseID: linked?.id, owner: template.owner, description: text, escalate: escalate,
                             plannedResolution: template.resolution, template: index,
                             dateStyle: Simulation.dateStyle(&rng))
        open.insert(blocker)
        return blocker
    }

    // MARK: - One quarter

    mutating func advance(to quarter: Quarter) -> SampleQuarter {
        defer { quarterIndex += 1 }
        let cases = playCases(quarter)
        let blockers = playBlockers(quarter, cases: cases)
        let successes = makeSuccesses(quarter, cases: cases)
        let activity = makeActivity(quarter)
        let projectRows = playProjects(quarter)
        let referrals = makeReferrals(quarter)
        let youSaid = makeYouSaidWeDid(quarter)

        var bom = rng(.files)
        func csv(_ name: String, _ header: [String], _ rows: [[String]], alwaysBOM: Bool = false) -> SampleFile {
            // Excel's "CSV UTF-8" writes a BOM, plain "CSV" does not; chairs use both.
            var text = CSVText(header: header, withBOM: alwaysBOM || bom.chance(0.4))
            for row in rows { text.append(row) }
            return SampleFile(path: "\(quarter)/\(name)", bytes: text.bytes)
        }
        let tables: [(String, [String], [[String]], Bool)] = [
            ("psg-cases.csv", CaseRecord.header, cases.map(\.row), true),
            ("successes.csv", Headers.successes, successes.map(\.row), false),
            ("blockers.csv", BlockerRecord.header, blockers.map(\.row), false),
            ("carmel-activity.csv", Headers.activity, activity.map(\.row), false),
            ("think-communities.csv", ProjectRecord.header, projectRows.map(\.row), false),
            ("ocg-referrals.csv", Headers.referrals, referrals, false),
            ("you-said-we-did.csv", Headers.youSaidWeDid, youSaid, false),
        ]
        var rowCounts: [String: Int] = [:]
        var files = [SampleFile]()
        var narrativeRNG = rng(.narrative)
        let facts = QuarterFacts(quarter: quarter, cases: cases, blockers: blockers, successes: successes,
                                 activity: activity, projects: projectRows,
                                 referrals: referrals.reduce(0) { $0 + (Int($1[3]) ?? 0) })
        files.append(SampleFile(path: "\(quarter)/quarter.yaml", bytes: Array(facts.yaml(&narrativeRNG).utf8)))
        for (name, header, rows, always) in tables {
            files.append(csv(name, header, rows, alwaysBOM: always))
            rowCounts[name] = rows.count
        }
        return SampleQuarter(quarter: quarter, files: files, rowCounts: rowCounts)
    }

    /// Every case open at the start, plus the new ones; about a third close in the quarter, so
    /// the caseload stays near 40 × scale open cases.
    private mutating func playCases(_ q: Quarter) -> [CaseRecord] {
        var rng = rng(.cases)
        var cases = openCases
        for i in cases.indices where cases[i].status == .open && q.start.days(since: cases[i].opened) > 60 {
            if rng.chance(0.25) { cases[i].status = .monitoring }
        }
        let openedDates = (0..<rng.around(Double(20 * scale), spread: 0.2))
            .map { _ in rng.date(from: q.start, to: q.end) }.sorted()
        for opened in openedDates {
            cases.append(Simulation.makeCase(id: newCaseID(), opened: opened, &rng))
        }
        // A PSG with a long list closes more at each meeting; this keeps the caseload near
        // 60 × scale rows instead of drifting over many quarters.
        let load = min(max(Double(cases.count) / Double(60 * scale), 0.7), 1.5)
        for i in cases.indices {
            let p = (cases[i].status == .monitoring ? 0.45 : 0.28) * load
            guard rng.chance(p) else { continue }
            cases[i].closed = rng.date(from: max(cases[i].opened, q.start), to: q.end)
            cases[i].status = .closed
            cases[i].outcome = rng.weighted(Catalogue.outcomes) ?? "resolved"
        }
        openCases = cases.filter { $0.status != .closed }
        return cases
    }

    /// Open blockers carry over; a blocker on a case that closes is resolved with it, so a
    /// blocker never points at a case missing from its quarter's psg-cases.csv.
    private mutating func playBlockers(_ q: Quarter, cases: [CaseRecord]) -> [BlockerRecord] {
        var rng = rng(.blockers)
        var blockers = openBlockers
        for i in blockers.indices where !blockers[i].escalate && q.start.days(since: blockers[i].raised) > 90 {
            // Stuck for a quarter: the PSG asks the board to act.
            if rng.chance(0.3) { blockers[i].escalate = true }
        }
        var raised: [(CalendarDate, CaseRecord?)] = []
        for _ in 0..<rng.around(Double(10 * scale), spread: 0.25) {
            let linked = rng.chance(0.5) ? rng.pick(cases) : nil
            raised.append((rng.date(from: max(q.start, linked?.opened ?? q.start), to: q.end), linked))
        }
        var problems = OpenProblems(blockers)
        for (date, linked) in raised.sorted(by: { $0.0 < $1.0 }) {
            blockers.append(makeBlocker(raised: date, linked: linked, escalate: rng.chance(0.2), open: &problems, &rng))
        }
        let closedOn = Dictionary(cases.compactMap { c in c.closed.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        for i in blockers.indices {
            let lo = max(blockers[i].raised, q.start)
            if let id = blockers[i].caseID, let closed = closedOn[id] {
                blockers[i].resolved = rng.date(from: max(lo, closed), to: q.end)
                blockers[i].resolution = rng.chance(0.6) ? Catalogue.closedWithCase : blockers[i].plannedResolution
            } else if rng.chance(0.3) {
                blockers[i].resolved = rng.date(from: lo, to: q.end)
                blockers[i].resolution = blockers[i].plannedResolution
            }
        }
        openBlockers = blockers.filter { $0.resolved == nil }
        return blockers
    }

    private func makeSuccesses(_ q: Quarter, cases: [CaseRecord]) -> [SuccessRow] {
        var rng = rng(.successes)
        var rows: [SuccessRow] = []
        for _ in 0..<rng.around(Double(40 * scale), spread: 0.15) {
            let step = rng.weighted([("engagement", 30), ("targeted-activity", 30), ("problem-solving", 28),
                                     ("think-communities", 12)]) ?? "engagement"
            let date: CalendarDate, spelling: String, place: String, issue: String, caseID: String
            if rng.chance(0.65), let linked = rng.pick(cases) {
                date = rng.date(from: max(linked.opened, q.start), to: linked.closed ?? q.end)
                (spelling, place, issue, caseID) = (linked.areaSpelling, linked.place, linked.issue, linked.id)
            } else {
                let area = rng.chance(0.06) ? SampleArea.cityWide : Simulation.committeeArea(&rng)
                let problem = rng.pick(Catalogue.issues) ?? Catalogue.issues[0]
                date = rng.date(from: q.start, to: q.end)
                spelling = Simulation.areaSpelling(area, &rng)
                place = Simulation.place(in: area, kinds: problem.at, &rng).place.name
                issue = problem.name
                caseID = ""
            }
            let titles = Catalogue.successTitles[step] ?? []
            let fitting = titles.filter { $0.issues.isEmpty || $0.issues.contains(issue) }
            let chosen = rng.pick(fitting) ?? rng.pick(titles)
            let title = Simulation.fill(chosen?.text ?? "Partnership success", place: place, issue: issue)
            // Some successes are logged with a title only, as busy chairs do.
            let detail = rng.chance(0.12) ? "" : Simulation.fill(rng.pick(chosen?.details ?? []) ?? "",
                                                                  place: place, issue: issue)
            rows.append(SuccessRow(date: date, style: Simulation.dateStyle(&rng), area: spelling, caseID: caseID,
                                   step: step, title: title, detail: detail,
                                   partners: rng.subset(Catalogue.allAgencies, count: rng.int(in: 1...3))))
        }
        // The chair logs successes as they are reported, so the sheet is in date order.
        return rows.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// One row per month, area and measure: the 48 measures for each Area Committee and a few
    /// City-wide ones, 600 rows at scale 1. Larger scales report the measures per patrol zone,
    /// which keeps (month, area, step, measure) unique.
    private func makeActivity(_ q: Quarter) -> [ActivityRow] {
        var rng = rng(.activity)
        let areaFactor: [SampleArea: Double] = [.north: 1.1, .east: 1.25, .south: 0.8, .west: 1.0, .cityWide: 1.0]
        var rows: [ActivityRow] = []
        rows.reserveCapacity(600 * scale)
        for month in q.months {
            // Summer evenings bring more outdoor ASB and so more engagement and patrols.
            let season = (6...8).contains(month.month) ? 1.15 : ((12...12).contains(month.month) ? 0.9 : 1.0)
            for area in SampleArea.allCases {
                let measures = area == .cityWide ? Catalogue.cityWideMeasures : Catalogue.measures
                for zone in 1...scale {
                    for measure in measures {
                        let name = zone == 1 ? measure.name : "\(measure.name) – zone \(zone)"
                        let mean = measure.mean * (areaFactor[area] ?? 1) * season
                        rows.append(ActivityRow(month: month, area: Simulation.areaSpelling(area, &rng),
                                                step: measure.step, measure: name,
                                                value: Simulation.count(mean: mean, &rng)))
                    }
                }
            }
        }
        return rows
    }

    /// Stages move on a step at a time; a completed project is listed in the quarter it completes
    /// and dropped after.
    private mutating func playProjects(_ q: Quarter) -> [ProjectRecord] {
        var rng = rng(.projects)
        for i in projects.indices {
            let before = projects[i].stage
            let next: ProjectRecord.Stage
            switch before {
            case .idea: next = rng.chance(0.5) ? .scoping : .idea
            case .scoping: next = rng.chance(0.45) ? .active : .scoping
            case .active: next = rng.weighted([(.completed, 12), (.paused, 6), (.active, 82)]) ?? .active
            case .paused: next = rng.chance(0.4) ? .active : .paused
            case .completed: next = .completed
            }
            projects[i].stage = next
            if projects[i].started == nil, next != .idea {
                projects[i].started = rng.date(from: q.start, to: q.end)
            }
            if next != before || rng.chance(0.6) {
                projects[i].update = rng.pick(Catalogue.projectUpdates[next.rawValue] ?? []) ?? projects[i].update
            }
        }
        for area in SampleArea.committees {
            for _ in 0..<scale where rng.chance(0.3) {
                let stage: ProjectRecord.Stage = rng.chance(0.6) ? .idea : .scoping
                let started = stage == .idea ? nil : rng.date(from: q.start, to: q.end)
                projects.append(makeProject(area: area, stage: stage, started: started, &rng))
            }
        }
        let rows = projects.enumerated().sorted { ($0.element.area, $0.offset) < ($1.element.area, $1.offset) }
            .map(\.element)
        projects = projects.filter { $0.stage != .completed }
        return rows
    }

    private func makeReferrals(_ q: Quarter) -> [[String]] {
        var rng = rng(.referrals)
        var rows: [[String]] = []
        for month in q.months {
            for area in SampleArea.committees {
                for route in Catalogue.referralRoutes where rng.chance(0.55) {
                    let mean = (route == "early-help" ? 1.6 : 0.9) * Double(scale)
                    rows.append([month.description, Simulation.areaSpelling(area, &rng), route,
                                 String(Simulation.count(mean: mean, &rng))])
                }
            }
        }
        return rows
    }

    /// Each quarter hears from a few groups; a theme is not repeated until every theme has been
    /// used, so a quarter does not read the same line twice.
    private func makeYouSaidWeDid(_ q: Quarter) -> [[String]] {
        var rng = rng(.youSaid)
        let pool = Catalogue.youSaidWeDid
        var order = Array(pool.indices)
        // Fisher–Yates with our own generator, so the themes vary between quarters.
        for i in order.indices.reversed() where i > 0 { order.swapAt(i, rng.below(i + 1)) }
        var rows: [(CalendarDate, [String])] = []
        let count = max(1, rng.around(Double(8 * scale), spread: 0.25))
        for n in 0..<count {
            let item = pool[order[n % order.count]]
            let area = Simulation.committeeArea(&rng)
            let (ward, spot) = Simulation.place(in: area, kinds: item.at, &rng)
            let date = rng.date(from: q.start, to: q.end)
            let source = "\(rng.pick(item.sources) ?? "Youth consultation") – \(ward)"
            rows.append((date, [date.formatted(Simulation.dateStyle(&rng)), Simulation.areaSpelling(area, &rng), source,
                                Simulation.fill(item.said, place: spot.name), Simulation.fill(item.did, place: spot.name)]))
        }
        return rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }
}

struct SuccessRow {
    let date: CalendarDate
    let style: DateStyle
    let area: String
    let caseID: String
    let step: String
    let title: String
    let detail: String
    let partners: [String]

    var row: [String] {
        [date.formatted(style), area, caseID, step, title, detail, partners.joined(separator: "; ")]
    }
}

struct ActivityRow {
    let month: YearMonth
    let area: String
    let step: String
    let measure: String
    let value: Int

    var row: [String] { [month.description, area, step, measure, String(value)] }
}

func zeroPadded(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return replacing(target, with: replacement)
    }
}
