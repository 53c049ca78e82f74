import CSPCore
import CSPIngest
import CSPModel

/// The rules of PRODUCT.md for each file's rows, applied against one quarter's dates.
struct RowContext {
    let quarter: Quarter
    let partnership: Partnership

    var span: String { "\(quarter.start.longDescription) – \(quarter.end.longDescription)" }

    /// The quarter's cases; those closed before it (left out, kept for continuity); every
    /// row's case as far as it could be read, to resolve references to it.
    func cases(_ table: CSVTable) -> (cases: [PSGCase], closedEarlier: [PSGCase], register: CaseRegister, diagnostics: [Diagnostic]) {
        var r = FieldReader(table: table, partnership: partnership)
        var cases: [PSGCase] = []
        var closedEarlier: [PSGCase] = []
        var register = CaseRegister(quarter: quarter)
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(table.rows.count)
        cases.reserveCapacity(table.rows.count)
        for row in table.rows {
            let idField = r.field(row, "case_id")
            let id = r.required(row, "case_id", what: "case")
            let idKey = id?.lowercased()
            if let id, let idKey {
                if let first = firstLine[idKey] {
                    r.error(idField, "case_id \(TextMatch.quoted(id)) is used twice (first on row \(first)); each case needs its own id")
                } else {
                    firstLine[idKey] = row.row
                }
            }
            let title = r.required(row, "title", what: "case")
            let area = r.area(row)
            let opened = r.date(row, "opened", required: true, what: "case")
            let closed = r.date(row, "closed", required: false, what: "case")
            let status = r.vocabulary(row, "status", CaseStatus.self)
            let outcomeText = r.text(row, "outcome")
            var outcome: CaseOutcome?
            if !outcomeText.isEmpty { outcome = r.vocabulary(row, "outcome", CaseOutcome.self) }

            let openedField = r.field(row, "opened"), closedField = r.field(row, "closed")
            let statusField = r.field(row, "status"), outcomeField = r.field(row, "outcome")
            var leftOut = false
            if let o = opened ?? nil, o > quarter.end {
                r.error(openedField, "opened \(o) is after the quarter ends (\(quarter.end.longDescription)); a case opened later belongs to a later quarter's folder")
            }
            if let status {
                let closedDate = closed ?? nil
                if status == .closed && closed != nil && closedDate == nil {
                    r.error(closedField, "closed is empty, but status is \"closed\"; give the date the case closed")
                } else if status != .closed, let c = closedDate {
                    r.error(statusField, "status \"\(status.rawValue)\" but closed has a date (\(c)); set status to closed, or clear the closed date")
                }
                if status == .closed && outcomeText.isEmpty {
                    r.error(outcomeField, "outcome is empty; a closed case needs one of \(CaseOutcome.spellings.joined(separator: ", "))")
                } else if status != .closed && outcome != nil {
                    r.warning(outcomeField, kind: "outcome-not-closed", "outcome \(TextMatch.quoted(outcomeText)) is ignored because the case is not closed")
                    outcome = nil
                }
            }
            if let c = closed ?? nil {
                if let o = opened ?? nil, c < o {
                    r.error(closedField, "closed \(c) is before opened \(o)")
                } else if c > quarter.end {
                    r.error(closedField, "closed \(c) is after the quarter ends (\(quarter.end.longDescription)); record the closure in the quarter it happens")
                } else if c < quarter.start {
                    r.warning(closedField, kind: "case-closed-before", "case \(id.map { TextMatch.quoted($0) } ?? "") was closed on \(c), before the quarter starts (\(quarter.start.longDescription)); it is left out of this quarter")
                    leftOut = true
                }
            }
            if let id, let idKey, firstLine[idKey] == row.row {
                // Dates reported as errors above (closed before opened, opened after the
                // quarter) are not used to check references as well.
                var life = closed ?? nil
                if let o = opened ?? nil, let c = life, c < o { life = nil }
                let start = (opened ?? nil).flatMap { $0 > quarter.end ? nil : $0 }
                register.add(CaseRegister.Entry(id: id, area: area, opened: start, closed: life,
                                                source: r.source(row)))
            }
            if let id, let idKey, let title, let area, let o = opened ?? nil, let status,
               firstLine[idKey] == row.row {
                let c = PSGCase(id: id, title: title, area: area, location: r.text(row, "location"),
                                issue: r.text(row, "issue"), leadAgency: r.text(row, "lead_agency"),
                                partners: r.partners(row), opened: o, closed: closed ?? nil, status: status,
                                outcome: status == .closed ? outcome : nil, source: r.source(row))
                if leftOut { closedEarlier.append(c) } else { cases.append(c) }
            }
        }
        return (cases, closedEarlier, register, r.diagnostics)
    }

    /// A success's or blocker's case_id, kept to be resolved once every quarter is read: the
    /// case may be in an earlier quarter's file (a blocker can outlive its case).
    func caseReference(_ r: inout FieldReader, _ row: CSVRow, from what: CaseReference.Referrer,
                       area: String?, date: CalendarDate?) -> (String?, CaseReference?) {
        guard let id = r.optionalText(row, "case_id") else { return (nil, nil) }
        return (id, CaseReference(id: id, location: r.location(r.field(row, "case_id")), row: row.row,
                                  referrer: what, area: area, date: date))
    }

    func withinQuarter(_ r: inout FieldReader, _ row: CSVRow, _ column: String, _ date: CalendarDate) -> Bool {
        if quarter.contains(date) { return true }
        r.error(r.field(row, column), "\(column) \(date) is outside the quarter (\(span)); record it in the folder of the quarter it belongs to")
        return false
    }

    func withinQuarter(_ r: inout FieldReader, _ row: CSVRow, _ column: String, _ month: YearMonth) -> Bool {
        if quarter.contains(month) { return true }
        r.error(r.field(row, column), "\(column) \(month) is outside the quarter (\(quarter.monthRange)); record it in the folder of the quarter it belongs to")
        return false
    }

    func successes(_ table: CSVTable) -> ([Success], [CaseReference], [Diagnostic]) {
        var r = FieldReader(table: table, partnership: partnership)
        var out: [Success] = []
        var references: [CaseReference] = []
        for row in table.rows {
            let date = r.date(row, "date", required: true, what: "success")
            let area = r.area(row)
            let (caseID, reference) = caseReference(&r, row, from: .success, area: area, date: date ?? nil)
            if let reference { references.append(reference) }
            let step = r.vocabulary(row, "step", CarmelStep.self)
            let title = r.required(row, "title", what: "success")
            var inside = false
            if let d = date ?? nil { inside = withinQuarter(&r, row, "date", d) }
            if let d = date ?? nil, let area, let step, let title, inside {
                out.append(Success(date: d, area: area, caseID: caseID, step: step, title: title,
                                   detail: r.text(row, "detail"), partners: r.partners(row), source: r.source(row)))
            }
        }
        return (out, references, r.diagnostics)
    }

    func blockers(_ table: CSVTable) -> (blockers: [Blocker], resolvedEarlier: [Blocker], references: [CaseReference], diagnostics: [Diagnostic]) {
        var r = FieldReader(table: table, partnership: partnership)
        var out: [Blocker] = []
        var resolvedEarlier: [Blocker] = []
        var references: [CaseReference] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let idField = r.field(row, "blocker_id")
            let id = r.required(row, "blocker_id", what: "blocker")
            if let id {
                if let first = firstLine[id.lowercased()] {
                    r.error(idField, "blocker_id \(TextMatch.quoted(id)) is used twice (first on row \(first)); each blocker needs its own id")
                } else {
                    firstLine[id.lowercased()] = row.row
                }
            }
            let raised = r.date(row, "raised", required: true, what: "blocker")
            let area = r.area(row)
            let (caseID, reference) = caseReference(&r, row, from: .blocker, area: area, date: raised ?? nil)
            if let reference { references.append(reference) }
            let owner = r.required(row, "owner", what: "blocker")
            let description = r.required(row, "description", what: "blocker")
            let escalate = r.yesNo(row, "escalate")
            let status = r.vocabulary(row, "status", BlockerStatus.self)
            let resolved = r.date(row, "resolved", required: false, what: "blocker")
            let raisedField = r.field(row, "raised"), resolvedField = r.field(row, "resolved")
            var leftOut = false
            if let d = raised ?? nil, d > quarter.end {
                r.error(raisedField, "raised \(d) is after the quarter ends (\(quarter.end.longDescription)); a blocker raised later belongs to a later quarter's folder")
            }
            if let status {
                if status == .resolved && resolved != nil && (resolved ?? nil) == nil {
                    r.error(resolvedField, "resolved is empty, but status is \"resolved\"; give the date the blocker was resolved")
                } else if status == .open, let d = resolved ?? nil {
                    r.error(r.field(row, "status"), "status \"open\" but resolved has a date (\(d)); set status to resolved, or clear the resolved date")
                }
            }
            if let d = resolved ?? nil {
                if let rd = raised ?? nil, d < rd {
                    r.error(resolvedField, "resolved \(d) is before raised \(rd)")
                } else if d > quarter.end {
                    r.error(resolvedField, "resolved \(d) is after the quarter ends (\(quarter.end.longDescription)); record it in the quarter it happens")
                } else if d < quarter.start {
                    r.warning(resolvedField, kind: "blocker-resolved-before", "blocker \(id.map { TextMatch.quoted($0) } ?? "") was resolved on \(d), before the quarter starts (\(quarter.start.longDescription)); it is left out of this quarter")
                    leftOut = true
                }
            }
            if let id, let rd = raised ?? nil, let area, let owner, let description, let escalate, let status,
               firstLine[id.lowercased()] == row.row {
                let b = Blocker(id: id, raised: rd, area: area, caseID: caseID, owner: owner,
                                description: description, escalate: escalate, status: status,
                                resolved: resolved ?? nil, resolution: r.text(row, "resolution"), source: r.source(row))
                if leftOut { resolvedEarlier.append(b) } else { out.append(b) }
            }
        }
        return (out, resolvedEarlier, references, r.diagnostics)
    }

    /// Activity is a log: several rows for one month, area, step and measure (one per team,
    /// shift or week) are added up without a word (PRODUCT.md). With a measures list in
    /// csp.yaml, each spelling is resolved to its listed name and step.
    func activity(_ table: CSVTable) -> ([CarmelActivity], [Diagnostic]) {
        var r = FieldReader(table: table, partnership: partnership)
        var out: [CarmelActivity] = []
        // A spelling seen before is found from the cell's bytes, with no String for it: its
        // measure as reported and, with a list, the step the list gives it.
        let measureOfSpelling = SpellingMap<(name: String, listedStep: CarmelStep?)>()
        let listed = partnership.measures?.map(\.name) ?? []
        out.reserveCapacity(table.rows.count)
        for row in table.rows {
            let month = r.month(row, "month")
            let areaNumber = r.areaNumber(row)
            var step = r.vocabulary(row, "step", CarmelStep.self)
            let measureCell = r.field(row, "measure")
            let known = r.withTrimmed(measureCell) { $0.isEmpty ? nil : measureOfSpelling.value(for: $0) }
            var measure: (name: String, listedStep: CarmelStep?)?
            if let known { measure = known } else if let written = r.required(row, "measure", what: "activity row") {
                if partnership.measures == nil {
                    measure = (written, nil)
                } else if let m = partnership.resolveMeasure(written) {
                    measure = (m.name, m.step)
                } else {
                    measure = (written, nil)
                }
                if let measure { measureOfSpelling.set(measure, for: written) }
            }
            if let measure, partnership.measures != nil {
                if let listedStep = measure.listedStep {
                    if let s = step, s != listedStep {
                        r.warning(r.field(row, "step"), kind: "measure-step \(measure.name) \(s.rawValue)",
                                  "\(TextMatch.quoted(measure.name)) is listed under \(listedStep.rawValue) in csp.yaml, not \(s.rawValue); it is counted under \(listedStep.rawValue)")
                    }
                    step = listedStep
                } else {
                    let written = r.string(measureCell)
                    r.warning(measureCell, kind: "unlisted-measure \(written.folded)", {
                        var message = "measure \(TextMatch.quoted(written)) is not in the measures list of csp.yaml"
                        if let s = TextMatch.suggestion(for: written, among: listed) {
                            message += "; did you mean \"\(s)\"? (a misspelt measure makes a series of its own)"
                        } else {
                            message += "; add it to the list with its step and unit, or correct the name"
                        }
                        return message + ". It is reported on its own"
                    }())
                }
            }
            let value = r.count(row, "value")
            var inside = false
            if let m = month { inside = withinQuarter(&r, row, "month", m) }
            if let m = month, let areaNumber, let step, let measure, let value, inside {
                out.append(CarmelActivity(month: m, area: r.areaNames[areaNumber], step: step, measure: measure.name,
                                          value: value, source: r.source(row)))
            }
        }
        return (out, r.diagnostics)
    }

    func projects(_ table: CSVTable) -> ([CommunityProject], [Diagnostic]) {
        var r = FieldReader(table: table, partnership: partnership)
        var out: [CommunityProject] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let area = r.area(row)
            let name = r.required(row, "project", what: "project")
            let stage = r.vocabulary(row, "stage", ProjectStage.self)
            let started = r.date(row, "started", required: false, what: "project")
            if let s = started ?? nil, s > quarter.end {
                r.error(r.field(row, "started"), "started \(s) is after the quarter ends (\(quarter.end.longDescription))")
            }
            var unique = true
            if let area, let name {
                let key = area + "\u{1F}" + name.lowercased()
                if let first = firstLine[key] {
                    r.error(r.field(row, "project"), "project \(TextMatch.quoted(name)) in \(area) appears twice (first on row \(first)); give each project one row")
                    unique = false
                } else {
                    firstLine[key] = row.row
                }
            }
            if let area, let name, let stage, let s = started, unique {
                out.append(CommunityProject(area: area, name: name, stage: stage, lead: r.text(row, "lead"),
                                            partners: r.partners(row), started: s, update: r.text(row, "update"),
                                            source: r.source(row)))
            }
        }
        return (out, r.diagnostics)
    }

    func referrals(_ table: CSVTable) -> ([OCGReferral], [Diagnostic]) {
        var r = FieldReader(table: table, partnership: partnership)
        var out: [OCGReferral] = []
        for row in table.rows {
            let month = r.month(row, "month")
            let area = r.area(row)
            let route = r.vocabulary(row, "route", ReferralRoute.self)
            let count = r.count(row, "count")
            var inside = false
            if let m = month { inside = withinQuarter(&r, row, "month", m) }
            if let m = month, let area, let route, let count, inside {
                out.append(OCGReferral(month: m, area: area, route: route, count: count, source: r.source(row)))
            }
        }
        return (out, r.diagnostics)
    }

    func youSaidWeDid(_ table: CSVTable) -> ([YouSaidWeDid], [Diagnostic]) {
        var r = FieldReader(table: table, partnership: partnership)
        var out: [YouSaidWeDid] = []
        for row in table.rows {
            let date = r.date(row, "date", required: true, what: "you said, we did row")
            let area = r.area(row)
            let said = r.required(row, "you_said", what: "you said, we did row")
            let did = r.required(row, "we_did", what: "you said, we did row")
            var inside = false
            if let d = date ?? nil { inside = withinQuarter(&r, row, "date", d) }
            if let d = date ?? nil, let area, let said, let did, inside {
                out.append(YouSaidWeDid(date: d, area: area, source: r.text(row, "source"), youSaid: said,
                                        weDid: did, row: r.source(row)))
            }
        }
        return (out, r.diagnostics)
    }
}
