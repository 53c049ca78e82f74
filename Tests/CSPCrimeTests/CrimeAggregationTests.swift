import Foundation
import Testing
import CSPCore
import CSPModel
import CSPAggregate
@testable import CSPValidate

/// The fixture's rows, counted by hand (see CrimeFixture): this quarter (October–December
/// 2024) North has 2 violence, 1 shoplifting and 2 ASB; East 1 shoplifting and 1 drugs;
/// South 1 ASB; West 2 bicycle thefts. Last quarter: North 1 violence; East 1 robbery and
/// 1 ASB; West 1 other theft. A year earlier has no files.
@Suite struct CrimeAggregationTests {
    func input() throws -> QuarterInput {
        let (input, diagnostics) = CrimeFixture().load()
        #expect(diagnostics.isEmpty)
        return try #require(input)
    }

    @Test func quarterCounts() throws {
        let i = try input()
        let q = try #require(CrimeAggregator.quarter(i.crime, quarter: i.current.quarter, partnership: i.partnership))
        #expect(q.isComplete)
        #expect(q.area("North").total == 5)
        #expect(q.area("North").asb == 2)
        #expect(q.area("North").byType == ["Violence and sexual offences": 2, "Anti-social behaviour": 2, "Shoplifting": 1])
        #expect(["East", "South", "West"].map { q.area($0).total } == [2, 1, 2] as [Int])
        #expect(q.totals.total == 10)
        #expect(q.totals.asb == 3)
        #expect(q.totals.byType.values.reduce(0, +) == q.totals.total)
        #expect(q.locationWithheld == 1)
        #expect(CrimeAggregator.quarter(nil, quarter: i.current.quarter, partnership: i.partnership) == nil)
    }

    @Test func section() throws {
        let i = try input()
        let s = CrimeAggregator.section(try #require(i.crime), quarter: i.current.quarter, partnership: i.partnership)
        #expect(s.availability == .available)
        #expect(s.notice == nil)
        #expect(s.areas.map(\.area) == ["North", "East", "South", "West"])
        #expect(s.previousQuarter?.description == "2024-25-Q2")
        #expect(s.yearEarlierQuarter == nil)

        let north = s.areas[0]
        #expect(north.comparison.current == CrimeFigures(crime: 3, asb: 2))
        #expect(north.comparison.previous == CrimeFigures(crime: 1, asb: 0))
        #expect(north.comparison.yearEarlier == nil)
        let change = try #require(north.comparison.changeOnPreviousQuarter)
        #expect(change.crime == 2)
        #expect(change.asb == 2)
        #expect(change.crimePercent == 200)
        #expect(change.asbPercent == nil)
        #expect(north.comparison.changeOnYearEarlier == nil)
        #expect(north.monthly.map(\.month.description) == ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"])
        #expect(north.monthly.map(\.figures) == [
            CrimeFigures(crime: 1, asb: 0), CrimeFigures(crime: 0, asb: 0), CrimeFigures(crime: 0, asb: 0),
            CrimeFigures(crime: 2, asb: 1), CrimeFigures(crime: 1, asb: 0), CrimeFigures(crime: 0, asb: 1),
        ])
        #expect(north.leadingTypes == [CrimeTypeCount(crimeType: "Violence and sexual offences", count: 2),
                                       CrimeTypeCount(crimeType: "Shoplifting", count: 1)])
        #expect(s.areas[1].comparison.previous == CrimeFigures(crime: 1, asb: 1))
        #expect(s.areas[2].comparison.previous == CrimeFigures(crime: 0, asb: 0))

        #expect(s.total.area == "All areas")
        #expect(s.total.comparison.current == CrimeFigures(crime: 7, asb: 3))
        #expect(s.total.comparison.previous == CrimeFigures(crime: 3, asb: 1))
        #expect(s.total.leadingTypes.map(\.crimeType) == ["Bicycle theft", "Shoplifting", "Violence and sexual offences", "Drugs"])
        #expect(s.total.monthly.compactMap(\.figures).map(\.total) == [1, 2, 1, 4, 4, 2])

        #expect(s.locationWithheld == 1)
        #expect(s.outsidePartnership == 1)
        #expect(s.attribution == "Contains public sector information licensed under the Open Government Licence v3.0.")
        #expect(s.source == "police.uk street-level crime and anti-social behaviour data (data.police.uk): Cambridgeshire Constabulary, October–December 2024; each row placed in an area by its LSOA through lsoa-areas.csv.")
        #expect(s.files.map(\.name).last == "lsoa-areas.csv")
        #expect(s.files.count == 7)
    }

    @Test func partialAndMissingQuarters() throws {
        var f = CrimeFixture()
        f.files["reports/police-uk/2024-12-cambridgeshire-street.csv"] = nil
        var i = try #require(f.load().0)
        var s = CrimeAggregator.section(try #require(i.crime), quarter: i.current.quarter, partnership: i.partnership)
        #expect(s.availability == .partial(missing: [YearMonth(year: 2024, month: 12)!]))
        #expect(s.notice == "police.uk data is not yet available for December 2024; the figures cover October 2024 and November 2024 only and are not compared with other quarters.")
        #expect(s.areas[0].comparison.current == CrimeFigures(crime: 3, asb: 1))
        #expect(s.areas[0].comparison.currentIsComplete == false)
        #expect(s.areas[0].comparison.changeOnPreviousQuarter == nil)
        #expect(s.areas[0].monthly.last?.figures == nil)

        f.files["reports/police-uk/2024-10-cambridgeshire-street.csv"] = nil
        f.files["reports/police-uk/2024-11-cambridgeshire-street.csv"] = nil
        i = try #require(f.load().0)
        s = CrimeAggregator.section(try #require(i.crime), quarter: i.current.quarter, partnership: i.partnership)
        #expect(s.availability == .notAvailable)
        #expect(s.notice == "police.uk crime and anti-social behaviour data is not available for October–December 2024.")
        #expect(s.areas.allSatisfy { $0.comparison.current == nil && $0.leadingTypes.isEmpty })
        #expect(s.areas[0].comparison.previous == CrimeFigures(crime: 1, asb: 0))
    }

    @Test func summaryJSONGainsCrimeOnlyWithPoliceData() throws {
        let i = try input()
        var summary = Aggregator.summarise(i.current, partnership: i.partnership)
        let without = SummaryJSON.render(summary)
        #expect(!without.contains("crime"))
        summary.crime = CrimeAggregator.quarter(i.crime, quarter: i.current.quarter, partnership: i.partnership)
        let json = SummaryJSON.render(summary)
        #expect(json.contains("""
              "ocg_referrals": 0,
              "crime": {
                "total": 5,
                "asb": 2,
                "by_type": {
                  "Anti-social behaviour": 2,
                  "Shoplifting": 1,
                  "Violence and sexual offences": 2
                }
              }
            },
            "East": {
        """))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let totals = try #require(object["totals"] as? [String: Any])
        let crime = try #require(totals["crime"] as? [String: Any])
        #expect(crime["total"] as? Int == 10)
        #expect(crime["asb"] as? Int == 3)
        // The rest of the summary is unchanged: removing "crime" gives the old output back.
        var stripped = object
        var areas = try #require(stripped["areas"] as? [String: [String: Any]])
        for k in areas.keys { areas[k]?["crime"] = nil }
        stripped["areas"] = areas
        var t = totals; t["crime"] = nil; stripped["totals"] = t
        let old = try #require(try JSONSerialization.jsonObject(with: Data(without.utf8)) as? NSDictionary)
        #expect(NSDictionary(dictionary: stripped) == old)
    }

    @Test func summaryJSONSaysNullWhenTheQuarterHasNoData() throws {
        var f = CrimeFixture()
        for m in ["10", "11", "12"] { f.files["reports/police-uk/2024-\(m)-cambridgeshire-street.csv"] = nil }
        let i = try #require(f.load().0)
        var summary = Aggregator.summarise(i.current, partnership: i.partnership)
        summary.crime = CrimeAggregator.quarter(i.crime, quarter: i.current.quarter, partnership: i.partnership)
        let json = SummaryJSON.render(summary)
        #expect(json.contains("\"ocg_referrals\": 0,\n      \"crime\": null\n"))
    }
}
