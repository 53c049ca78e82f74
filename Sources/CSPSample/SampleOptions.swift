import CSPCore

/// What to generate: `quarters` consecutive quarters starting at `from`, with row counts
/// multiplied by `scale`, drawn from the stream that `seed` starts.
public struct SampleOptions: Sendable, Equatable {
    public var from: Quarter
    public var quarters: Int
    public var scale: Int
    public var seed: UInt64
    /// Records as partnerships really keep them (PRODUCT.md), not only as the code expects them
    /// (issue 14): activity as a log of several rows per month, area, step and measure; areas
    /// in any case, with stray spaces and by their aliases; blockers and successes on cases
    /// closed in an earlier quarter; measures of different units, listed in csp.yaml with
    /// aliases, and some rows logged under an alias. The activity totals per quarter, area, step
    /// and measure are those the same seed gives without it.
    public var asKept: Bool
    /// In the last quarter, leave out one case that was open (or monitoring) and one escalated
    /// blocker that was open at the end of the quarter before, as a chair who forgets to carry
    /// them over does. `SampleDataSet.forgotten` names them.
    public var forgetCarriedOver: Bool

    /// Enough for eight quarters of history several times over, small enough to finish quickly.
    public static let quarterRange = 1...40
    /// Scale 1 is a realistic quarter; larger scales are for stress tests of the reader and layout.
    public static let scaleRange = 1...1000
    /// With `asKept` the log has about 2.5 times the activity rows, and csp.yaml lists each patrol
    /// zone's measures: beyond this scale they would pass the reader's limits (300,000 rows a CSV
    /// file, 1 MB a YAML file), and the data would test the limits instead of the shapes.
    public static let asKeptScaleRange = 1...100

    /// 2023-24-Q4, the default first quarter of `cspreport sample`.
    // A constant in range, so the initialiser cannot fail.
    public static let defaultFrom = Quarter(financialYear: 2023, number: 4)!

    public init(from: Quarter = SampleOptions.defaultFrom, quarters: Int = 4, scale: Int = 1, seed: UInt64 = 1,
                asKept: Bool = false, forgetCarriedOver: Bool = false) {
        self.from = from
        self.quarters = quarters
        self.scale = scale
        self.seed = seed
        self.asKept = asKept
        self.forgetCarriedOver = forgetCarriedOver
    }

    /// Every reason these options cannot be used, in words for the command line; empty when fine.
    public var problems: [String] {
        var out: [String] = []
        if !SampleOptions.quarterRange.contains(quarters) {
            out.append("--quarters must be between \(SampleOptions.quarterRange.lowerBound) and "
                + "\(SampleOptions.quarterRange.upperBound), not \(quarters)")
        }
        if !SampleOptions.scaleRange.contains(scale) {
            out.append("--scale must be between \(SampleOptions.scaleRange.lowerBound) and "
                + "\(SampleOptions.scaleRange.upperBound), not \(scale)")
        }
        if from.yearStartMonth != 4 {
            out.append("the sample's csp.yaml starts the financial year in April; \(from) uses month \(from.yearStartMonth)")
        }
        if asKept && SampleOptions.scaleRange.contains(scale) && !SampleOptions.asKeptScaleRange.contains(scale) {
            out.append("--as-kept works up to --scale \(SampleOptions.asKeptScaleRange.upperBound), not \(scale): "
                + "its activity log and measures list would pass the reader's limits")
        }
        if forgetCarriedOver && quarters < 2 {
            // The forgotten rows are only missing against the quarter folder before them.
            out.append("--forget-carried-over needs at least 2 quarters, so that the last has one before it")
        }
        if from.adding(quarters: max(quarters, 1) - 1) == nil || from.financialYear + quarters / 4 + 2 > 9998 {
            out.append("--from \(from) with --quarters \(quarters) runs past the last year the calendar supports")
        }
        return out
    }
}

/// One generated file: its path relative to the output folder (`2023-24-Q4/psg-cases.csv`)
/// and its exact bytes.
public struct SampleFile: Sendable, Equatable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The file's name without its folder.
    public var name: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// One quarter folder's files, with the number of data rows (not counting the header) of each CSV.
public struct SampleQuarter: Sendable {
    public let quarter: Quarter
    public let files: [SampleFile]
    /// File name → data rows, e.g. `"psg-cases.csv": 61`.
    public let rowCounts: [String: Int]
}

/// The rows `forgetCarriedOver` left out of the last quarter: still open at the end of the
/// quarter before, and missing from this one's files.
public struct SampleForgotten: Sendable, Equatable {
    /// The last generated quarter, whose files lack the rows.
    public let quarter: Quarter
    /// Left out of psg-cases.csv: open or monitoring at the end of the quarter before.
    public let caseIDs: [String]
    /// Left out of blockers.csv: open and escalated at the end of the quarter before.
    public let blockerIDs: [String]

    public init(quarter: Quarter, caseIDs: [String], blockerIDs: [String]) {
        self.quarter = quarter
        self.caseIDs = caseIDs
        self.blockerIDs = blockerIDs
    }
}

/// Everything `cspreport sample` writes: `csp.yaml` and the quarter folders, oldest first.
public struct SampleDataSet: Sendable {
    public let configuration: SampleFile
    public let quarters: [SampleQuarter]
    /// What `forgetCarriedOver` left out; nil without it.
    public let forgotten: SampleForgotten?

    public init(configuration: SampleFile, quarters: [SampleQuarter], forgotten: SampleForgotten? = nil) {
        self.configuration = configuration
        self.quarters = quarters
        self.forgotten = forgotten
    }

    /// All files, csp.yaml first, then each quarter's files in contract order.
    public var files: [SampleFile] {
        [configuration] + quarters.flatMap(\.files)
    }
}
