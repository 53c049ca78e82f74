import CSPAggregate
import CSPCore
import CSPModel

extension SummaryTable {
    /// "Crime and ASB (police.uk, October–December 2024): North 930 (ASB 131), …".
    static func crimeLines(_ crime: QuarterCrime, order: [String]) -> String {
        guard crime.isAvailable else {
            return "\nCrime and ASB (police.uk): not available for \(crime.quarter.monthRange)\n"
        }
        let covered = crime.isComplete ? crime.quarter.monthRange
            : TextMatch.list(crime.monthsWithData.map(\.name)) + " only"
        let areas = order.filter { $0 != Partnership.cityWide }.map { name in
            let c = crime.area(name)
            return "\(name) \(c.total) (ASB \(c.asb))"
        }
        return "\nCrime and ASB (police.uk, \(covered)): " + areas.joined(separator: ", ")
            + "; total \(crime.totals.total) (ASB \(crime.totals.asb))\n"
    }
}

enum CrimeSummaryLine {
    /// "; 8,744 police.uk rows in 6 monthly files" for validate's closing line, or "".
    static func validated(_ data: PoliceData?) -> String {
        guard let data, !data.files.isEmpty else { return "" }
        let rows = data.files.map(\.rows).reduce(0, +)
        return ", and \(English.count(rows, "police.uk row")) in \(English.count(data.files.count, "monthly file"))"
    }
}
