import CSPCore

/// Stream labels: each file of each quarter draws from its own stream (see `SplitMix64.stream`).
private enum Stream: UInt64 {
    case backlog = 1, cases, blockers, successes, activity, projects, referrals, youSaid, narrative, files
    // Streams of `asKept` and `forgetCarriedOver` only: the tidy data's streams draw exactly what
    // they drew before, so the default output keeps its bytes and the log keeps the tidy figures.
    case activityLog, spelling, outliving, followUps, forgetting
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
    /// Records as partnerships keep them (`SampleOptions.asKept`).
    let asKept: Bool
    /// The quarter (0 = the first generated) whose files leave out carried-over rows.
    let forgetInQuarter: Int?
    /// Cases closed in the quarter just played: a blocker or success may still name them.
    private var closedLastQuarter: [CaseRecord] = []
    /// What `forgetInQuarter` left out, once that quarter is played.
    private(set) var forgotten: SampleForgotten?

    init(seed: UInt64, scale: Int, firstQuarter: Quarter, asKept: Bool = false, forgetInQuarter: Int? = nil) {
        self.scale = scale
        self.asKept = asKept
        self.forgetInQuarter = forgetInQuarter
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
        let index = Int(quarterIndex)
        // The quarter before the forgetful one must end with something to forget.
        let beforeForgetting = forgetInQuarter == index + 1
        let carriedCases = openCases.map(\.id)
        let carriedEscalated = openBlockers.filter(\.escalate).map(\.id)
        var cases = playCases(quarter, keepOneOpen: beforeForgetting)
        var blockers = playBlockers(quarter, cases: cases, keepOneEscalated: beforeForgetting)
        var successes = makeSuccesses(quarter, cases: cases)
        if asKept { successes = Simulation.inDateOrder(successes + followUpSuccesses(quarter)) }
        closedLastQuarter = cases.filter { $0.status == .closed }
        if forgetInQuarter == index {
            forgotten = forget(in: quarter, cases: &cases, blockers: &blockers, successes: &successes,
                               carriedCases: carriedCases, carriedEscalated: carriedEscalated)
        }
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
        var tables: [(String, [String], [[String]], Bool)] = [
            ("psg-cases.csv", CaseRecord.header, cases.map(\.row), true),
            ("successes.csv", Headers.successes, successes.map(\.row), false),
            ("blockers.csv", BlockerRecord.header, blockers.map(\.row), false),
            ("carmel-activity.csv", Headers.activity, asKept ? activityLog(activity) : activity.map(\.row), false),
            ("think-communities.csv", ProjectRecord.header, projectRows.map(\.row), false),
            ("ocg-referrals.csv", Headers.referrals, referrals, false),
            ("you-said-we-did.csv", Headers.youSaidWeDid, youSaid, false),
        ]
        if asKept {
            // The log spells its areas team by team (see activityLog); every other file row by row.
            var spelling = rng(.spelling)
            for t in tables.indices where tables[t].0 != "carmel-activity.csv" {
                guard let column = tables[t].1.firstIndex(of: "area") else { continue }
                for r in tables[t].2.indices {
                    tables[t].2[r][column] = Simulation.keptSpelling(tables[t].2[r][column], &spelling)
                }
            }
        }
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
    private mutating func playCases(_ q: Quarter, keepOneOpen: Bool = false) -> [CaseRecord] {
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
        if keepOneOpen, !cases.contains(where: { $0.status != .closed }), let last = cases.indices.last {
            // Nothing left open to forget next quarter: the newest case stays open after all.
            cases[last].status = .open
            cases[last].closed = nil
            cases[last].outcome = nil
        }
        openCases = cases.filter { $0.status != .closed }
        return cases
    }

    /// Open blockers carry over; a blocker on a case that closes is resolved with it, so a
    /// blocker never points at a case missing from its quarter's psg-cases.csv. Except with
    /// `asKept`: there, as in real records, some problems outlive their case, and the blocker
    /// stays open into quarters whose psg-cases.csv no longer lists the case.
    private mutating func playBlockers(_ q: Quarter, cases: [CaseRecord], keepOneEscalated: Bool = false)
        -> [BlockerRecord] {
        var rng = rng(.blockers)
        var blockers = openBlockers
        for i in blockers.indices where !blockers[i].escalate && q.start.days(since: blockers[i].raised) > 90 {
            // Stuck for a quarter: the PSG asks the board to act.
            if rng.chance(0.3) { blockers[i].escalate = true }
        }
        var raised: [(CalendarDate, CaseRecord?)] = []
        for _ in 0..<rng.around(Double(10 * scale), spread: 0.25) {
            let linked = rng.chance(0.5) ? rng.pick(cases) : nil
            raised.append((rng.date(from: max(q.start, linked?.opened ?? q.start), to: min(q.end, linked?.closed ?? q.end)), linked))
        }
        var problems = OpenProblems(blockers)
        for (date, linked) in raised.sorted(by: { $0.0 < $1.0 }) {
            blockers.append(makeBlocker(raised: date, linked: linked, escalate: rng.chance(0.2), open: &problems, &rng))
        }
        let closedOn = Dictionary(cases.compactMap { c in c.closed.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var outliving = self.rng(.outliving)
        for i in blockers.indices {
            let lo = max(blockers[i].raised, q.start)
            if let id = blockers[i].caseID, let closed = closedOn[id] {
                // The CCTV is still not fixed though the case is closed: the blocker stays open.
                if asKept && outliving.chance(0.4) { continue }
                blockers[i].resolved = rng.date(from: max(lo, closed), to: q.end)
                blockers[i].resolution = rng.chance(0.6) ? Catalogue.closedWithCase : blockers[i].plannedResolution
            } else if rng.chance(0.3) {
                blockers[i].resolved = rng.date(from: lo, to: q.end)
                blockers[i].resolution = blockers[i].plannedResolution
            }
        }
        if keepOneEscalated, !blockers.contains(where: { $0.resolved == nil && $0.escalate }) {
            // Nothing escalated to forget next quarter: the oldest open blocker goes to the board,
            // or, with none open, a new one is raised on the quarter's last day.
            if let i = blockers.firstIndex(where: { $0.resolved == nil }) {
                blockers[i].escalate = true
            } else {
                blockers.append(makeBlocker(raised: q.end, linked: nil, escalate: true, open: &problems, &rng))
            }
        }
        openBlockers = blockers.filter { $0.resolved == nil }
        return blockers
    }

    /// With `forgetCarriedOver`, the chair's file for the last quarter lacks one case that was
    /// open at the end of the quarter before and one blocker that was open and escalated then.
    /// The case is one nothing else in the quarter names; failing that, the rows that name it
    /// lose the reference, so the only thing missing is the forgotten rows themselves.
    private func forget(in q: Quarter, cases: inout [CaseRecord], blockers: inout [BlockerRecord],
                        successes: inout [SuccessRow], carriedCases: [String],
                        carriedEscalated: [String]) -> SampleForgotten {
        var rng = rng(.forgetting)
        let carried = Set(carriedCases)
        let named = Set(blockers.compactMap(\.caseID) + successes.map(\.caseID))
        let candidates = cases.filter { carried.contains($0.id) }.map(\.id)
        let caseID = rng.pick(candidates.filter { !named.contains($0) }) ?? rng.pick(candidates)
        let escalated = Set(carriedEscalated)
        let blockerID = rng.pick(blockers.filter { escalated.contains($0.id) }.map(\.id))
        if let id = caseID {
            cases.removeAll { $0.id == id }
            for i in blockers.indices where blockers[i].caseID == id { blockers[i].caseID = nil }
            successes = successes.map { $0.caseID == id ? $0.withoutCase : $0 }
        }
        if let id = blockerID { blockers.removeAll { $0.id == id } }
        return SampleForgotten(quarter: q, caseIDs: caseID.map { [$0] } ?? [], blockerIDs: blockerID.map { [$0] } ?? [])
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
        return Simulation.inDateOrder(rows)
    }

    /// The chair logs successes as they are reported, so the sheet is in date order (ties in the
    /// order they were logged).
    private static func inDateOrder(_ rows: [SuccessRow]) -> [SuccessRow] {
        rows.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// With `asKept`: a few successes on cases the PSG closed last quarter (a follow-up visit
    /// found the problem still gone), which the contract allows: such a case is in an earlier
    /// quarter folder and not in this quarter's psg-cases.csv.
    private func followUpSuccesses(_ q: Quarter) -> [SuccessRow] {
        var rng = rng(.followUps)
        guard !closedLastQuarter.isEmpty else { return [] }
        var rows: [SuccessRow] = []
        for _ in 0..<rng.around(Double(3 * scale), spread: 0.5) {
            guard let linked = rng.pick(closedLastQuarter) else { break }
            let step = rng.weighted([("problem-solving", 60), ("engagement", 40)]) ?? "problem-solving"
            let titles = Catalogue.successTitles[step] ?? []
            let chosen = rng.pick(titles.filter { $0.issues.isEmpty || $0.issues.contains(linked.issue) })
                ?? rng.pick(titles)
            let title = Simulation.fill(chosen?.text ?? "Partnership success", place: linked.place, issue: linked.issue)
            let detail = Simulation.fill(rng.pick(chosen?.details ?? []) ?? "", place: linked.place, issue: linked.issue)
            rows.append(SuccessRow(date: rng.date(from: q.start, to: q.end), style: Simulation.dateStyle(&rng),
                                   area: linked.areaSpelling, caseID: linked.id, step: step, title: title,
                                   detail: detail, partners: linked.partners))
        }
        return rows
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
                        let name = Catalogue.zoneName(measure.name, zone)
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

    /// The tidy rows as teams really log them (`asKept`): each month's value for an area and
    /// measure is split over 2–5 of the month's weekly returns (fewer for values under 4), the
    /// parts adding up to the tidy value exactly, and a month with nothing to report has one 0
    /// row. Rows are in the order the returns come in: week by week, each area's team in turn,
    /// its measures in form order, so the same measure repeats down the file. Each team spells
    /// its area its own way that week; some rows use an alias of the measure; and each cash
    /// seizure is a row of "Cash seized (£)" after the count of seizures.
    private func activityLog(_ tidy: [ActivityRow]) -> [[String]] {
        var rng = rng(.activityLog)
        var out: [[String]] = []
        out.reserveCapacity(tidy.count * 3)
        var start = 0
        while start < tidy.count {
            let month = tidy[start].month
            var end = start
            while end < tidy.count && tidy[end].month == month { end += 1 }
            let weeks = Simulation.weeksStarting(in: month)
            // (area, step, measure, value) per week, in the order they are logged.
            var returns = [[(SampleArea, String, String, Int)]](repeating: [], count: weeks)
            func log(_ area: SampleArea, _ step: String, _ measure: String, _ entries: [(week: Int, value: Int)],
                     _ rng: inout SplitMix64) {
                let alias = Catalogue.measureAliases[measure]?.first
                for (week, value) in entries {
                    let name = alias != nil && rng.chance(0.2) ? alias ?? measure : measure
                    returns[week].append((area, step, name, value))
                }
            }
            for row in tidy[start..<end] {
                let area = SampleArea(spelling: row.area) ?? .north
                // Each part in a week of its own.
                let parts = Simulation.parts(of: row.value, weeks: weeks, &rng)
                let partWeeks = rng.subset(Array(0..<weeks), count: parts.count)
                log(area, row.step, row.measure, Array(zip(partWeeks, parts)), &rng)
                if row.measure.hasPrefix(Catalogue.cashSeizures), area != .cityWide {
                    // One row per seizure, in the week it happened (two may share a week), and a
                    // 0 row in a month without one.
                    let seizures = (0..<row.value).map { _ in (week: rng.below(weeks), value: Simulation.cashSeizure(&rng)) }
                    let name = Catalogue.cashSeized.name + row.measure.dropFirst(Catalogue.cashSeizures.count)
                    log(area, Catalogue.cashSeized.step, name,
                        seizures.isEmpty ? [(week: weeks - 1, value: 0)] : seizures, &rng)
                }
            }
            for week in returns {
                var spelled: [SampleArea: String] = [:]
                for (area, step, measure, value) in week {
                    let spelling = spelled[area] ?? Simulation.keptSpelling(area.name, &rng)
                    spelled[area] = spelling
                    out.append([month.description, spelling, step, measure, String(value)])
                }
            }
            start = end
        }
        return out
    }

    /// `total` as 2–5 whole numbers ≥ 0 adding up to it (at most one part per week, and one
    /// part more than the total so that small counts are not mostly zeros); a zero stays one row.
    private static func parts(of total: Int, weeks: Int, _ rng: inout SplitMix64) -> [Int] {
        guard total > 0 else { return [0] }
        let count = rng.int(in: 2...min(5, weeks, total + 1))
        let cuts = (1..<count).map { _ in rng.int(in: 0...total) }.sorted()
        var out: [Int] = []
        var last = 0
        for cut in cuts {
            out.append(cut - last)
            last = cut
        }
        out.append(total - last)
        return out
    }

    /// One cash seizure in pounds: mostly street-level sums, now and then a dealer's stash.
    private static func cashSeizure(_ rng: inout SplitMix64) -> Int {
        rng.chance(0.85) ? rng.int(in: 2...90) * 10 : rng.int(in: 20...150) * 50
    }

    /// The weekly returns of a month: one per Monday in it, 4 or 5.
    static func weeksStarting(in month: YearMonth) -> Int {
        let first = month.firstDay.dayNumber
        let days = month.lastDay.dayNumber - first + 1
        // Day 0 (1970-01-01) was a Thursday, so a Monday has dayNumber mod 7 = 4.
        return (0..<days).filter { (((first + $0) % 7) + 7) % 7 == 4 }.count
    }

    /// An area as people really type it (`asKept`): mostly as it was, otherwise in lower or
    /// upper case, with stray spaces, or (West) by an old committee's name. City-wide and
    /// anything that is not an area are left alone.
    static func keptSpelling(_ spelling: String, _ rng: inout SplitMix64) -> String {
        guard let area = SampleArea(spelling: spelling), area != .cityWide, rng.chance(0.35) else { return spelling }
        var variants = [area.name.lowercased(), area.name.uppercased(), " \(area.name) "]
        if area == .west { variants += ["West/Central", "Central", "west/central", " Central"] }
        return rng.pick(variants) ?? spelling
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

    /// The same success with no case named.
    var withoutCase: SuccessRow {
        SuccessRow(date: date, style: style, area: area, caseID: "", step: step, title: title, detail: detail,
                   partners: partners)
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
