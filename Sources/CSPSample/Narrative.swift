import CSPCore

/// The quarter's figures, computed from the very rows written to the CSV files, so that the
/// chair's summary in quarter.yaml quotes numbers the report will agree with.
struct QuarterFacts {
    let quarter: Quarter
    let cases: [CaseRecord]
    let blockers: [BlockerRecord]
    let successes: [SuccessRow]
    let activity: [ActivityRow]
    let projects: [ProjectRecord]
    let referrals: Int

    var openAtStart: Int { cases.filter { $0.opened < quarter.start }.count }
    var opened: Int { cases.filter { $0.opened >= quarter.start }.count }
    var closed: [CaseRecord] { cases.filter { $0.status == .closed } }
    var openAtEnd: Int { cases.count - closed.count }
    var monitoring: Int { cases.filter { $0.status == .monitoring }.count }

    func total(_ measure: String) -> Int {
        activity.reduce(0) { $0 + ($1.measure == measure ? $1.value : 0) }
    }

    /// The committee area with the most new cases (ties go to the first in committee order).
    var busiestArea: String {
        var counts: [SampleArea: Int] = [:]
        for c in cases where c.opened >= quarter.start { counts[c.area, default: 0] += 1 }
        let best = SampleArea.committees.max { (counts[$0] ?? 0, -$0.rawValue) < (counts[$1] ?? 0, -$1.rawValue) }
        return (best ?? .north).name
    }

    func yaml(_ rng: inout SplitMix64) -> String {
        let resolved = closed.filter { $0.outcome == "resolved" }.count
        let improved = closed.filter { $0.outcome == "improved" }.count
        let raised = blockers.filter { $0.raised >= quarter.start }.count
        let resolvedBlockers = blockers.filter { $0.resolved != nil }.count
        let escalatedOpen = blockers.filter { $0.resolved == nil && $0.escalate }
        let active = projects.filter { $0.stage == .active }.count
        let completed = projects.filter { $0.stage == .completed }.count

        let p1 = "During \(quarter.monthRange) the Problem-Solving Group worked on \(cases.count) cases: "
            + "\(openAtStart) carried over from last quarter and \(opened) new referrals, most of them in the "
            + "\(busiestArea) area. \(closed.count) cases were closed (\(resolved) resolved, \(improved) improved), "
            + "leaving \(openAtEnd) open at the end of the quarter, \(monitoring) of them under monitoring."
        let p2 = "Partners recorded \(successes.count) successes. Operation Carmel teams made \(total("Arrests")) "
            + "arrests and \(total("Stop and search")) stop and searches and held \(total("Engagement events")) "
            + "engagement events; Think Communities workers had \(total("ABCD conversations")) ABCD conversations, "
            + "with \(active) projects active and \(completed) completed. \(referrals) referrals of young people at "
            + "risk from organised crime groups went to multi-agency partners."
        var p3 = "\(raised) new blockers were raised and \(resolvedBlockers) resolved. "
        if let example = escalatedOpen.first {
            p3 += "\(escalatedOpen.count) open blockers are escalated to the board for a decision, including: "
                + "\u{201C}\(example.description)\u{201D} (\(example.id))."
        } else {
            p3 += "No blocker needs the board's decision this quarter."
        }

        let meeting = QuarterFacts.meetingDate(after: quarter.end, &rng)
        let highlightSuccess = successes.first { $0.step == "problem-solving" } ?? successes.first
        var highlights = ["\(successes.count) successes across the four areas",
                          "\(closed.count) cases closed, \(resolved) of them resolved"]
        if let s = highlightSuccess { highlights.append(s.title) }
        highlights.append("\(referrals) OCG referrals of young people to multi-agency partners")

        var out = "quarter: \(quarter)\n"
        out += "prepared_by: \(yamlQuoted(rng.pick(Catalogue.prepared) ?? "PSG chair"))\n"
        out += "meeting_date: \(meeting)\n"
        out += "summary: |\n"
        out += [p1, p2, p3].map { "  \($0)\n" }.joined(separator: "\n")
        out += "highlights:\n"
        for h in highlights { out += "  - \(yamlQuoted(h))\n" }
        return out
    }

    /// Three to six weeks after the quarter ends, on a Tuesday, Wednesday or Thursday.
    static func meetingDate(after end: CalendarDate, _ rng: inout SplitMix64) -> CalendarDate {
        var date = end.adding(days: rng.int(in: 21...42)) ?? end
        // Day 0 (1970-01-01) was a Thursday, so dayNumber mod 7: 5 Tue, 6 Wed, 0 Thu.
        while ![5, 6, 0].contains(((date.dayNumber % 7) + 7) % 7) {
            date = date.adding(days: 1) ?? date
        }
        return date
    }
}

/// A YAML double-quoted scalar: safe for any text (colons, '#', quotes, leading dashes).
func yamlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// A YAML flow scalar as a person types it: plain when that is safe (letters, digits, spaces,
/// hyphens, apostrophes and slashes, starting with a letter), double-quoted otherwise.
func yamlPlainOrQuoted(_ text: String) -> String {
    let safe = text.unicodeScalars.allSatisfy { s in
        (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || " -'/".unicodeScalars.contains(s)
    }
    let startsWithLetter = text.unicodeScalars.first.map { $0.isASCII && $0.properties.isAlphabetic } ?? false
    return safe && startsWithLetter && text.last != " " ? text : yamlQuoted(text)
}
