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

/// A small pretty-printing JSON writer with keys in the order written. It writes UTF-8 bytes
/// (a scale-200 summary has some 100,000 members; appending to a String, piece by piece, was
/// most of the writing).
public struct JSONWriter {
    private var bytes: [UInt8] = []
    private var depth = 0
    private var needsComma: [Bool] = []
    private var afterKey = false

    public init() {}

    /// What has been written.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<(2 * depth) { bytes.append(0x20) }
    }

    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
            newline()
        }
    }

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        needsComma.append(false)
    }

    public mutating func endObject() {
        let hadMembers = needsComma.popLast() ?? false
        depth -= 1
        if hadMembers { newline() }
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        depth += 1
        needsComma.append(false)
    }

    public mutating func endArray() {
        let hadMembers = needsComma.popLast() ?? false
        depth -= 1
        if hadMembers { newline() }
        bytes.append(UInt8(ascii: "]"))
    }

    public mutating func key(_ k: String) {
        beforeValue()
        JSONWriter.appendEscaped(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
        afterKey = true
    }

    public mutating func string(_ s: String) {
        beforeValue()
        JSONWriter.appendEscaped(s, to: &bytes)
    }

    public mutating func number(_ n: Int) {
        beforeValue()
        write(String(n))
    }

    public mutating func null() {
        beforeValue()
        write("null")
    }

    /// `s` as a JSON string literal. Worked on the UTF-8 bytes: runs of bytes that need no
    /// escape are copied whole (a scale-200 summary writes 100,000 names, and appending them
    /// scalar by scalar was a fifth of `summary --json`). `escapeByScalars` is the same rule on
    /// Unicode scalars; `SummaryJSONTests` holds the two equal.
    public static func escape(_ s: String) -> String {
        var out: [UInt8] = []
        appendEscaped(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        var text = s
        text.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var run = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
            out.append(UInt8(ascii: "\""))
        }
    }

    /// The escaping rule on Unicode scalars, as it was written first: for tests.
    public static func escapeByScalars(_ s: String) -> String {
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
