/// A financial-year quarter, named as its folder is: `2021-22-Q3`. With the year starting in
/// April (the default), Q1 is April–June and `2021-22-Q3` is October–December 2021.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the financial year starts (2021 for 2021-22).
    public let financialYear: Int
    /// 1...4
    public let number: Int
    /// The month in which the financial year starts (1...12).
    public let yearStartMonth: Int

    public init?(financialYear: Int, number: Int, yearStartMonth: Int = 4) {
        guard (1...9998).contains(financialYear), (1...4).contains(number),
              (1...12).contains(yearStartMonth) else { return nil }
        self.financialYear = financialYear
        self.number = number
        self.yearStartMonth = yearStartMonth
    }

    /// The folder name: `2021-22-Q3`.
    public var description: String {
        "\(pad(financialYear, 4))-\(pad((financialYear + 1) % 100, 2))-Q\(number)"
    }

    /// "Q3 2021-22"
    public var title: String { "Q\(number) \(pad(financialYear, 4))-\(pad((financialYear + 1) % 100, 2))" }

    public var firstMonth: YearMonth {
        YearMonth(uncheckedYear: financialYear, month: yearStartMonth).adding(months: (number - 1) * 3)
            ?? YearMonth(uncheckedYear: financialYear, month: yearStartMonth)
    }

    public var months: [YearMonth] {
        (0..<3).compactMap { firstMonth.adding(months: $0) }
    }

    public var start: CalendarDate { firstMonth.firstDay }
    public var end: CalendarDate { (firstMonth.adding(months: 2) ?? firstMonth).lastDay }

    /// "October–December 2021", or "December 2021–February 2022" across a year end.
    public var monthRange: String {
        let first = firstMonth, last = months.last ?? firstMonth
        let firstName = YearMonth.monthNames[first.month - 1]
        let lastName = YearMonth.monthNames[last.month - 1]
        if first.year == last.year { return "\(firstName)–\(lastName) \(last.year)" }
        return "\(firstName) \(first.year)–\(lastName) \(last.year)"
    }

    public func contains(_ date: CalendarDate) -> Bool { date >= start && date <= end }
    /// Whether `month` is one of `months`, counted from the first month (no array made: rows
    /// are checked with it one by one).
    public func contains(_ month: YearMonth) -> Bool {
        let first = firstMonth
        let k = (month.year - first.year) * 12 + (month.month - first.month)
        return k >= 0 && k < 3
    }

    var index: Int { financialYear * 4 + (number - 1) }

    public func adding(quarters n: Int) -> Quarter? {
        let i = index + n
        guard i >= 4 else { return nil }
        return Quarter(financialYear: i / 4, number: i % 4 + 1, yearStartMonth: yearStartMonth)
    }

    public var previous: Quarter? { adding(quarters: -1) }
    public var next: Quarter? { adding(quarters: 1) }

    /// The same quarter a year earlier.
    public var yearEarlier: Quarter? { adding(quarters: -4) }

    public static func < (a: Quarter, b: Quarter) -> Bool { a.index < b.index }

    /// Quarters from `a` to `b` (b − a): how many steps apart they are.
    public func distance(to other: Quarter) -> Int { other.index - index }

    /// The quarter that contains a day.
    public static func containing(_ date: CalendarDate, yearStartMonth: Int = 4) -> Quarter? {
        let offset = (date.month - yearStartMonth + 12) % 12
        let fy = date.month >= yearStartMonth ? date.year : date.year - 1
        return Quarter(financialYear: fy, number: offset / 3 + 1, yearStartMonth: yearStartMonth)
    }

    public enum ParseError: Error, Equatable {
        case malformed
        /// `2021-23-Q1`: the second year is not the year after the first.
        case yearsNotConsecutive
        case badQuarterNumber
    }

    /// Parses `2021-22-Q3` (the `Q` in either case).
    public static func parse(_ text: String, yearStartMonth: Int = 4) -> Result<Quarter, ParseError> {
        let s = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            guard s[r].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return s[r].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              s[8] == UInt8(ascii: "Q") || s[8] == UInt8(ascii: "q"),
              let y1 = digits(0..<4), let y2 = digits(5..<7), let n = digits(9..<10)
        else { return .failure(.malformed) }
        guard (y1 + 1) % 100 == y2 else { return .failure(.yearsNotConsecutive) }
        guard let q = Quarter(financialYear: y1, number: n, yearStartMonth: yearStartMonth) else {
            return .failure(.badQuarterNumber)
        }
        return .success(q)
    }
}
