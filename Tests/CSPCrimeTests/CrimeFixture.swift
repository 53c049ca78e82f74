import CSPCore
import CSPModel
@testable import CSPValidate

/// A reports/ tree for 2024-25-Q3 (October–December 2024) with police.uk files built for the
/// purpose: small, with every row's area known by construction. Tests change one file and
/// read the diagnostics that change produces.
struct CrimeFixture {
    static let dir = "reports/2024-25-Q3"
    static let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"

    static let partnership = Partnership(
        name: "Cambridge Community Safety Partnership", shortName: "Cambridge CSP",
        areas: [Area(name: "North"), Area(name: "East"), Area(name: "South"),
                Area(name: "West", aliases: ["West/Central", "Central"])])

    /// One police.uk row. `id` empty for ASB, as police.uk writes it.
    static func row(_ month: String, _ lsoa: String, _ type: String, id: String = "abc123",
                    location: String = "On or near High Street") -> String {
        "\(type == "Anti-social behaviour" ? "" : id),\(month),Cambridgeshire Constabulary,Cambridgeshire Constabulary,0.13,52.2,\(location),\(lsoa),\(lsoa.isEmpty ? "" : "Cambridge 001A"),\(type),\(type == "Anti-social behaviour" ? "" : "Under investigation"),"
    }

    static func file(_ rows: [String]) -> String {
        ([header] + rows).map { $0 + "\r\n" }.joined()
    }

    // North E01000001, East E01000002, South E01000003, West (as West/Central) E01000004.
    var files: [String: String] = [
        "reports/csp.yaml": """
        name: Cambridge Community Safety Partnership
        short_name: Cambridge CSP
        areas:
          - North
          - East
          - South
          - name: West
            aliases: [West/Central, Central]

        """,
        "reports/2024-25-Q3/quarter.yaml": """
        quarter: 2024-25-Q3
        prepared_by: Jo Smith, PSG chair
        meeting_date: 2025-01-20
        summary: |
          A quarter.

        """,
        "reports/2024-25-Q3/psg-cases.csv": "case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome\n",
        "reports/2024-25-Q3/successes.csv": "date,area,case_id,step,title,detail,partners\n",
        "reports/2024-25-Q3/blockers.csv": "blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution\n",
        "reports/2024-25-Q3/carmel-activity.csv": "month,area,step,measure,value\n",
        "reports/2024-25-Q3/think-communities.csv": "area,project,stage,lead,partners,started,update\n",
        "reports/lsoa-areas.csv": """
        lsoa_code,lsoa21_name,ward_name,area
        E01000001,Cambridge 001A,Arbury,North
        E01000002,Cambridge 002A,Romsey,East
        E01000003,Cambridge 003A,Trumpington,South
        E01000004,Cambridge 004A,Market,West/Central

        """,
        // This quarter: October–December 2024.
        "reports/police-uk/2024-10-cambridgeshire-street.csv": file([
            row("2024-10", "E01000001", "Violence and sexual offences"),
            row("2024-10", "E01000001", "Violence and sexual offences"),
            row("2024-10", "E01000001", "Anti-social behaviour"),
            row("2024-10", "E01000002", "Shoplifting"),
            row("2024-10", "E01099999", "Burglary"),      // outside the partnership
            row("2024-10", "", "Other crime", location: "No Location"),  // location withheld
        ]),
        "reports/police-uk/2024-11-cambridgeshire-street.csv": file([
            row("2024-11", "E01000004", "Bicycle theft"),
            row("2024-11", "E01000004", "Bicycle theft"),
            row("2024-11", "E01000003", "Anti-social behaviour"),
            row("2024-11", "E01000001", "Shoplifting"),
        ]),
        "reports/police-uk/2024-12-cambridgeshire-street.csv": file([
            row("2024-12", "E01000001", "Anti-social behaviour"),
            row("2024-12", "E01000002", "Drugs"),
        ]),
        // Last quarter: July–September 2024.
        "reports/police-uk/2024-07-cambridgeshire-street.csv": file([
            row("2024-07", "E01000001", "Violence and sexual offences"),
        ]),
        "reports/police-uk/2024-08-cambridgeshire-street.csv": file([
            row("2024-08", "E01000002", "Anti-social behaviour"),
            row("2024-08", "E01000002", "Robbery"),
        ]),
        "reports/police-uk/2024-09-cambridgeshire-street.csv": file([
            row("2024-09", "E01000004", "Other theft"),
        ]),
        // Not needed by 2024-25-Q3 (neither last quarter nor a year earlier): never read,
        // so its broken content must say nothing.
        "reports/police-uk/2024-04-cambridgeshire-street.csv": "this is not a police.uk file\n",
    ]

    var world: MemoryWorld { MemoryWorld(text: files) }

    func load() -> (QuarterInput?, [Diagnostic]) {
        QuarterLoader.load(world: world, directory: CrimeFixture.dir)
    }

    /// Diagnostics formatted, in position order.
    func messages() -> [String] {
        var bag = Diagnostics()
        bag.append(contentsOf: load().1)
        return bag.sorted.map(\.formatted)
    }

    mutating func set(_ name: String, rows: [String]) {
        files["reports/police-uk/\(name)"] = CrimeFixture.file(rows)
    }
}
