import CSPCore

/// A Lower Layer Super Output Area code as police.uk and ONS write it: `E01` (England) or
/// `W01` (Wales) and six digits, such as `E01017943`. Held as a number so that looking up
/// 83,000 rows a year costs no String hashing.
public struct LSOACode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0–999,999 for England, 1,000,000–1,999,999 for Wales.
    public let key: Int

    /// Nil unless the bytes are exactly `E01`/`W01` and six digits.
    @inline(__always)
    public init?<C: Collection>(utf8 bytes: C) where C.Element == UInt8 {
        guard bytes.count == 9 else { return nil }
        var i = bytes.startIndex
        let country = bytes[i]
        guard country == UInt8(ascii: "E") || country == UInt8(ascii: "W") else { return nil }
        i = bytes.index(after: i)
        guard bytes[i] == UInt8(ascii: "0") else { return nil }
        i = bytes.index(after: i)
        guard bytes[i] == UInt8(ascii: "1") else { return nil }
        var n = 0
        for _ in 0..<6 {
            i = bytes.index(after: i)
            let d = bytes[i]
            guard d >= 48 && d <= 57 else { return nil }
            n = n * 10 + Int(d - 48)
        }
        key = (country == UInt8(ascii: "W") ? 1_000_000 : 0) + n
    }

    public init?(_ text: String) { self.init(utf8: Array(text.utf8)) }

    public var description: String {
        let digits = String(key % 1_000_000)
        return (key >= 1_000_000 ? "W01" : "E01") + String(repeating: "0", count: 6 - digits.count) + digits
    }

    public static func < (a: LSOACode, b: LSOACode) -> Bool { a.key < b.key }
}

/// One police.uk street-level row that falls in one of the partnership's areas.
public struct CrimeRecord: Hashable, Sendable {
    /// police.uk's name for anti-social behaviour rows.
    public static let antiSocialBehaviour = "Anti-social behaviour"

    public var month: YearMonth
    /// The partnership's area (canonical name), found from the row's LSOA.
    public var area: String
    public var lsoa: LSOACode
    /// police.uk's `Crime type`, as written ("Violence and sexual offences", "Anti-social behaviour", …).
    public var crimeType: String
    public var source: RowSource

    public init(month: YearMonth, area: String, lsoa: LSOACode, crimeType: String,
                source: RowSource = RowSource(file: "", line: 0)) {
        self.month = month; self.area = area; self.lsoa = lsoa; self.crimeType = crimeType; self.source = source
    }

    public var isAntiSocialBehaviour: Bool { crimeType == CrimeRecord.antiSocialBehaviour }
}

/// One monthly police.uk file (`2024-10-cambridgeshire-street.csv`) as read.
public struct PoliceFile: Hashable, Sendable {
    public var month: YearMonth
    /// The force part of the file name: `cambridgeshire`, `btp`.
    public var force: String
    public var file: InputFile
    /// Data rows in the file (the header not counted).
    public var rows: Int
    /// Rows in one of the partnership's areas.
    public var inArea: Int
    /// Rows with no LSOA: police.uk withholds the location.
    public var locationWithheld: Int
    /// Rows whose LSOA is not in lsoa-areas.csv: outside the partnership, left out.
    public var outside: Int

    public init(month: YearMonth, force: String, file: InputFile, rows: Int, inArea: Int,
                locationWithheld: Int, outside: Int) {
        self.month = month; self.force = force; self.file = file; self.rows = rows
        self.inArea = inArea; self.locationWithheld = locationWithheld; self.outside = outside
    }
}

/// The police.uk data a quarter needs (its own months, last quarter's and the same quarter a
/// year earlier), placed in areas through `lsoa-areas.csv`.
public struct PoliceData: Hashable, Sendable {
    public static let sourceName = "police.uk street-level crime and anti-social behaviour data (data.police.uk)"
    public static let attribution = "Contains public sector information licensed under the Open Government Licence v3.0"

    /// The months asked for, in order; a month with no file has no figures (not zero).
    public var months: [YearMonth]
    public var files: [PoliceFile]
    /// The partnership's rows, in file order.
    public var records: [CrimeRecord]
    /// The forces as the rows name them (`Reported by`), in order of first appearance.
    public var forces: [String]
    /// lsoa-areas.csv as read.
    public var lookup: InputFile?

    public init(months: [YearMonth], files: [PoliceFile] = [], records: [CrimeRecord] = [],
                forces: [String] = [], lookup: InputFile? = nil) {
        self.months = months; self.files = files; self.records = records
        self.forces = forces; self.lookup = lookup
    }

    /// Months for which at least one file was read.
    public var monthsWithData: Set<YearMonth> { Set(files.map(\.month)) }

    public func hasData(for month: YearMonth) -> Bool { files.contains { $0.month == month } }

    /// Rows with no location in the given months.
    public func locationWithheld(in months: [YearMonth]) -> Int {
        files.filter { months.contains($0.month) }.map(\.locationWithheld).reduce(0, +)
    }

    /// Rows outside the partnership in the given months.
    public func outside(in months: [YearMonth]) -> Int {
        files.filter { months.contains($0.month) }.map(\.outside).reduce(0, +)
    }
}
