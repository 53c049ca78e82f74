import Testing
@testable import CSPCore
import CSPSample

@Suite struct QuarterTests {
    @Test func financialYearQuarters() throws {
        let q = try Quarter.parse("2021-22-Q3").get()
        #expect(q.start.description == "2021-10-01")
        #expect(q.end.description == "2021-12-31")
        #expect(q.monthRange == "October–December 2021")
        let q4 = try Quarter.parse("2021-22-Q4").get()
        #expect(q4.start.description == "2022-01-01")
        #expect(q4.end.description == "2022-03-31")
        #expect(q4.previous == q)
        #expect(q.next == q4)
        #expect(q4.next?.description == "2022-23-Q1")
        #expect(q.yearEarlier?.description == "2020-21-Q3")
    }

    @Test func otherYearStart() throws {
        let q = try Quarter.parse("2021-22-Q1", yearStartMonth: 1).get()
        #expect(q.start.description == "2021-01-01")
        let d = try Quarter.parse("2021-22-Q4", yearStartMonth: 9).get()
        #expect(d.start.description == "2022-06-01")
        #expect(d.end.description == "2022-08-31")
        #expect(Quarter.containing(CalendarDate(year: 2022, month: 7, day: 3)!, yearStartMonth: 9) == d)
    }

    @Test func malformedQuarters() {
        #expect(Quarter.parse("2021-23-Q1") == .failure(.yearsNotConsecutive))
        #expect(Quarter.parse("2021-22-Q5") == .failure(.badQuarterNumber))
        #expect(Quarter.parse("2021-Q1") == .failure(.malformed))
        #expect(Quarter.parse("1999-00-Q2").map(\.description) == .success("1999-00-Q2"))
    }

    @Test func dates() {
        #expect(CalendarDate.parse("2021-10-04") == .success(CalendarDate(year: 2021, month: 10, day: 4)!))
        #expect(CalendarDate.parse("04/10/2021") == .success(CalendarDate(year: 2021, month: 10, day: 4)!))
        #expect(CalendarDate.parse("4/10/2021") == .success(CalendarDate(year: 2021, month: 10, day: 4)!))
        #expect(CalendarDate.parse("31/02/2021") == .failure(.impossible("February 2021 has 28 days")))
        #expect(CalendarDate.parse("0000-00-00") == .failure(.impossible("there is no year 0")))
        #expect(CalendarDate.parse("29/02/2024") == .success(CalendarDate(year: 2024, month: 2, day: 29)!))
        // Year first with "/" is unambiguous: accepted (issue 14).
        #expect(CalendarDate.parse("2021/10/04") == .success(CalendarDate(year: 2021, month: 10, day: 4)!))
        #expect(CalendarDate.parse("10/04/21") == .success(CalendarDate(year: 2021, month: 4, day: 10)!))
        #expect(CalendarDate.parse("4 Oct 2021") == .failure(.unrecognised))
        #expect(CalendarDate.parse("") == .failure(.unrecognised))
        #expect(CalendarDate.parse("99999999999999999999-01-01") == .failure(.unrecognised))
    }

    @Test func dayNumbersRoundTrip() {
        let d = CalendarDate(year: 1970, month: 1, day: 1)!
        #expect(d.dayNumber == 0)
        var x = CalendarDate(year: 1999, month: 12, day: 25)!
        for _ in 0..<1000 {
            let y = x.adding(days: 1)!
            #expect(y.dayNumber == x.dayNumber + 1)
            #expect(y > x)
            x = y
        }
        #expect(CalendarDate(year: 2024, month: 3, day: 1)!.days(since: CalendarDate(year: 2024, month: 2, day: 1)!) == 29)
    }

    @Test func months() {
        #expect(YearMonth.parse("2021-10") == YearMonth(year: 2021, month: 10))
        #expect(YearMonth.parse("2021-13") == nil)
        #expect(YearMonth.parse("01/10/2021") == YearMonth(year: 2021, month: 10))
        #expect(YearMonth.parse("Oct-21") == YearMonth(year: 2021, month: 10))
        #expect(YearMonth(year: 2021, month: 11)!.adding(months: 3)?.description == "2022-02")
    }

    @Test func suggestions() {
        #expect(TextMatch.suggestion(for: "Nroth", among: ["North", "East", "South", "West"]) == "North")
        #expect(TextMatch.suggestion(for: "Banana", among: ["North", "East", "South", "West"]) == nil)
        #expect(TextMatch.quoted("a\nb\"c") == "\"a\\nb\\\"c\"")
    }
}

@Suite struct EnglishTests {
    /// Once printed "37 successs" in a chart title.
    @Test func plurals() {
        #expect(English.plural("success") == "successes")
        #expect(English.plural("box") == "boxes")
        #expect(English.plural("search") == "searches")
        #expect(English.plural("warning") == "warnings")
        #expect(English.count(1, "error") == "1 error")
        #expect(English.count(0, "error") == "0 errors")
        #expect(English.count(37, "success") == "37 successes")
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var s = SHA256()
        for _ in 0..<1000 { s.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(s.finalHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct PathTests {
    @Test func normalise() {
        #expect(Path.join("reports/2021-22-Q3", "../csp.yaml") == "reports/csp.yaml")
        #expect(Path.join("2021-22-Q3", "../csp.yaml") == "csp.yaml")
        #expect(Path.join(".", "../csp.yaml") == "../csp.yaml")
        #expect(Path.normalise("./a//b/./c/") == "a/b/c")
        #expect(Path.normalise("/a/../../b") == "/b")
        #expect(Path.lastComponent("reports/2021-22-Q3/") == "2021-22-Q3")
    }
}

/// Fast paths held to what they replace.
@Suite struct FastPathTests {
    @Test func containsMonthIsMembershipOfMonths() {
        for start in 1...12 {
            for year in [1, 2, 1999, 2021, 9997, 9998] {
                for n in 1...4 {
                    guard let q = Quarter(financialYear: year, number: n, yearStartMonth: start) else { continue }
                    for y in [year - 1, year, year + 1, year + 2] where (1...9999).contains(y) {
                        for m in 1...12 {
                            guard let month = YearMonth(year: y, month: m) else { continue }
                            #expect(q.contains(month) == q.months.contains(month), "\(q) \(month)")
                        }
                    }
                }
            }
        }
    }

    @Test func foldedIsLowercased() {
        let pieces = ["A", "z", "Arrests", " ", "–", "É", "é", "İ", "I", "Σ", "ΑΣ", "ß", "ẞ", "Ǆ", "ǅ", "Ω",
                      "K", "Å", "ﬃ", "🙂", "e\u{301}", "\u{301}", "Ⅻ", "Ａ", "Straße", "ΌΣΟΣ", "\u{0130}stanbul",
                      "1", "-", "—", "zone 9", "Test purchases"]
        var rng = SplitMix64(seed: 42)
        var failures: [String] = []
        for _ in 0..<20_000 {
            var s = ""
            for _ in 0..<rng.below(7) { s += pieces[rng.below(pieces.count)] }
            if s.folded != s.lowercased() { failures.append(s) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
