import Testing
@testable import CSPCore

/// The date and month forms records kept by hand hold, and what each one gets: accepted when
/// it can mean one day (or month) only, explained when it cannot.
@Suite struct DateFormTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }
    static func month(_ y: Int, _ m: Int) -> YearMonth { YearMonth(year: y, month: m)! }

    /// Excel writes a time after the date when the cell held a date and time.
    @Test(arguments: ["22/07/2025 00:00", "2025-07-22 00:00:00", "22/07/2025 00:00:00", "2025-07-22T00:00:00",
                      "22/07/2025 14:30", "2025-07-22 09:05:07.250", "22/7/2025 0:00"])
    func aTimeAfterTheDateIsDropped(_ text: String) {
        #expect(CalendarDate.parse(text) == .success(Self.day(2025, 7, 22)))
    }

    @Test(arguments: ["22/07/2025 24:00", "22/07/2025 12:60", "22/07/2025 noon", "22/07/2025 00:00 AM",
                      "22/07/2025 ", "22/07/2025  00:00", "22/07/2025 00:00:0", "2025-07-22T"])
    func somethingElseAfterTheDateIsNotADate(_ text: String) {
        #expect(CalendarDate.parse(text) == .failure(.unrecognised))
    }

    @Test func monthFirstIsExplainedWithTheDayFirstForm() {
        let result = CalendarDate.parse("07/13/2025")
        #expect(result == .failure(.monthFirst(Self.day(2025, 7, 13))))
        guard case .failure(let problem) = result else { return }
        #expect(problem.explanation(forms: "write it as 2021-10-04 or 04/10/2021")
            == "is not a date: the month cannot be 13; it looks like month/day order (US): for 13 July 2025 write 13/07/2025")
        // Both ways a date: read day first, as the contract says.
        #expect(CalendarDate.parse("07/10/2025") == .success(Self.day(2025, 10, 7)))
        // Both ways impossible: no guess.
        #expect(CalendarDate.parse("31/31/2025") == .failure(.impossible("there is no month 31")))
        #expect(CalendarDate.parse("02/30/2025") == .failure(.impossible("there is no month 30")))
        #expect(CalendarDate.parse("12/13/25") == .failure(.monthFirst(Self.day(2025, 12, 13))))
    }

    /// Other separators, when the four-digit year says which part is the day.
    @Test(arguments: ["22-07-2025", "22.07.2025", "2025/07/22", "2025/7/22", "22.7.2025 00:00"])
    func otherSeparatorsWithAFullYear(_ text: String) {
        #expect(CalendarDate.parse(text) == .success(Self.day(2025, 7, 22)))
    }

    @Test(arguments: ["22-07-25", "22.07.25", "2025.07.22", "2025-7-22", "22-7", "1.5", "2025/07", "22/07-2025"])
    func otherSeparatorsWithoutAFullYearAreNotDates(_ text: String) {
        #expect(CalendarDate.parse(text) == .failure(.unrecognised))
    }

    @Test func otherSeparatorsMonthFirstIsExplained() {
        #expect(CalendarDate.parse("07-13-2025") == .failure(.monthFirst(Self.day(2025, 7, 13))))
        #expect(YearMonth.read("01.07.2025") == .success(Self.month(2025, 7)))
    }

    @Test func twoDigitYearsAreThisCentury() {
        #expect(CalendarDate.parse("22/07/25") == .success(Self.day(2025, 7, 22)))
        #expect(CalendarDate.parse("1/7/99") == .success(Self.day(2099, 7, 1)))
        #expect(CalendarDate.parse("22/07/25 00:00") == .success(Self.day(2025, 7, 22)))
        #expect(CalendarDate.parse("22/07/025") == .failure(.unrecognised))
        // ISO has four-digit years only.
        #expect(CalendarDate.parse("25-07-22") == .failure(.unrecognised))
    }

    @Test func impossibleDaysSayWhy() {
        #expect(CalendarDate.parse("31/06/2025") == .failure(.impossible("June has 30 days")))
        #expect(CalendarDate.parse("29/02/2025") == .failure(.impossible("February 2025 has 28 days")))
        #expect(CalendarDate.parse("00/06/2025") == .failure(.impossible("there is no day 0")))
        #expect(CalendarDate.ParseError.impossible("June has 30 days").explanation(forms: "write it as 2021-10-04")
            == "is not a real date (June has 30 days); write it as 2021-10-04")
    }

    @Test(arguments: [("2025-07", 7), ("Jul-25", 7), ("Jul 25", 7), ("jul-25", 7), ("Jul 2025", 7), ("July 2025", 7),
                      ("Jul-2025", 7), ("JULY-2025", 7), ("Sep-25", 9), ("Sept 2025", 9), ("September 2025", 9),
                      ("May 25", 5), ("07/2025", 7), ("7/2025", 7), ("2025-07-01", 7), ("01/07/2025", 7),
                      ("1/7/25", 7), ("01/07/2025 00:00", 7), ("2025-07-01 00:00:00", 7)])
    func monthsInTheFormsExcelWrites(_ text: String, _ m: Int) {
        #expect(YearMonth.read(text) == .success(Self.month(2025, m)), "\(text)")
        #expect(YearMonth.parse(text) == Self.month(2025, m))
    }

    @Test func monthsThatAreNotAreExplained() {
        #expect(YearMonth.read("2025-07-15") == .failure(.day(Self.day(2025, 7, 15))))
        #expect(YearMonth.read("15/07/2025") == .failure(.day(Self.day(2025, 7, 15))))
        #expect(YearMonth.read("07/13/2025") == .failure(.monthFirst(Self.day(2025, 7, 13))))
        #expect(YearMonth.read("2025-13") == .failure(.impossible("there is no month 13")))
        #expect(YearMonth.read("13/2025") == .failure(.impossible("there is no month 13")))
        #expect(YearMonth.read("25-Jul") == .failure(.dayWithoutYear(day: 25, month: 7)))
        #expect(YearMonth.read("July 25") == .failure(.ambiguous(month: 7, digits: 25)))
        #expect(YearMonth.read("Jly 2025") == .failure(.unrecognised))
        #expect(YearMonth.read("Jul") == .failure(.unrecognised))
        #expect(YearMonth.read("Jul 202") == .failure(.unrecognised))
        #expect(YearMonth.read("") == .failure(.unrecognised))

        #expect(YearMonth.ParseError.day(Self.day(2025, 7, 15)).explanation
            == "is a day (15 July 2025), not a month; for July 2025 write 2025-07")
        #expect(YearMonth.ParseError.monthFirst(Self.day(2025, 7, 13)).explanation
            == "is not a date: the month cannot be 13; it looks like month/day order (US); for July 2025 write 2025-07")
        #expect(YearMonth.ParseError.ambiguous(month: 7, digits: 25).explanation
            == "could be 25 July or July 2025; write the month as 2025-07")
        #expect(YearMonth.ParseError.dayWithoutYear(day: 25, month: 7).explanation
            == "is a day (25 July) with no year: Excel took what was typed for a day of this year; write the month with its year, as 2021-10")
    }

    @Test func spreadsheetColumnLetters() {
        #expect(SpreadsheetCell.letters(1) == "A")
        #expect(SpreadsheetCell.letters(26) == "Z")
        #expect(SpreadsheetCell.letters(27) == "AA")
        #expect(SpreadsheetCell.letters(52) == "AZ")
        #expect(SpreadsheetCell.letters(53) == "BA")
        #expect(SpreadsheetCell.letters(101) == "CW")
        #expect(SpreadsheetCell.letters(702) == "ZZ")
        #expect(SpreadsheetCell.letters(703) == "AAA")
        #expect(SpreadsheetCell(row: 7, column: 3).description == "C7")
        #expect(SpreadsheetCell(row: 7).description == "row 7")
    }

    /// The cell is written after the severity, so editors still find FILE:LINE:COLUMN first;
    /// it breaks ties in the order only, and a location without one sorts first.
    @Test func theCellInMessagesAndTheOrder() {
        let at = SourceLocation(file: "a.csv", line: 8, column: 17, cell: SpreadsheetCell(row: 7, column: 3))
        #expect(Diagnostic.error(at, "area \"Nroth\" is not a known area").formatted
            == "a.csv:8:17: error: cell C7: area \"Nroth\" is not a known area")
        #expect(Diagnostic.error(SourceLocation(file: "a.csv", line: 1, column: 1, cell: SpreadsheetCell(row: 1)), "x").formatted
            == "a.csv:1:1: error: row 1: x")
        let plain = SourceLocation(file: "a.csv", line: 8, column: 17)
        #expect(plain < at && !(at < plain))
        #expect(SourceLocation(file: "a.csv", line: 8, column: 16, cell: SpreadsheetCell(row: 9, column: 1)) < at)
        #expect(!(at < at))
        #expect(Set([at, at, plain]).count == 2)
        var bag = Diagnostics()
        bag.error(at, "second")
        bag.error(SourceLocation(file: "a.csv", line: 2, column: 1, cell: SpreadsheetCell(row: 2, column: 1)), "first")
        bag.error(at, "third")
        #expect(bag.sorted.map(\.message) == ["first", "second", "third"])
        #expect(bag.sorted(limitPerFile: 1).map(\.formatted)
            == ["a.csv:2:1: error: cell A2: first", "a.csv: error: 2 errors more in this file not shown; fix the first 1 and run again"])
    }
}
