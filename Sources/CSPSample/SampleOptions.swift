import CSPCore

/// What to generate: `quarters` consecutive quarters starting at `from`, with row counts
/// multiplied by `scale`, drawn from the stream that `seed` starts.
public struct SampleOptions: Sendable, Equatable {
    public var from: Quarter
    public var quarters: Int
    public var scale: Int
    public var seed: UInt64

    /// Enough for eight quarters of history several times over, small enough to finish quickly.
    public static let quarterRange = 1...40
    /// Scale 1 is a realistic quarter; larger scales are for stress tests of the reader and layout.
    public static let scaleRange = 1...1000

    /// 2023-24-Q4, the default first quarter of `cspreport sample`.
    // A constant in range, so the initialiser cannot fail.
    public static let defaultFrom = Quarter(financialYear: 2023, number: 4)!

    public init(from: Quarter = SampleOptions.defaultFrom, quarters: Int = 4, scale: Int = 1, seed: UInt64 = 1) {
        self.from = from
        self.quarters = quarters
        self.scale = scale
        self.seed = seed
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

/// Everything `cspreport sample` writes: `csp.yaml` and the quarter folders, oldest first.
public struct SampleDataSet: Sendable {
    public let configuration: SampleFile
    public let quarters: [SampleQuarter]

    /// All files, csp.yaml first, then each quarter's files in contract order.
    public var files: [SampleFile] {
        [configuration] + quarters.flatMap(\.files)
    }
}
