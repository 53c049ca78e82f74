import Foundation
import Testing
import CSPCore
import CSPModel
import CSPAggregate
@testable import CSPValidate

/// The shipped rows: reports/police-uk/ (the Cambridge rows of police.uk's 2024 Cambridgeshire
/// files) and reports/lsoa-areas.csv, against figures computed without cspreport's code.
///
/// The expected numbers were computed at development time with Python's csv module:
///
///     lk = {r['lsoa_code']: r['area'] for r in csv.DictReader(open('reports/lsoa-areas.csv'))}
///     for f in sorted(glob.glob('reports/police-uk/*.csv')):
///         for r in csv.DictReader(open(f, newline='', encoding='utf-8')):
///             a = lk[r['LSOA code']]; total[(r['Month'], a)] += 1
///             if r['Crime type'] == 'Anti-social behaviour': asb[(r['Month'], a)] += 1
///
/// The totals agree with the per-area table in shared/data/police-uk/README.md.
@Suite struct ShippedCambridgeDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// (total, ASB) for North, East, South, West (West/Central in the lookup), by month.
    static let expected: [(String, [(Int, Int)])] = [
        ("2024-01", [(306, 44), (464, 53), (190, 15), (349, 39)]),
        ("2024-02", [(352, 51), (505, 56), (194, 13), (380, 57)]),
        ("2024-03", [(361, 41), (448, 66), (208, 25), (416, 57)]),
        ("2024-04", [(394, 53), (438, 70), (199, 19), (435, 59)]),
        ("2024-05", [(395, 63), (472, 51), (225, 32), (491, 56)]),
        ("2024-06", [(402, 60), (459, 55), (185, 17), (454, 55)]),
        ("2024-07", [(370, 60), (451, 57), (193, 27), (526, 64)]),
        ("2024-08", [(455, 78), (483, 79), (266, 46), (500, 58)]),
        ("2024-09", [(360, 43), (495, 63), (183, 33), (369, 37)]),
        ("2024-10", [(346, 56), (422, 73), (195, 36), (406, 58)]),
        ("2024-11", [(300, 42), (354, 57), (174, 31), (404, 44)]),
        ("2024-12", [(284, 33), (359, 49), (204, 32), (426, 62)]),
    ]

    func world() throws -> MemoryWorld {
        var files: [String: [UInt8]] = [:]
        let fm = FileManager.default
        let police = Self.root + "/reports/police-uk"
        for name in try fm.contentsOfDirectory(atPath: police) {
            files["reports/police-uk/" + name] = Array(try #require(fm.contents(atPath: police + "/" + name)))
        }
        files["reports/lsoa-areas.csv"] = Array(try #require(fm.contents(atPath: Self.root + "/reports/lsoa-areas.csv")))
        return MemoryWorld(files: files)
    }

    @Test func perAreaMonthlyTotals() throws {
        let (data, diagnostics) = PoliceDataLoader.read(world: try world(), folder: "reports/police-uk",
                                                        lookupPath: "reports/lsoa-areas.csv", months: nil,
                                                        partnership: CrimeFixture.partnership)
        #expect(diagnostics.isEmpty)
        #expect(data.files.count == 12)
        #expect(data.records.count == 17_247)
        #expect(data.files.allSatisfy { $0.outside == 0 && $0.locationWithheld == 0 })
        // Provenance digests, from sha256sum.
        #expect(data.files[0].file.sha256 == "ed081f5fdf81c10b6eab0c58158e79e561f638b0d4951f1e64f91c0f7af2d126")
        #expect(data.lookup?.sha256 == "67857ca72ee6c4c8e4fd440c72e1ad6714fbb408cd050a680d2d91b8de3c5f7b")
        let table = CrimeTable(data)
        for (month, figures) in Self.expected {
            let m = try #require(YearMonth.parse(month))
            for (area, (total, asb)) in zip(["North", "East", "South", "West"], figures) {
                let c = table.counts(area: area, months: [m])
                #expect(c.total == total, "\(month) \(area)")
                #expect(c.asb == asb, "\(month) \(area)")
            }
        }
    }

    /// 2024-25-Q3 (October–December 2024): last quarter has data, a year earlier has none.
    @Test func sectionForOctoberToDecember2024() throws {
        let quarter = try #require(Quarter(financialYear: 2024, number: 3))
        let (data, diagnostics) = PoliceDataLoader.read(world: try world(), folder: "reports/police-uk",
                                                        lookupPath: "reports/lsoa-areas.csv",
                                                        months: PoliceDataLoader.months(for: quarter),
                                                        partnership: CrimeFixture.partnership)
        #expect(diagnostics.isEmpty)
        #expect(data.files.count == 6)
        let s = CrimeAggregator.section(data, quarter: quarter, partnership: CrimeFixture.partnership)
        #expect(s.availability == .available)
        #expect(s.yearEarlierQuarter == nil)
        // North: 346 + 300 + 284 = 930 rows, 56 + 42 + 33 = 131 ASB; July–September 1185, 181 ASB.
        #expect(s.areas[0].comparison.current == CrimeFigures(crime: 930 - 131, asb: 131))
        #expect(s.areas[0].comparison.previous == CrimeFigures(crime: 1185 - 181, asb: 181))
        #expect(s.areas[0].comparison.yearEarlier == nil)
        // Leading crime types, October–December, from the same script.
        #expect(s.areas[0].leadingTypes.prefix(2) == [CrimeTypeCount(crimeType: "Violence and sexual offences", count: 304),
                                                      CrimeTypeCount(crimeType: "Shoplifting", count: 137)])
        #expect(s.areas[3].leadingTypes.prefix(3).map(\.count) == [288, 250, 116])
        #expect(s.areas[3].leadingTypes[2].crimeType == "Bicycle theft")
    }
}
