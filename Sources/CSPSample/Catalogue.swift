/// The Cambridge content the generator draws from: areas, wards and places, agencies, issues,
/// Operation Carmel measures and the phrases the PSG uses. Real places and agencies make the
/// sample read like the partnership's own records; the people and events are invented.

/// The four Area Committees and the partnership-wide bucket.
public enum SampleArea: Int, CaseIterable, Sendable, Comparable {
    case north, east, south, west, cityWide

    /// The canonical name, as csp.yaml configures it.
    public var name: String {
        switch self {
        case .north: return "North"
        case .east: return "East"
        case .south: return "South"
        case .west: return "West"
        case .cityWide: return "City-wide"
        }
    }

    /// The four Area Committees, without City-wide.
    public static let committees: [SampleArea] = [.north, .east, .south, .west]

    public static func < (a: SampleArea, b: SampleArea) -> Bool { a.rawValue < b.rawValue }

    /// The area a row names, matched as the validator does: canonical name or alias, ignoring case.
    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "north": self = .north
        case "east": self = .east
        case "south": self = .south
        case "west", "west/central", "central": self = .west
        case "city-wide": self = .cityWide
        default: return nil
        }
    }
}

/// What kind of place a place is, so that a problem is put where it happens: shop theft at
/// shops, cuckooing in homes, fly-tipping in streets and parks.
enum PlaceKind: Sendable {
    case shops, park, housing, transport, street
}

struct Place {
    let name: String
    let kind: PlaceKind
}

struct Ward {
    let name: String
    let places: [Place]
}

private func ward(_ name: String, _ places: [(String, PlaceKind)]) -> Ward {
    Ward(name: name, places: places.map { Place(name: $0.0, kind: $0.1) })
}

enum Catalogue {
    static func wards(_ area: SampleArea) -> [Ward] {
        switch area {
        case .north:
            return [
                ward("Arbury", [("Arbury Court", .shops), ("Arbury Road", .street), ("Arbury Town Park", .park),
                                ("Carlton Way", .housing), ("Histon Road recreation ground", .park)]),
                ward("King's Hedges", [("Campkin Road", .street), ("King's Hedges Road", .street),
                                       ("Nuffield Road", .housing), ("Buchan Street shops", .shops),
                                       ("Ramsden Square", .housing), ("Kingsway flats", .housing)]),
                ward("East Chesterton", [("Chesterton High Street", .shops), ("Green End Road", .street),
                                         ("Scotland Road", .street), ("Cambridge North station", .transport),
                                         ("Fen Road", .street), ("Ditton Fields", .housing)]),
                ward("West Chesterton", [("Mitcham's Corner", .shops), ("Chesterton Road", .street),
                                         ("Milton Road", .street), ("De Freville Avenue", .housing),
                                         ("Elizabeth Way roundabout", .street)]),
            ]
        case .east:
            return [
                ward("Abbey", [("Coldham's Common", .park), ("Barnwell Road", .street), ("Abbey Pool", .park),
                               ("Peverel Road", .housing), ("Newmarket Road retail park", .shops),
                               ("Ditton Walk", .street)]),
                ward("Romsey", [("Mill Road (Romsey side)", .shops), ("Romsey Rec", .park), ("Ross Street", .housing),
                                ("Sedley Taylor Road", .housing), ("Mill Road cemetery", .park)]),
                ward("Petersfield", [("Mill Road", .shops), ("Donkey Common", .park), ("Gwydir Street", .housing),
                                     ("Norfolk Street", .street), ("Mill Road bridge", .street),
                                     ("Parker's Piece", .park)]),
                ward("Coleridge", [("Coleridge Rec", .park), ("Cherry Hinton Road", .street), ("Rustat Road", .housing),
                                   ("Davy Road", .housing), ("Coleridge Road shops", .shops)]),
            ]
        case .south:
            return [
                ward("Cherry Hinton", [("Cherry Hinton High Street", .shops), ("Cherry Hinton Hall park", .park),
                                       ("Colville Road shops", .shops), ("Fulbourn Road", .street),
                                       ("Robin Hood junction", .street)]),
                ward("Queen Edith's", [("Wulfstan Way shops", .shops), ("Nightingale Rec", .park),
                                       ("Queen Edith's Way", .housing), ("Addenbrooke's bus station", .transport),
                                       ("Netherhall Way", .housing)]),
                ward("Trumpington", [("Clay Farm", .housing), ("Trumpington Meadows", .park), ("Hobson Square", .shops),
                                     ("Trumpington Park & Ride", .transport), ("Long Road", .street),
                                     ("Cambridge South station works", .transport)]),
            ]
        case .west:
            return [
                ward("Market", [("Jesus Green", .park), ("Market Square", .shops), ("Grafton Centre", .shops),
                                ("Sidney Street", .shops), ("Lion Yard", .shops), ("Christ's Pieces", .park),
                                ("Midsummer Common", .park), ("Drummer Street bus station", .transport)]),
                ward("Newnham", [("Lammas Land", .park), ("Sheep's Green", .park), ("Newnham Road", .street),
                                 ("Grantchester Meadows", .park), ("Barton Road", .housing)]),
                ward("Castle", [("Castle Hill", .street), ("Huntingdon Road", .street), ("Histon Road", .street),
                                ("Eddington", .housing), ("Shelly Row", .housing), ("Castle Mound", .park)]),
            ]
        case .cityWide:
            // Read inside sentences ("Knife sweep at {place}"), so they carry their article.
            return [ward("City-wide", [("the city centre", .shops), ("the guided busway", .transport),
                                       ("the River Cam towpath", .park),
                                       ("Cambridge and Cambridge North stations", .transport),
                                       ("the city centre & Mill Road corridor", .shops)])]
        }
    }

    static let anyPlace: Set<PlaceKind> = [.shops, .park, .housing, .transport, .street]

    /// Every place with its ward, per area (indexed by `SampleArea.rawValue`), built once.
    static let places: [[(ward: String, place: Place)]] = SampleArea.allCases.map { area in
        wards(area).flatMap { w in w.places.map { (w.name, $0) } }
    }

    // Agencies, as the chair writes them in lead_agency, owner and partners.
    static let police = "Cambridgeshire Constabulary"
    static let asbTeam = "Cambridge City Council (ASB team)"
    static let housing = "Cambridge City Council (Housing)"
    static let streets = "Cambridge City Council (Streets & Open Spaces)"
    static let envHealth = "Cambridge City Council (Environmental Health)"
    static let communityDev = "Cambridge City Council (Community Development)"
    static let childrens = "Cambridgeshire County Council (Children's Services)"
    static let earlyHelp = "Cambridgeshire County Council (Early Help)"
    static let tradingStandards = "Cambridgeshire County Council (Trading Standards)"
    static let highways = "Cambridgeshire County Council (Highways)"
    static let fire = "Cambridgeshire Fire & Rescue"
    static let cgl = "NHS / Change Grow Live"
    static let sanctuary = "Sanctuary Housing"
    static let chs = "CHS Group"
    static let anglia = "Anglia Ruskin University"
    static let university = "University of Cambridge"
    static let bid = "Cambridge BID"
    static let pastors = "Street Pastors"
    static let csp = "Cambridge Community Safety Partnership"
    static let thinkCommunities = "Think Communities (County Council)"
    static let romseyMill = "Romsey Mill"
    static let stMungos = "St Mungo's (street outreach)"

    static let allAgencies = [police, asbTeam, housing, streets, envHealth, communityDev, childrens, earlyHelp,
                              tradingStandards, highways, fire, cgl, sanctuary, chs, anglia, university, bid,
                              pastors, csp, romseyMill, stMungos]

    struct Issue {
        let name: String
        let lead: String
        let partners: [String]
        /// Title templates; `{place}` is replaced with a place in the case's area.
        let titles: [String]
        let weight: Int
        /// Where this problem happens.
        var at: Set<PlaceKind> = Catalogue.anyPlace
        /// The title when the problem spans the city; issues without one are never City-wide.
        var cityWideTitle: String? = nil
    }

    static let issues: [Issue] = [
        Issue(name: "drug dealing", lead: police, partners: [asbTeam, housing, cgl, sanctuary, chs],
              titles: ["Drug dealing around {place}", "Open drug market near {place}",
                       "Class A dealing from parked cars, {place}"],
              weight: 12, at: [.shops, .park, .housing, .street, .transport],
              cityWideTitle: "County lines drug supply into the city"),
        Issue(name: "anti-social behaviour", lead: asbTeam, partners: [police, housing, sanctuary, chs, streets],
              titles: ["ASB and intimidation at {place}", "Groups gathering late at night, {place}",
                       "Repeat ASB reports – {place}"], weight: 14),
        Issue(name: "cycle theft", lead: police, partners: [university, anglia, streets, bid],
              titles: ["Cycle theft hotspot at {place}", "Bike thefts from racks, {place}"],
              weight: 7, at: [.shops, .transport, .street],
              cityWideTitle: "Cycle theft at stations and colleges across the city"),
        Issue(name: "street drinking", lead: asbTeam, partners: [police, cgl, stMungos, pastors, bid],
              titles: ["Street drinking at {place}", "Street drinking & urination, {place}"],
              weight: 8, at: [.shops, .park, .street, .transport],
              cityWideTitle: "Street drinking along the River Cam towpath"),
        Issue(name: "begging", lead: asbTeam, partners: [police, stMungos, housing, bid],
              titles: ["Aggressive begging near {place}", "Begging at cash machines, {place}"],
              weight: 5, at: [.shops, .transport, .street]),
        Issue(name: "fly-tipping", lead: streets, partners: [envHealth, housing, sanctuary, chs],
              titles: ["Fly-tipping at {place}", "Repeat fly-tipping behind {place}"],
              weight: 6, at: [.housing, .street, .park]),
        Issue(name: "youth ASB", lead: earlyHelp, partners: [police, asbTeam, romseyMill, childrens],
              titles: ["Youth ASB at {place}", "Young people throwing stones at buses, {place}",
                       "Youth nuisance on mini-motos, {place}"],
              weight: 10, at: [.park, .shops, .street, .transport]),
        Issue(name: "cuckooing", lead: police, partners: [housing, childrens, cgl, sanctuary, asbTeam],
              titles: ["Suspected cuckooing of a vulnerable tenant near {place}",
                       "Cuckooed flat used for dealing, {place}"],
              weight: 5, at: [.housing],
              cityWideTitle: "Cuckooing of vulnerable adults across the city"),
        Issue(name: "knife crime", lead: police, partners: [childrens, earlyHelp, romseyMill, bid],
              titles: ["Knife-enabled robberies near {place}", "Weapons found in bushes at {place}"],
              weight: 4, cityWideTitle: "Knife carrying among young people, city-wide"),
        Issue(name: "shop theft", lead: police, partners: [bid, tradingStandards, asbTeam],
              titles: ["Repeat shop theft, {place}", "Organised shoplifting at {place}"],
              weight: 6, at: [.shops],
              cityWideTitle: "Organised shop theft across city retail parks"),
        Issue(name: "e-scooter nuisance", lead: police, partners: [highways, asbTeam, university],
              titles: ["E-scooter nuisance riding on pavements, {place}", "E-scooters on the footpath at {place}"],
              weight: 4, at: [.street, .park, .shops, .transport], cityWideTitle: "E-scooter nuisance on the guided busway and towpath"),
        Issue(name: "noise", lead: envHealth, partners: [housing, police, sanctuary, chs],
              titles: ["Noise nuisance from parties, {place}", "Amplified music late at night, {place}"],
              weight: 5, at: [.housing]),
        Issue(name: "rough sleeping", lead: housing, partners: [stMungos, cgl, streets, police],
              titles: ["Rough sleeping & tents at {place}", "Tents and rough sleeping near {place}"],
              weight: 4, at: [.park, .shops, .transport]),
        Issue(name: "criminal damage", lead: police, partners: [streets, fire, asbTeam],
              titles: ["Graffiti and criminal damage, {place}", "Deliberate fires in bins at {place}"],
              weight: 4),
    ]

    /// Operation Carmel's four steps, as the `step` column spells them.
    static let steps = ["engagement", "targeted-activity", "problem-solving", "think-communities"]

    struct Measure {
        let step: String
        let name: String
        /// Mean monthly value for one area; City-wide rows use their own means below.
        let mean: Double
        /// What one of it is, for csp.yaml's `measures:` list: only measures of one unit may
        /// be added together (PRODUCT.md, "Measures differ in kind").
        let unit: String
    }

    /// The measures each area reports every month. The first of each step are the ones the
    /// brief names; the rest are what neighbourhood teams also count.
    static let measures: [Measure] = [
        Measure(step: "engagement", name: "Engagement events", mean: 6, unit: "events"),
        Measure(step: "engagement", name: "Community surgeries", mean: 2, unit: "events"),
        Measure(step: "engagement", name: "Residents contacted", mean: 140, unit: "people"),
        Measure(step: "engagement", name: "Door-knocking sessions", mean: 4, unit: "sessions"),
        Measure(step: "engagement", name: "School visits", mean: 3, unit: "visits"),
        Measure(step: "engagement", name: "Youth club visits", mean: 3, unit: "visits"),
        Measure(step: "engagement", name: "Street briefings", mean: 2, unit: "events"),
        Measure(step: "engagement", name: "Neighbourhood Watch meetings", mean: 1.5, unit: "events"),
        Measure(step: "engagement", name: "Social media posts", mean: 12, unit: "posts"),
        Measure(step: "engagement", name: "Bike-marking sessions", mean: 1.5, unit: "sessions"),
        Measure(step: "engagement", name: "Business visits", mean: 10, unit: "visits"),
        Measure(step: "engagement", name: "Faith group meetings", mean: 1, unit: "events"),
        Measure(step: "targeted-activity", name: "Stop and search", mean: 14, unit: "people"),
        Measure(step: "targeted-activity", name: "Arrests", mean: 9, unit: "people"),
        Measure(step: "targeted-activity", name: "Warrants executed", mean: 1.5, unit: "warrants"),
        Measure(step: "targeted-activity", name: "Drug seizures", mean: 5, unit: "seizures"),
        Measure(step: "targeted-activity", name: "Weapons seized", mean: 1.5, unit: "items"),
        Measure(step: "targeted-activity", name: "Cash seizures", mean: 1, unit: "seizures"),
        Measure(step: "targeted-activity", name: "Vehicles seized", mean: 2, unit: "vehicles"),
        Measure(step: "targeted-activity", name: "Knife sweeps", mean: 2, unit: "operations"),
        Measure(step: "targeted-activity", name: "Community Protection Warnings", mean: 3, unit: "notices"),
        Measure(step: "targeted-activity", name: "Community Protection Notices", mean: 1, unit: "notices"),
        Measure(step: "targeted-activity", name: "Dispersal orders", mean: 0.6, unit: "orders"),
        Measure(step: "targeted-activity", name: "Test purchases", mean: 1, unit: "operations"),
        Measure(step: "targeted-activity", name: "Plain-clothes patrols", mean: 6, unit: "patrols"),
        Measure(step: "targeted-activity", name: "Licensed premises checks", mean: 5, unit: "visits"),
        Measure(step: "problem-solving", name: "Problem-solving plans", mean: 2, unit: "plans"),
        Measure(step: "problem-solving", name: "Environmental visual audits", mean: 2, unit: "visits"),
        Measure(step: "problem-solving", name: "Closure orders", mean: 0.3, unit: "orders"),
        Measure(step: "problem-solving", name: "Partial closure orders", mean: 0.3, unit: "orders"),
        Measure(step: "problem-solving", name: "Acceptable behaviour contracts", mean: 1, unit: "orders"),
        Measure(step: "problem-solving", name: "Civil injunctions", mean: 0.4, unit: "orders"),
        Measure(step: "problem-solving", name: "Criminal behaviour orders", mean: 0.4, unit: "orders"),
        Measure(step: "problem-solving", name: "Designing-out-crime surveys", mean: 1, unit: "visits"),
        Measure(step: "problem-solving", name: "Lighting repairs requested", mean: 2, unit: "requests"),
        Measure(step: "problem-solving", name: "Vegetation cut-backs", mean: 2, unit: "requests"),
        Measure(step: "problem-solving", name: "CCTV reviews", mean: 4, unit: "reviews"),
        Measure(step: "problem-solving", name: "Fly-tips cleared", mean: 25, unit: "items"),
        Measure(step: "think-communities", name: "ABCD conversations", mean: 10, unit: "conversations"),
        Measure(step: "think-communities", name: "Community connectors recruited", mean: 1, unit: "people"),
        Measure(step: "think-communities", name: "Asset-mapping sessions", mean: 1, unit: "sessions"),
        Measure(step: "think-communities", name: "Community events supported", mean: 2, unit: "events"),
        Measure(step: "think-communities", name: "Small grants awarded", mean: 1, unit: "grants"),
        Measure(step: "think-communities", name: "Volunteer hours", mean: 80, unit: "hours"),
        Measure(step: "think-communities", name: "Community groups supported", mean: 3, unit: "groups"),
        Measure(step: "think-communities", name: "Residents' ideas logged", mean: 5, unit: "items"),
        Measure(step: "think-communities", name: "Street parties supported", mean: 0.5, unit: "events"),
        Measure(step: "think-communities", name: "Youth ambassadors trained", mean: 1, unit: "people"),
    ]

    /// A measure as larger scales report it per patrol zone, which keeps (month, area, step,
    /// measure) unique in the tidy rows: "Arrests – zone 2".
    static func zoneName(_ name: String, _ zone: Int) -> String {
        zone == 1 ? name : "\(name) – zone \(zone)"
    }

    /// Cash seized, in pounds, one row per seizure: written with `asKept` only, after each area's
    /// "Cash seizures" count, which is how many seizures there were.
    static let cashSeized = Measure(step: "targeted-activity", name: "Cash seized (£)", mean: 0, unit: "£")
    static let cashSeizures = "Cash seizures"

    /// Other spellings teams use for a measure, listed in csp.yaml with `asKept`; the first is
    /// the one some rows of the log are written under, so that alias resolution is exercised.
    static let measureAliases: [String: [String]] = [
        "Residents contacted": ["Residents engaged"],
        "Stop and search": ["Stop and searches", "Stop/search"],
        "Fly-tips cleared": ["Fly tips cleared"],
        "Volunteer hours": ["Volunteering hours"],
        "Cash seized (£)": ["Cash seized"],
    ]

    /// Measures the partnership reports once for the whole city, not per area.
    static let cityWideMeasures: [Measure] = [
        Measure(step: "engagement", name: "Social media posts", mean: 40, unit: "posts"),
        Measure(step: "engagement", name: "Engagement events", mean: 3, unit: "events"),
        Measure(step: "targeted-activity", name: "Arrests", mean: 6, unit: "people"),
        Measure(step: "targeted-activity", name: "Test purchases", mean: 4, unit: "operations"),
        Measure(step: "targeted-activity", name: "Licensed premises checks", mean: 12, unit: "visits"),
        Measure(step: "targeted-activity", name: "Knife sweeps", mean: 3, unit: "operations"),
        Measure(step: "problem-solving", name: "CCTV reviews", mean: 20, unit: "reviews"),
        Measure(step: "think-communities", name: "Small grants awarded", mean: 3, unit: "grants"),
    ]

    static let outcomes: [(String, Int)] = [("resolved", 45), ("improved", 30), ("no-change", 10), ("referred-on", 15)]

    /// A success as the chair logs it: a title, the problems it fits (empty: any problem) and
    /// details that go with that title. Several details carry the characters a CSV reader must
    /// survive (commas, doubled quotes, line breaks, £, <, &, en dashes, é).
    struct SuccessTitle {
        let text: String
        var issues: Set<String> = []
        let details: [String]
    }

    /// Success titles per step; `{place}` and `{issue}` are filled in, in titles and details.
    static let successTitles: [String: [SuccessTitle]] = [
        "engagement": [
            SuccessTitle(text: "Community surgery at {place} well attended",
                         details: ["23 residents came; most of their concerns were about {issue}.",
                                   "Joint surgery with the ASB team & Housing; 3 new reports taken."]),
            SuccessTitle(text: "Residents' meeting on {issue} at {place}",
                         details: ["Resident feedback: \"We finally feel listened to\", said the chair of the residents' association.",
                                   "Partners explained the plan; residents agreed to report online, not on Facebook."]),
            SuccessTitle(text: "Door-knocking around {place}: 60 homes visited",
                         issues: ["drug dealing", "cuckooing", "anti-social behaviour", "noise", "fly-tipping"],
                         details: ["Housing officer, PCSO and outreach worker visited together, so residents told their story once.",
                                   "Two residents gave statements; one asked for a call back after 6 pm."]),
            SuccessTitle(text: "Youth workers and PCSOs ran a drop-in near {place}",
                         issues: ["youth ASB", "knife crime", "anti-social behaviour", "e-scooter nuisance"],
                         details: ["35 young people came; \"better than being moved on\", one said.",
                                   "Followed by a schools' assembly on knife crime – 240 pupils (Years 8–9)."]),
            SuccessTitle(text: "Traders briefed on {issue} – {place}",
                         issues: ["shop theft", "begging", "street drinking", "cycle theft"],
                         details: ["Café owners fed back at the traders' meeting – \"much calmer\".",
                                   "Traders given a single number to call & a monthly update from the PSG."]),
            SuccessTitle(text: "Bike-marking stall at {place}", issues: ["cycle theft"],
                         details: ["Bike marking with the university – 85 bikes marked, 3 suspected stolen bikes recovered."]),
        ],
        "targeted-activity": [
            SuccessTitle(text: "Warrant executed near {place}: class A drugs seized", issues: ["drug dealing", "cuckooing"],
                         details: ["Two arrests, £2,300 cash and 40 wraps seized.\nBoth charged and remanded.",
                                   "Crack cocaine, heroin & a machete seized; one man charged."]),
            SuccessTitle(text: "Two arrests for {issue} near {place}",
                         issues: ["drug dealing", "cuckooing", "knife crime", "shop theft", "cycle theft",
                                  "criminal damage", "anti-social behaviour"],
                         details: ["Both charged; bail conditions keep them away from {place}.",
                                   "Suspect remanded; victim supported by Victim & Witness Care."]),
            SuccessTitle(text: "Plain-clothes operation at {place} leads to charges",
                         issues: ["drug dealing", "shop theft", "cycle theft", "knife crime"],
                         details: ["Three people charged after a week of plain-clothes patrols.",
                                   "Calls to 101 about the location fell from 23 to 9 over the quarter."]),
            SuccessTitle(text: "Knife sweep at {place} – one blade recovered",
                         issues: ["knife crime", "youth ASB", "drug dealing", "anti-social behaviour"],
                         details: ["Sweep with Streets & Open Spaces staff; the blade was destroyed."]),
            SuccessTitle(text: "E-scooters seized after reports at {place}", issues: ["e-scooter nuisance"],
                         details: ["14 e-scooters seized & riders warned; two had no insurance."]),
            SuccessTitle(text: "Fly-tipper fined after CCTV at {place}", issues: ["fly-tipping"],
                         details: ["£400 fixed penalty; the waste was traced to a \"man with a van\" advertised online."]),
            SuccessTitle(text: "Dispersal order at {place} over the weekend",
                         issues: ["youth ASB", "street drinking", "anti-social behaviour"],
                         details: ["Order covered Friday 6 pm to Sunday 6 am; 14 people directed to leave.",
                                   "No further fights reported that weekend."]),
            SuccessTitle(text: "Patrols at {place} on the busiest evenings",
                         details: ["Response time to reports now < 48 hours.",
                                   "Joint patrol with Street Pastors & Cambridge BID, 12 premises visited."]),
        ],
        "problem-solving": [
            SuccessTitle(text: "Closure order granted for a flat near {place}",
                         issues: ["cuckooing", "drug dealing", "noise", "anti-social behaviour"],
                         details: ["Closure order granted at Cambridge Magistrates' Court for three months; neighbours report \"the first quiet nights in a year\"."]),
            SuccessTitle(text: "Lighting improved at {place} after an EVA",
                         details: ["Lighting repaired and vegetation cut back; EVA score up from 4 to 8."]),
            SuccessTitle(text: "Gate installed to stop {issue} at {place}",
                         issues: ["fly-tipping", "anti-social behaviour", "street drinking", "drug dealing"],
                         details: ["Partners agreed the plan at the PSG; costs (£1,450) met from the CSP fund."]),
            SuccessTitle(text: "Acceptable behaviour contracts signed – {place}",
                         issues: ["youth ASB", "anti-social behaviour", "e-scooter nuisance"],
                         details: ["Four young people signed, with their parents; each has a youth worker.",
                                   "Young person referred to Early Help; family engaging well."]),
            SuccessTitle(text: "Vegetation cut back and CCTV repositioned at {place}",
                         details: ["Done by Streets & Open Spaces within a fortnight of the EVA.",
                                   "Problem-solving plan closed after six weeks with no further reports."]),
            SuccessTitle(text: "Landlord took action on {issue} at {place}",
                         issues: ["noise", "anti-social behaviour", "cuckooing", "fly-tipping"],
                         details: ["Tenant supported to a safe move.\nProperty handed back to the landlord & secured.",
                                   "Warning letters, then a tenancy review; no reports since."]),
            SuccessTitle(text: "Outreach found accommodation for people sleeping at {place}",
                         issues: ["rough sleeping", "begging", "street drinking"],
                         details: ["Outreach worker engaged three people; two accepted accommodation."]),
            SuccessTitle(text: "Secure cycle stands and CCTV signs at {place}", issues: ["cycle theft"],
                         details: ["New stands (cost £640) installed by Streets & Open Spaces; thefts down from 11 to 3."]),
            SuccessTitle(text: "Noise abatement notice served – {place}", issues: ["noise"],
                         details: ["Joint visit with Environmental Health after Noise App recordings."]),
        ],
        "think-communities": [
            SuccessTitle(text: "Community connector recruited near {place}",
                         details: ["Connector introduced to the Area Committee; first \"kitchen-table\" meeting held."]),
            SuccessTitle(text: "ABCD asset mapping with residents at {place}",
                         details: ["Residents mapped what the street already has: a hall, two gardeners, a retired youth worker."]),
            SuccessTitle(text: "Residents' group formed at {place}",
                         details: ["Eight residents meet monthly; the café on the corner lends its back room."]),
            SuccessTitle(text: "Small grant funds a summer event at {place}",
                         details: ["Grant of £300 for a street party – 60 neighbours came.\nASB reports in the street fell the month after."]),
        ],
    ]

    /// Blockers as the PSG writes them, each with the owner that holds it and how it ends.
    struct BlockerTemplate {
        let owner: String
        let text: String
        let resolution: String
        /// Where `{place}` may be; a template without `{place}` fits anywhere.
        var at: Set<PlaceKind> = Catalogue.anyPlace
        /// A problem of the whole partnership: raised City-wide, once, and never on one case.
        var partnershipWide = false
    }

    static let blockerTemplates: [BlockerTemplate] = [
        BlockerTemplate(owner: housing, text: "No housing provider willing to take on tenancy enforcement at {place}",
                        resolution: "Housing provider agreed to lead; enforcement started.", at: [.housing]),
        BlockerTemplate(owner: streets, text: "CCTV camera at {place} not replaced – capital funding needed",
                        resolution: "Funding agreed by the CSP board (£8,500 from the PCC's fund); camera replaced."),
        BlockerTemplate(owner: highways, text: "Street lighting fault at {place} reported in {month}, still awaiting County Council repair",
                        resolution: "Repair completed by Highways; area re-audited (EVA) with no further concerns.", at: [.street, .park]),
        BlockerTemplate(owner: cgl, text: "Waiting list for drug-treatment assessments is 10 weeks; clients disengage before they are seen",
                        resolution: "Change Grow Live added a weekly drop-in assessment clinic at the Grafton Centre hub.", partnershipWide: true),
        BlockerTemplate(owner: earlyHelp, text: "No youth provision on Friday and Saturday evenings near {place}",
                        resolution: "Youth workers from Romsey Mill now run a Friday session, funded until March."),
        BlockerTemplate(owner: asbTeam, text: "ASB caseworker post vacant – no caseworker for the {area} area since {month}",
                        resolution: "Post filled; new caseworker started and has picked up the open cases."),
        BlockerTemplate(owner: police, text: "Data-sharing agreement with housing providers not signed, so names cannot be shared at the PSG",
                        resolution: "Agreement signed by all partners, including Sanctuary Housing & CHS Group.", partnershipWide: true),
        BlockerTemplate(owner: police, text: "Closure order application for a flat at {place} delayed: earliest court date is 8 weeks away",
                        resolution: "Court date brought forward after the PSG chair wrote to the listings office.", at: [.housing]),
        BlockerTemplate(owner: streets, text: "Land at {place} has no known owner, so fly-tipping cannot be cleared or fenced",
                        resolution: "Land Registry search found the owner, who fenced the site; Streets & Open Spaces cleared it.", at: [.street, .park]),
        BlockerTemplate(owner: sanctuary, text: "Landlord of the block at {place} not responding to the Community Protection Warning",
                        resolution: "Landlord engaged after a Community Protection Notice; works done.", at: [.housing]),
        BlockerTemplate(owner: chs, text: "Tenancy audit at {place} waiting for CHS Group to allocate an officer",
                        resolution: "Officer allocated; audit done and two tenancies now supported.", at: [.housing]),
        BlockerTemplate(owner: childrens, text: "Referral thresholds mean young people at {place} are not eligible for Children's Services support",
                        resolution: "Escalated to the board, which agreed a joint Early Help offer – see minutes."),
        BlockerTemplate(owner: csp, text: "No budget for a second mobile CCTV unit; both units are committed until {month}",
                        resolution: "Second unit leased for six months (£4,200, shared by the City Council & police).", partnershipWide: true),
        BlockerTemplate(owner: bid, text: "Retailers reluctant to report shop theft – \"nothing happens\", they say",
                        resolution: "BID now collates reports weekly for the police; retailers get feedback on each one."),
        BlockerTemplate(owner: highways, text: "Hedge at {place} is on highway land; cutting back needs a County Council order",
                        resolution: "Hedge cut back by Highways contractors.", at: [.street, .park]),
        BlockerTemplate(owner: fire, text: "Repeat bin fires at {place}: bins cannot be moved inside without the landlord's consent",
                        resolution: "Landlord consented; bins moved to a locked store.", at: [.housing, .shops]),
        BlockerTemplate(owner: university, text: "No agreement yet on who pays for secure cycle parking at {place}",
                        resolution: "University & City Council agreed to split the cost; stands installed.", at: [.transport, .shops, .street]),
        BlockerTemplate(owner: envHealth, text: "Noise recording kit in short supply – 3-week wait for a Noise App review",
                        resolution: "Two more recording kits bought; wait now under a week.", partnershipWide: true),
    ]

    /// How a blocker on a case ends when the case closes first.
    static let closedWithCase = "No longer needed: the related case closed."

    struct ProjectIdea {
        let area: SampleArea
        let name: String
        let lead: String
    }

    static let projects: [ProjectIdea] = [
        ProjectIdea(area: .north, name: "Arbury Court community garden", lead: communityDev),
        ProjectIdea(area: .north, name: "King's Hedges youth hub", lead: earlyHelp),
        ProjectIdea(area: .north, name: "Nuffield Road allotment group", lead: thinkCommunities),
        ProjectIdea(area: .north, name: "Chesterton Good Neighbours", lead: thinkCommunities),
        ProjectIdea(area: .north, name: "Campkin Road litter pickers", lead: streets),
        ProjectIdea(area: .east, name: "Romsey Rec pop-up café", lead: communityDev),
        ProjectIdea(area: .east, name: "Abbey litter champions", lead: streets),
        ProjectIdea(area: .east, name: "Mill Road traders' network", lead: bid),
        ProjectIdea(area: .east, name: "Coleridge Rec summer activities", lead: romseyMill),
        ProjectIdea(area: .east, name: "Barnwell Road \"Safe Walks\" volunteers", lead: thinkCommunities),
        ProjectIdea(area: .south, name: "Cherry Hinton Hall family days", lead: communityDev),
        ProjectIdea(area: .south, name: "Clay Farm community fridge", lead: thinkCommunities),
        ProjectIdea(area: .south, name: "Wulfstan Way shop-front project", lead: communityDev),
        ProjectIdea(area: .south, name: "Trumpington Meadows walking group", lead: thinkCommunities),
        ProjectIdea(area: .west, name: "Jesus Green night-time forum", lead: csp),
        ProjectIdea(area: .west, name: "Castle Hill residents' watch", lead: police),
        ProjectIdea(area: .west, name: "Newnham riverside clean-up", lead: streets),
        ProjectIdea(area: .west, name: "Market Square 'Safe Space' with Street Pastors", lead: pastors),
        ProjectIdea(area: .west, name: "Eddington new-residents' welcome", lead: university),
    ]

    static let projectUpdates: [String: [String]] = [
        "idea": ["Idea raised at the Area Committee; residents to be asked.",
                 "Suggested by a community connector after ABCD conversations."],
        "scoping": ["Scoping with residents; venue and insurance being checked.",
                    "Partners meeting held; a volunteer co-ordinator is needed.",
                    "Survey of 40 households – strong support (\"long overdue\")."],
        "active": ["Running fortnightly; 15–20 regulars.",
                   "Volunteers meet monthly; small grant (£500) spent on equipment & refreshments.",
                   "Well attended this quarter.\nResidents now lead the sessions themselves.",
                   "Linked with the ASB team so concerns raised at sessions reach the PSG."],
        "paused": ["Paused: lead volunteer moved away; looking for a replacement.",
                   "Paused over winter – restarts in spring."],
        "completed": ["Completed; residents' group continues independently.",
                      "Completed – handed over to the residents' association with a closing event."],
    ]

    static let referralRoutes = ["child-protection", "early-help", "multi-agency", "other"]

    /// What young people or residents said, what partners did, where `{place}` may be, and who
    /// would have said it.
    struct YouSaid {
        let said: String
        let did: String
        var at: Set<PlaceKind> = Catalogue.anyPlace
        let sources: [String]
    }

    static let youSaidWeDid: [YouSaid] = [
        YouSaid(said: "Young people said they don't feel safe walking home through {place} after dark.",
                did: "Lighting repaired and a Street Pastors route added on Friday nights.",
                at: [.park, .street], sources: ["Youth consultation", "Schools survey"]),
        YouSaid(said: "\"There's nothing to do round here\" – young people at {place}.",
                did: "Romsey Mill and Early Help started a weekly drop-in session.",
                sources: ["Youth consultation", "Youth club session"]),
        YouSaid(said: "Pupils asked for more information about knife crime, and what happens if you carry.",
                did: "Police and youth workers ran assemblies in four schools; 600 pupils reached.",
                sources: ["Schools survey"]),
        YouSaid(said: "Residents near {place} said drug dealing was happening in plain sight.",
                did: "Targeted patrols, two warrants executed & a closure order granted.",
                sources: ["Residents' association", "Area Committee", "Street survey"]),
        YouSaid(said: "Young people said police stop-and-search felt unfair.",
                did: "A youth panel now reviews body-worn footage of searches each quarter.",
                sources: ["Youth consultation", "Youth club session"]),
        YouSaid(said: "Parents asked for help spotting signs of exploitation (county lines).",
                did: "Information sessions held at two primary schools; leaflets in 5 languages.",
                sources: ["Residents' association", "Online survey", "Area Committee"]),
        YouSaid(said: "Residents wanted e-scooters off the pavement at {place}.",
                did: "Joint operation with Highways; 14 e-scooters seized, warnings issued.",
                at: [.street, .shops, .transport], sources: ["Area Committee", "Street survey", "Online survey"]),
        YouSaid(said: "Girls said they were harassed at the bus station – \"every week\".",
                did: "Safe Space scheme launched with Cambridge BID; staff trained.",
                sources: ["Youth consultation", "Schools survey"]),
        YouSaid(said: "Young people said they didn't know how to report something without being seen as a \"grass\".",
                did: "Fearless (Crimestoppers' youth service) sessions in three schools; anonymous reporting cards handed out.",
                sources: ["Schools survey", "Youth club session"]),
        YouSaid(said: "Young people at {place} asked for somewhere to go on Friday nights that isn't the park.",
                did: "Friday youth session at the community centre, 6–9 pm, run with Romsey Mill.",
                at: [.park], sources: ["Youth consultation", "Youth club session"]),
        YouSaid(said: "Residents said they report ASB at {place} but never hear back.",
                did: "The PSG now sends the residents' association a monthly update on what was done.",
                sources: ["Residents' association", "Area Committee"]),
        YouSaid(said: "Young people said they carry knives \"for protection\", because others do.",
                did: "Knife-crime workshops with a victim's family at two youth clubs, plus first-aid & bleed-kit training.",
                sources: ["Youth club session", "Schools survey"]),
        YouSaid(said: "Parents near {place} want to be told sooner when their child is at risk.",
                did: "Early Help now phones parents within 48 hours of a PSG referral.",
                at: [.housing, .street], sources: ["Residents' association", "Online survey"]),
        YouSaid(said: "Young people said the CCTV at {place} doesn't work, so \"nobody gets caught\".",
                did: "Camera checked and repaired; signs now say it is monitored.",
                at: [.street, .park, .shops], sources: ["Youth consultation", "Street survey"]),
        YouSaid(said: "Older residents said groups on bikes at {place} make them afraid to go to the shops.",
                did: "Patrols at shop opening times, and a meet-the-PCSO coffee morning.",
                at: [.shops], sources: ["Area Committee", "Residents' association"]),
        YouSaid(said: "Students said bikes are stolen from {place} every week.",
                did: "Bike marking with the university, and new secure stands.",
                at: [.transport, .shops, .street], sources: ["Online survey", "Street survey"]),
    ]

    static let prepared = ["Inspector Amélie Durand, PSG chair", "Sarah Okafor, ASB Manager (PSG chair)",
                           "Inspector Tom Whitfield, PSG chair"]

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]
}
