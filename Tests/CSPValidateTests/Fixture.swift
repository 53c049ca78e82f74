import CSPCore
@testable import CSPValidate

/// A small valid reports/ tree for 2021-22-Q3, in memory. Tests change one file and read the
/// diagnostics that change produces.
struct Fixture {
    static let dir = "reports/2021-22-Q3"

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
        financial_year_start_month: 4
        suppression_threshold: 5
        classification:
          board: OFFICIAL-SENSITIVE
          public: OFFICIAL

        """,
        "reports/2021-22-Q3/quarter.yaml": """
        quarter: 2021-22-Q3
        prepared_by: Jo Smith, PSG chair
        meeting_date: 2022-01-20
        summary: |
          A busy quarter in the North.

          Blockers remain in the East.
        highlights:
          - Closure order at Arbury Court
          - New ABCD project in Romsey

        """,
        "reports/2021-22-Q3/psg-cases.csv": """
        case_id,title,area,location,issue,lead_agency,partners,opened,closed,status,outcome
        C-1,Drug dealing at Arbury Court,North,Arbury Court,drug dealing,Cambridgeshire Constabulary,City Council; Sanctuary Housing,2021-06-01,,open,
        C-2,Street drinking on Mill Road,East,Mill Road,street drinking,Cambridge City Council,"Police; Change Grow Live",2021-10-04,2021-12-10,closed,improved
        C-3,Cycle theft at the station,West/Central,Station Road,cycle theft,Cambridgeshire Constabulary,,01/09/2021,15/11/2021,closed,resolved
        C-4,Youth ASB Cherry Hinton,South,Cherry Hinton Hall,youth ASB,Cambridge City Council,,2021-11-20,,monitoring,
        C-5,Old fly-tipping case,North,Fen Road,fly-tipping,Cambridge City Council,,2021-03-01,2021-09-01,closed,resolved

        """,
        "reports/2021-22-Q3/successes.csv": """
        date,area,case_id,step,title,detail,partners
        2021-10-20,North,C-1,targeted-activity,Warrant executed,"Drugs, cash & a knife seized",Police
        21/11/2021,east,C-2,problem-solving,Alcohol-free zone,,City Council
        2021-12-01,City-wide,,engagement,County Lines week,,

        """,
        "reports/2021-22-Q3/blockers.csv": """
        blocker_id,raised,area,case_id,owner,description,escalate,status,resolved,resolution
        B-1,2021-07-01,North,C-1,Sanctuary Housing,No tenancy enforcement,yes,open,,
        B-2,2021-10-15,East,,Cambridge City Council,CCTV camera not replaced,no,resolved,2021-12-01,Funded
        B-3,2021-11-01,South,C-4,Cambridgeshire County Council,Youth worker post vacant,yes,open,,

        """,
        "reports/2021-22-Q3/carmel-activity.csv": """
        month,area,step,measure,value
        2021-10,North,engagement,Engagement events,4
        2021-11,North,engagement,Engagement events,6
        2021-12,North,targeted-activity,Arrests,3
        2021-10,East,problem-solving,Problem-solving plans,2
        2021-10,West,think-communities,ABCD conversations,12

        """,
        "reports/2021-22-Q3/think-communities.csv": """
        area,project,stage,lead,partners,started,update
        North,Arbury community fridge,active,Think Communities,,2021-05-01,Running weekly
        East,Romsey street party,idea,,,,

        """,
        "reports/2021-22-Q3/ocg-referrals.csv": """
        month,area,route,count
        2021-10,North,early-help,2
        2021-11,East,multi-agency,1

        """,
    ]

    var world: MemoryWorld { MemoryWorld(text: files) }

    func load() -> (QuarterInput?, [Diagnostic]) {
        QuarterLoader.load(world: world, directory: Fixture.dir)
    }

    /// Diagnostics formatted, in position order.
    func messages() -> [String] {
        var bag = Diagnostics()
        bag.append(contentsOf: load().1)
        return bag.sorted.map(\.formatted)
    }

    /// Replaces one line (1-based) of a file.
    mutating func replaceLine(_ file: String, _ line: Int, with text: String) {
        let path = file.contains("/") ? file : "\(Fixture.dir)/\(file)"
        var lines = (files[path] ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = text
        files[path] = lines.joined(separator: "\n")
    }

    mutating func appendLine(_ file: String, _ text: String) {
        let path = file.contains("/") ? file : "\(Fixture.dir)/\(file)"
        files[path] = (files[path] ?? "") + text + "\n"
    }
}
