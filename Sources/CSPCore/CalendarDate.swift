/// A day in the proleptic Gregorian calendar, with no time and no time zone: the inputs record
/// days, and arithmetic on days must not depend on the machine's clock or zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for impossible dates (31 February, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// For days known to exist (the first or last of a valid month).
    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init?(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CalendarDate? { CalendarDate(dayNumber: dayNumber + days) }

    public func days(since other: CalendarDate) -> Int { dayNumber - other.dayNumber }

    public var yearMonth: YearMonth { YearMonth(uncheckedYear: year, month: month) }

    /// ISO 8601: 2021-10-04.
    public var description: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// "4 October 2021", as a UK reader writes it.
    public var longDescription: String { "\(day) \(YearMonth.monthNames[month - 1]) \(year)" }

    /// "04/10/2021", the form Excel writes in a UK locale.
    public var ukDescription: String { "\(pad(day, 2))/\(pad(month, 2))/\(pad(year, 4))" }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public enum ParseError: Error, Equatable {
        /// Not in a form we accept.
        case unrecognised
        /// In an accepted form, but no such day (31/02/2021, 0000-00-00).
        case impossible
    }

    /// Accepts ISO `2021-10-04` and UK `04/10/2021` (also `4/10/2021`, as Excel writes
    /// without leading zeros). Everything else is rejected; callers name the accepted forms.
    public static func parse(_ text: String) -> Result<CalendarDate, ParseError> {
        var t = text
        return t.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` on the text's UTF-8 bytes, for cells read without making a String.
    public static func parse(utf8 s: UnsafeBufferPointer<UInt8>) -> Result<CalendarDate, ParseError> {
        func number(_ a: Int, _ b: Int) -> Int? {
            guard b > a, b - a <= 4 else { return nil }
            var n = 0
            for k in a..<b {
                let c = s[k]
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        /// The three parts between `separator`s, as offsets; nil unless there are exactly three.
        func parts(_ separator: UInt8) -> [(Int, Int)]? {
            var out: [(Int, Int)] = []
            var start = 0
            for k in 0..<s.count where s[k] == separator {
                out.append((start, k))
                start = k + 1
                if out.count > 2 { return nil }
            }
            out.append((start, s.count))
            return out.count == 3 ? out : nil
        }
        let y: Int, m: Int, d: Int
        if s.contains(UInt8(ascii: "-")) {
            guard let p = parts(UInt8(ascii: "-")), p[0].1 - p[0].0 == 4, p[1].1 - p[1].0 == 2, p[2].1 - p[2].0 == 2,
                  let yy = number(p[0].0, p[0].1), let mm = number(p[1].0, p[1].1), let dd = number(p[2].0, p[2].1)
            else { return .failure(.unrecognised) }
            (y, m, d) = (yy, mm, dd)
        } else if s.contains(UInt8(ascii: "/")) {
            guard let p = parts(UInt8(ascii: "/")), (1...2).contains(p[0].1 - p[0].0), (1...2).contains(p[1].1 - p[1].0),
                  p[2].1 - p[2].0 == 4,
                  let dd = number(p[0].0, p[0].1), let mm = number(p[1].0, p[1].1), let yy = number(p[2].0, p[2].1)
            else { return .failure(.unrecognised) }
            (y, m, d) = (yy, mm, dd)
        } else {
            return .failure(.unrecognised)
        }
        guard let date = CalendarDate(year: y, month: m, day: d) else { return .failure(.impossible) }
        return .success(date)
    }
}

/// A calendar month, as the `month` columns hold it: `2021-10`.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]

    public var description: String { "\(pad(year, 4))-\(pad(month, 2))" }
    /// "Oct 2021"
    public var shortName: String { "\(YearMonth.monthNames[month - 1].prefix(3)) \(year)" }
    public var name: String { "\(YearMonth.monthNames[month - 1]) \(year)" }

    public var firstDay: CalendarDate { CalendarDate(uncheckedYear: year, month: month, day: 1) }
    public var lastDay: CalendarDate {
        CalendarDate(uncheckedYear: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
    }

    public func adding(months n: Int) -> YearMonth? {
        let index = year * 12 + (month - 1) + n
        return YearMonth(year: index / 12, month: index % 12 + 1)
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    /// Accepts `2021-10`; Excel sometimes turns a month into a date, so a full date in either
    /// accepted form is accepted too when it is the first of the month.
    public static func parse(_ text: String) -> YearMonth? {
        var t = text
        return t.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` on the text's UTF-8 bytes.
    public static func parse(utf8 s: UnsafeBufferPointer<UInt8>) -> YearMonth? {
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { s[$0] >= 48 && s[$0] <= 57 } }
        if s.count == 7, s[4] == UInt8(ascii: "-"), digits(0..<4), digits(5..<7) {
            let y = (0..<4).reduce(0) { $0 * 10 + Int(s[$1] - 48) }
            let m = (5..<7).reduce(0) { $0 * 10 + Int(s[$1] - 48) }
            return YearMonth(year: y, month: m)
        }
        if case .success(let d) = CalendarDate.parse(utf8: s), d.day == 1 { return d.yearMonth }
        return nil
    }
}

@inline(__always)
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
