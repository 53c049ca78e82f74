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

/// One of the partnership's Operation Carmel measures (the optional `measures:` list of
/// csp.yaml): its step and unit decide what may be summed with it and how a value is written.
public struct Measure: Hashable, Sendable {
    public var name: String
    public var step: CarmelStep
    /// What one counts: "events", "people", "£". Measures of one step and one unit may be
    /// added together; measures of different units never are.
    public var unit: String
    public var aliases: [String]

    public init(name: String, step: CarmelStep, unit: String, aliases: [String] = []) {
        self.name = name; self.step = step; self.unit = unit; self.aliases = aliases
    }

    /// Whether values are money (written "£1,200").
    public var isMoney: Bool { Measure.isMoney(unit: unit) }

    public static func isMoney(unit: String) -> Bool { ["£", "gbp", "pounds", "pound"].contains(unit.lowercased()) }

    /// Measure names as the activity log may write them: case and runs of spaces, hyphens and
    /// underscores do not matter ("Residents  contacted", "residents-contacted").
    public static func key(_ s: String) -> String { Partnership.areaKey(s) }
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
    /// `palette:`: the partnership's colours, nil when csp.yaml gives none.
    public var palette: PartnershipPalette?
    /// `fonts:`: a folder of the partnership's font files (with their licence), relative to
    /// csp.yaml's folder and checked to stay inside it; the report is set in its family.
    public var fonts: String?
    /// The partnership's measures, when csp.yaml lists them (optional). Without a list each
    /// measure is taken as written and reported on its own.
    public var measures: [Measure]? {
        didSet { measureIndex = Partnership.index(measures) }
    }
    /// Each spelling's key (name or alias) → its measure's position in `measures`: a county's
    /// list holds thousands of measures, and each spelling in the log is looked up.
    private var measureIndex: [String: Int] = [:]
    /// The Community Safety Plan, when csp.yaml holds one (optional).
    public var plan: Plan?

    static func index(_ measures: [Measure]?) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, m) in (measures ?? []).enumerated() {
            for spelling in [m.name] + m.aliases where index[Measure.key(spelling)] == nil {
                index[Measure.key(spelling)] = i
            }
        }
        return index
    }

    public init(name: String, shortName: String, areas: [Area], yearStartMonth: Int = 4,
                suppressionThreshold: Int = 5, boardClassification: String = "OFFICIAL-SENSITIVE",
                publicClassification: String = "OFFICIAL", logo: String? = nil, measures: [Measure]? = nil,
                palette: PartnershipPalette? = nil, fonts: String? = nil, plan: Plan? = nil) {
        self.name = name
        self.shortName = shortName
        self.areas = areas
        self.yearStartMonth = yearStartMonth
        self.suppressionThreshold = suppressionThreshold
        self.boardClassification = boardClassification
        self.publicClassification = publicClassification
        self.logo = logo
        self.palette = palette
        self.fonts = fonts
        self.measures = measures
        self.measureIndex = Partnership.index(measures)
        self.plan = plan
    }

    /// The listed measure a name as written in a row stands for (its name or an alias), or nil.
    public func resolveMeasure(_ raw: String) -> Measure? {
        guard let measures, let i = measureIndex[Measure.key(raw)] else { return nil }
        return measures[i]
    }

    /// The unit of a measure as reported (its canonical name), when the list gives one.
    public func unit(of measure: String) -> String? { resolveMeasure(measure)?.unit }

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
