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

    public enum ParseError: Error, Equatable, Sendable {
        /// Not in a form we accept.
        case unrecognised
        /// In an accepted form, but no such day (31/02/2021, 0000-00-00); the reason in words
        /// ("February 2021 has 28 days", "there is no month 13").
        case impossible(String)
        /// Written month first, as US Excel writes it (07/13/2025): the month cannot be 13,
        /// and read day first it is this date. Only when the day first is impossible: 07/10/2025
        /// is 7 October, as the contract says.
        case monthFirst(CalendarDate)
    }

    /// Accepts ISO `2021-10-04` and UK `04/10/2021` (also `4/10/2021`, as Excel writes
    /// without leading zeros), and what Excel makes of those:
    /// - a time after the date (`04/10/2021 00:00`, `2021-10-04 00:00:00`, `2021-10-04T09:30`),
    ///   written when the cell held a date and time: the day is plain, so the time is dropped,
    ///   midnight or not (the records are of days; a valid 24-hour clock time is required);
    /// - a two-digit year (`04/10/21`), written when the column is formatted dd/mm/yy: Excel
    ///   held the full date and shows it short. It is read as 20yy: a partnership's records are
    ///   of this century (Excel's own reading of 00–29 agrees), and a date read into the wrong
    ///   century falls outside the quarter, which the row checks report with the date in full;
    /// - the same day first with "-" or "." and a four-digit year (`04-10-2021`, `04.10.2021`),
    ///   and year first with "/" (`2021/10/04`): unambiguous, so accepted.
    /// Everything else is rejected; callers name the accepted forms (`explanation`).
    public static func parse(_ text: String) -> Result<CalendarDate, ParseError> {
        var t = text
        return t.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` on the text's UTF-8 bytes, for cells read without making a String.
    public static func parse(utf8 whole: UnsafeBufferPointer<UInt8>) -> Result<CalendarDate, ParseError> {
        // A time after a space (or ISO's T) is checked, then dropped.
        var end = whole.count
        for k in 0..<whole.count where whole[k] == 0x20 || whole[k] == UInt8(ascii: "T") {
            guard isClockTime(UnsafeBufferPointer(rebasing: whole[(k + 1)...])) else { return .failure(.unrecognised) }
            end = k
            break
        }
        let s = UnsafeBufferPointer(rebasing: whole[0..<end])
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
        // The separator: ISO's "-", Excel's "/", or "." as some UK systems write dates.
        guard let separator = [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].first(where: { s.contains($0) }),
              let p = parts(separator) else { return .failure(.unrecognised) }
        func width(_ i: Int) -> Int { p[i].1 - p[i].0 }
        if width(0) == 4 {
            // Year first: 2021-10-04 (ISO, exactly two digits each), or 2021/10/4.
            let exact = separator == UInt8(ascii: "-")
            guard separator != UInt8(ascii: "."),
                  exact ? (width(1) == 2 && width(2) == 2) : ((1...2).contains(width(1)) && (1...2).contains(width(2))),
                  let yy = number(p[0].0, p[0].1), let mm = number(p[1].0, p[1].1), let dd = number(p[2].0, p[2].1)
            else { return .failure(.unrecognised) }
            (y, m, d) = (yy, mm, dd)
        } else {
            // Day first, as the UK writes it: 04/10/2021, 4/10/21 (Excel's short form, read as
            // 20yy), and 04-10-2021 or 04.10.2021 with a four-digit year.
            let shortYear = separator == UInt8(ascii: "/") && width(2) == 2
            guard (1...2).contains(width(0)), (1...2).contains(width(1)), width(2) == 4 || shortYear,
                  let dd = number(p[0].0, p[0].1), let mm = number(p[1].0, p[1].1), let yy = number(p[2].0, p[2].1)
            else { return .failure(.unrecognised) }
            (y, m, d) = (shortYear ? 2000 + yy : yy, mm, dd)
            if CalendarDate(year: y, month: m, day: d) == nil, m > 12, let swapped = CalendarDate(year: y, month: d, day: m) {
                return .failure(.monthFirst(swapped))
            }
        }
        guard let date = CalendarDate(year: y, month: m, day: d) else {
            return .failure(.impossible(impossibility(year: y, month: m, day: d)))
        }
        return .success(date)
    }

    /// `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` on a 24-hour clock.
    static func isClockTime(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        func digits(_ min: Int, _ max: Int) -> Int? {
            var n = 0, count = 0
            while k < t.count, count < max, t[k] >= 48, t[k] <= 57 { n = n * 10 + Int(t[k] - 48); k += 1; count += 1 }
            return count >= min ? n : nil
        }
        func colon() -> Bool {
            guard k < t.count, t[k] == UInt8(ascii: ":") else { return false }
            k += 1
            return true
        }
        guard let h = digits(1, 2), h <= 23, colon(), let m = digits(2, 2), m <= 59 else { return false }
        if k == t.count { return true }
        guard colon(), let sec = digits(2, 2), sec <= 59 else { return false }
        if k < t.count, t[k] == UInt8(ascii: ".") {
            k += 1
            guard digits(1, 9) != nil else { return false }
        }
        return k == t.count
    }

    /// Why year-month-day is no day, in words.
    static func impossibility(year: Int, month: Int, day: Int) -> String {
        if !(1...9999).contains(year) { return "there is no year \(year)" }
        if !(1...12).contains(month) { return "there is no month \(month)" }
        if day < 1 { return "there is no day \(day)" }
        let name = YearMonth.monthNames[month - 1]
        let length = daysIn(month: month, year: year)
        return month == 2 ? "\(name) \(year) has \(length) days" : "\(name) has \(length) days"
    }
}

extension CalendarDate.ParseError {
    /// What is wrong and how to write the date, to follow the value in a message:
    /// `opened "07/13/2025" ` + this. `forms` is the advice on the accepted forms, such as
    /// "write it as 2021-10-04 or 04/10/2021".
    public func explanation(forms: String) -> String {
        switch self {
        case .unrecognised:
            return "is not a date; \(forms)"
        case .impossible(let why):
            return "is not a real date (\(why)); \(forms)"
        case .monthFirst(let date):
            return "is not a date: the month cannot be \(date.day); it looks like month/day order (US): for \(date.longDescription) write \(date.ukDescription)"
        }
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

    public enum ParseError: Error, Equatable, Sendable {
        /// Not in a form we accept.
        case unrecognised
        /// `2021-13`: the reason in words.
        case impossible(String)
        /// A date that is not the first of its month: a day, not a month.
        case day(CalendarDate)
        /// A date written month first (07/13/2025), see `CalendarDate.ParseError.monthFirst`.
        case monthFirst(CalendarDate)
        /// A day and month with no year (`25-Jul`): Excel read "Jul 25" typed in a cell as
        /// 25 July of the current year and shows it so.
        case dayWithoutYear(day: Int, month: Int)
        /// A full month name and two digits (`July 25`): 25 July, or July 2025?
        case ambiguous(month: Int, digits: Int)
    }

    /// `parse`, nil for anything it does not accept.
    public static func parse(_ text: String) -> YearMonth? {
        var t = text
        return t.withUTF8 { try? read(utf8: $0).get() }
    }

    /// `parse` on the text's UTF-8 bytes.
    public static func parse(utf8 s: UnsafeBufferPointer<UInt8>) -> YearMonth? {
        try? read(utf8: s).get()
    }

    /// Accepts `2021-10`, and what Excel makes of a month:
    /// - `Oct-21`, `Oct 21`: Excel turns `2021-10` typed in a cell into 1 October 2021 and shows
    ///   it as mmm-yy. A three-letter month (or Sept) and two digits is read so, as 20yy;
    /// - a month name, short or long, with a four-digit year: `Oct 2021`, `October 2021`, `Oct-2021`;
    /// - `10/2021` (mm/yyyy);
    /// - a full date in an accepted form (`2021-10-01`, `01/10/2021`, `01/10/2021 00:00`) when it
    ///   is the first of the month, as Excel stores a month; any other day is refused, since a
    ///   day in a month column is more likely the wrong column than a month.
    /// `October 21` is refused as ambiguous (21 October, or October 2021?), `21-Oct` as a day
    /// with no year.
    public static func read(_ text: String) -> Result<YearMonth, ParseError> {
        var t = text
        return t.withUTF8 { read(utf8: $0) }
    }

    public static func read(utf8 s: UnsafeBufferPointer<UInt8>) -> Result<YearMonth, ParseError> {
        func digits(_ r: Range<Int>) -> Bool { !r.isEmpty && r.allSatisfy { s[$0] >= 48 && s[$0] <= 57 } }
        func value(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(s[$1] - 48) } }
        func month(_ y: Int, _ m: Int) -> Result<YearMonth, ParseError> {
            if let ym = YearMonth(year: y, month: m) { return .success(ym) }
            return .failure(.impossible(!(1...12).contains(m) ? "there is no month \(m)" : "there is no year \(y)"))
        }
        if s.count == 7, s[4] == UInt8(ascii: "-"), digits(0..<4), digits(5..<7) {
            return month(value(0..<4), value(5..<7))
        }
        // mm/yyyy
        if let slash = s.firstIndex(of: UInt8(ascii: "/")), (1...2).contains(slash), s.count - slash - 1 == 4,
           digits(0..<slash), digits((slash + 1)..<s.count) {
            return month(value((slash + 1)..<s.count), value(0..<slash))
        }
        // A month name and a year, or a day and a month name.
        if let (name, rest) = splitName(s) {
            if let (m, short) = monthNumber(name, in: s) {
                if digits(rest), rest.count == 4 { return month(value(rest), m) }
                if digits(rest), rest.count == 2 {
                    return short ? month(2000 + value(rest), m) : .failure(.ambiguous(month: m, digits: value(rest)))
                }
            }
            return .failure(.unrecognised)
        }
        if let (rest, name) = splitNameLast(s), digits(rest), rest.count <= 2, let (m, _) = monthNumber(name, in: s) {
            return .failure(.dayWithoutYear(day: value(rest), month: m))
        }
        switch CalendarDate.parse(utf8: s) {
        case .success(let d): return d.day == 1 ? .success(d.yearMonth) : .failure(.day(d))
        case .failure(.monthFirst(let d)): return .failure(.monthFirst(d))
        case .failure(.impossible(let why)): return .failure(.impossible(why))
        case .failure(.unrecognised): return .failure(.unrecognised)
        }
    }

    /// Letters, then one separator (`-`, `/` or spaces), then the rest: (letters, rest).
    private static func splitName(_ s: UnsafeBufferPointer<UInt8>) -> (Range<Int>, Range<Int>)? {
        var k = 0
        while k < s.count, isLetter(s[k]) { k += 1 }
        guard k >= 3, k < s.count, isSeparator(s[k]) else { return nil }
        let name = 0..<k
        k += 1
        while k < s.count, s[k] == 0x20 { k += 1 }
        return (name, k..<s.count)
    }

    /// The rest, one separator, then letters to the end: (rest, letters).
    private static func splitNameLast(_ s: UnsafeBufferPointer<UInt8>) -> (Range<Int>, Range<Int>)? {
        var k = s.count
        while k > 0, isLetter(s[k - 1]) { k -= 1 }
        guard s.count - k >= 3, k >= 2, isSeparator(s[k - 1]) else { return nil }
        var e = k - 1
        while e > 0, s[e - 1] == 0x20 { e -= 1 }
        return (0..<e, k..<s.count)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    private static func isSeparator(_ c: UInt8) -> Bool { c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == 0x20 }

    /// The month a name means (`Jul`, `Sept`, `July`, any case) and whether it is short. The
    /// bytes are ASCII letters (see `isLetter`).
    private static func monthNumber(_ r: Range<Int>, in s: UnsafeBufferPointer<UInt8>) -> (Int, Bool)? {
        let name = String(decoding: UnsafeBufferPointer(rebasing: s[r]), as: UTF8.self).lowercased()
        for (i, full) in monthNames.enumerated() {
            let lower = full.lowercased()
            if name == lower { return (i + 1, name.count == 3) }
            if name == lower.prefix(3) || (i == 8 && name == "sept") { return (i + 1, true) }
        }
        return nil
    }
}

extension YearMonth.ParseError {
    /// What is wrong and how to write the month, to follow the value in a message:
    /// `month "Jul 2O25" ` + this.
    public var explanation: String {
        let generic = "write it as 2021-10"
        switch self {
        case .unrecognised:
            return "is not a month; \(generic)"
        case .impossible(let why):
            return "is not a real month (\(why)); \(generic)"
        case .day(let d):
            return "is a day (\(d.longDescription)), not a month; for \(d.yearMonth.name) write \(d.yearMonth)"
        case .monthFirst(let d):
            return "is not a date: the month cannot be \(d.day); it looks like month/day order (US); for \(d.yearMonth.name) write \(d.yearMonth)"
        case .dayWithoutYear(let day, let month):
            return "is a day (\(day) \(YearMonth.monthNames[(month - 1) % 12])) with no year: Excel took what was typed for a day of this year; write the month with its year, as 2021-10"
        case .ambiguous(let month, let digits):
            let name = YearMonth.monthNames[(month - 1) % 12]
            return "could be \(digits) \(name) or \(name) \(2000 + digits); write the month as \(pad(2000 + digits, 4))-\(pad(month, 2))"
        }
    }
}

@inline(__always)
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
