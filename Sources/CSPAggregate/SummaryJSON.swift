import CSPCore
import CSPModel

/// `summary --json`: the shape PRODUCT.md gives, keys in a fixed order so the output is stable
/// and diffable. Every step and stage key is present (zero when none), so consumers need not
/// guess whether a missing key means zero.
public enum SummaryJSON {
    public static func render(_ summary: QuarterSummary) -> String {
        var w = JSONWriter()
        w.beginObject()
            w.key("quarter"); w.string(summary.quarter.description)
            w.key("start"); w.string(summary.quarter.start.description)
            w.key("end"); w.string(summary.quarter.end.description)
            w.key("areas")
            w.beginObject()
                for name in summary.areaOrder {
                    w.key(name)
                    area(&w, summary.area(name), crime: summary.crime, crimeArea: name)
                }
            w.endObject()
            w.key("totals")
            area(&w, summary.totals, crime: summary.crime, crimeArea: nil)
        w.endObject()
        return w.output + "\n"
    }

    static func area(_ w: inout JSONWriter, _ s: AreaSummary, crime: QuarterCrime? = nil, crimeArea: String? = nil) {
        w.beginObject()
            w.key("cases")
            w.beginObject()
                w.key("open_at_start"); w.number(s.cases.openAtStart)
                w.key("opened"); w.number(s.cases.opened)
                w.key("closed"); w.number(s.cases.closed)
                w.key("open_at_end"); w.number(s.cases.openAtEnd)
            w.endObject()
            w.key("successes"); w.number(s.successes)
            w.key("blockers")
            w.beginObject()
                w.key("raised"); w.number(s.blockers.raised)
                w.key("resolved"); w.number(s.blockers.resolved)
                w.key("open"); w.number(s.blockers.open)
                w.key("escalated_open"); w.number(s.blockers.escalatedOpen)
            w.endObject()
            w.key("activity")
            w.beginObject()
                for step in CarmelStep.allCases {
                    w.key(step.rawValue)
                    w.beginObject()
                        for (measure, value) in (s.activity[step] ?? [:]).sorted(by: { $0.key < $1.key }) {
                            w.key(measure); w.number(value)
                        }
                    w.endObject()
                }
            w.endObject()
            w.key("think_communities")
            w.beginObject()
                for stage in ProjectStage.allCases {
                    w.key(stage.rawValue); w.number(s.projectsByStage[stage] ?? 0)
                }
            w.endObject()
            w.key("ocg_referrals"); w.number(s.ocgReferrals)
            if let crime { crimeObject(&w, crime, area: crimeArea) }
        w.endObject()
    }
}

/// A small pretty-printing JSON writer with keys in the order written.
public struct JSONWriter {
    public private(set) var output = ""
    private var depth = 0
    private var needsComma: [Bool] = []
    private var afterKey = false

    public init() {}

    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        if let last = needsComma.last {
            if last { output += "," }
            needsComma[needsComma.count - 1] = true
            output += "\n" + String(repeating: "  ", count: depth)
        }
    }

    public mutating func beginObject() {
        beforeValue()
        output += "{"
        depth += 1
        needsComma.append(false)
    }

    public mutating func endObject() {
        let hadMembers = needsComma.popLast() ?? false
        depth -= 1
        if hadMembers { output += "\n" + String(repeating: "  ", count: depth) }
        output += "}"
    }

    public mutating func key(_ k: String) {
        beforeValue()
        output += JSONWriter.escape(k) + ": "
        afterKey = true
    }

    public mutating func string(_ s: String) {
        beforeValue()
        output += JSONWriter.escape(s)
    }

    public mutating func number(_ n: Int) {
        beforeValue()
        output += String(n)
    }

    public mutating func null() {
        beforeValue()
        output += "null"
    }

    public static func escape(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
