import CSPCore

/// One of the partnership's areas, with the other spellings people use for it.
public struct Area: Hashable, Sendable {
    public var name: String
    public var aliases: [String]

    public init(name: String, aliases: [String] = []) {
        self.name = name
        self.aliases = aliases
    }
}

/// `reports/csp.yaml`: who the partnership is and how its reports are made.
public struct Partnership: Hashable, Sendable {
    public static let cityWide = "City-wide"

    public var name: String
    public var shortName: String
    public var areas: [Area]
    public var yearStartMonth: Int
    public var suppressionThreshold: Int
    public var boardClassification: String
    public var publicClassification: String
    /// The logo's path as written in csp.yaml (relative to its folder), checked to stay inside it.
    public var logo: String?

    public init(name: String, shortName: String, areas: [Area], yearStartMonth: Int = 4,
                suppressionThreshold: Int = 5, boardClassification: String = "OFFICIAL-SENSITIVE",
                publicClassification: String = "OFFICIAL", logo: String? = nil) {
        self.name = name
        self.shortName = shortName
        self.areas = areas
        self.yearStartMonth = yearStartMonth
        self.suppressionThreshold = suppressionThreshold
        self.boardClassification = boardClassification
        self.publicClassification = publicClassification
        self.logo = logo
    }

    /// The canonical area for a value as written in a row: a name or alias, any case,
    /// surrounding spaces ignored; `City-wide` (also `citywide`, `city wide`) for items
    /// that span areas. Nil when unknown.
    public func resolveArea(_ raw: String) -> String? {
        let key = Partnership.areaKey(raw)
        if key.isEmpty { return nil }
        for area in areas {
            if Partnership.areaKey(area.name) == key { return area.name }
            if area.aliases.contains(where: { Partnership.areaKey($0) == key }) { return area.name }
        }
        if key == "citywide" || key == "city_wide" { return Partnership.cityWide }
        return nil
    }

    /// Area names and then aliases: what a "did you mean" may suggest.
    public var areaSpellings: [String] {
        areas.map(\.name) + areas.flatMap(\.aliases) + [Partnership.cityWide]
    }

    public static func areaKey(_ s: String) -> String {
        var out = ""
        for scalar in s.trimmingSpaces.lowercased().unicodeScalars {
            if scalar == " " || scalar == "-" || scalar == "_" {
                if !out.hasSuffix("_") { out += "_" }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out == "city_wide" ? "citywide" : out
    }

    /// Areas in report order, with City-wide last when present.
    public func areaOrder(includingCityWide: Bool) -> [String] {
        areas.map(\.name) + (includingCityWide ? [Partnership.cityWide] : [])
    }
}
