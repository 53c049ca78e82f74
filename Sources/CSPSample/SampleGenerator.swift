import CSPCore

/// Generates a `reports/` folder of realistic, deterministic sample data: `csp.yaml` and one
/// folder per quarter holding every file of the input contract. The same options always give
/// the same bytes; nothing reads the clock or the system random number generator, and nothing
/// touches the disk (the command line writes the files).
public enum SampleGenerator {
    /// Options must have no `problems`; out-of-range values are clamped rather than trapped.
    public static func generate(_ options: SampleOptions) -> SampleDataSet {
        let scale = min(max(options.scale, SampleOptions.scaleRange.lowerBound), SampleOptions.scaleRange.upperBound)
        let count = min(max(options.quarters, SampleOptions.quarterRange.lowerBound),
                        SampleOptions.quarterRange.upperBound)
        // Forgetting needs a quarter before the last one (options.problems says so).
        let forgetIn = options.forgetCarriedOver && count >= 2 ? count - 1 : nil
        var simulation = Simulation(seed: options.seed, scale: scale, firstQuarter: options.from,
                                    asKept: options.asKept, forgetInQuarter: forgetIn)
        var quarters: [SampleQuarter] = []
        for offset in 0..<count {
            guard let quarter = options.from.adding(quarters: offset) else { break }
            quarters.append(simulation.advance(to: quarter))
        }
        let yaml = options.asKept ? configurationYAML + measuresYAML(scale: scale) : configurationYAML
        return SampleDataSet(configuration: SampleFile(path: "csp.yaml", bytes: Array(yaml.utf8)),
                             quarters: quarters, forgotten: simulation.forgotten)
    }

    /// csp.yaml's optional `measures:` list (PRODUCT.md), written with `asKept`: every measure the
    /// activity log writes, with its step, unit and the aliases teams use.
    static func measuresYAML(scale: Int) -> String {
        var out = "measures:                          # what each measure counts; only one unit adds up\n"
        for (name, measure) in keptMeasures(scale: scale) {
            var entry = "name: \(yamlPlainOrQuoted(name)), step: \(measure.step), unit: \(yamlPlainOrQuoted(measure.unit))"
            if name == measure.name, let aliases = Catalogue.measureAliases[name] {
                entry += ", aliases: [\(aliases.map(yamlPlainOrQuoted).joined(separator: ", "))]"
            }
            out += "  - {\(entry)}\n"
        }
        return out
    }

    /// Every measure the activity log writes with `asKept`, in catalogue order: per patrol zone
    /// at larger scales, as the tidy rows are, and cash seized (£) after the count of seizures.
    static func keptMeasures(scale: Int) -> [(name: String, measure: Catalogue.Measure)] {
        var out: [(name: String, measure: Catalogue.Measure)] = []
        for measure in Catalogue.measures {
            for zone in 1...max(scale, 1) { out.append((Catalogue.zoneName(measure.name, zone), measure)) }
            if measure.name == Catalogue.cashSeizures {
                for zone in 1...max(scale, 1) {
                    out.append((Catalogue.zoneName(Catalogue.cashSeized.name, zone), Catalogue.cashSeized))
                }
            }
        }
        return out
    }

    /// The partnership configuration of PRODUCT.md, without a logo (the sample ships none).
    public static let configurationYAML = """
        name: Cambridge Community Safety Partnership
        short_name: Cambridge CSP
        areas:                             # a name, or a name with the other spellings people use
          - North
          - East
          - South
          - name: West
            aliases: [West/Central, Central]
        financial_year_start_month: 4      # April: Q1 = April–June
        suppression_threshold: 5           # public edition shows 1–4 as "<5"
        classification:
          board: OFFICIAL-SENSITIVE
          public: OFFICIAL

        """

    /// The quarter folder's files, in the order the contract lists them.
    public static let quarterFileNames = ["quarter.yaml", "psg-cases.csv", "successes.csv", "blockers.csv",
                                          "carmel-activity.csv", "think-communities.csv", "ocg-referrals.csv",
                                          "you-said-we-did.csv"]
}
