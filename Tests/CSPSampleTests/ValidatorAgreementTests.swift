import CSPAggregate
import CSPCore
import CSPValidate
import Testing
@testable import CSPSample

/// The product's own validator reads generated data without a single error or warning, and
/// its aggregates agree with the figures quoted in the chair's summary.
@Suite struct ValidatorAgreementTests {
    static func world(_ data: SampleDataSet) -> MemoryWorld {
        MemoryWorld(files: Dictionary(data.files.map { ("reports/\($0.path)", $0.bytes) },
                                      uniquingKeysWith: { a, _ in a }))
    }

    @Test(arguments: [UInt64(1), 2, 2024, 99_999])
    func validatorFindsNothingWrong(seed: UInt64) {
        let from = (try? Quarter.parse("2023-24-Q3").get()) ?? SampleOptions.defaultFrom
        let data = SampleGenerator.generate(SampleOptions(from: from, quarters: 5, scale: 1, seed: seed))
        let world = Self.world(data)
        for q in data.quarters {
            let (input, diagnostics) = QuarterLoader.load(world: world, directory: "reports/\(q.quarter)")
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted).prefix(10).joined(separator: "\n"))")
            #expect(input?.current.quarter == q.quarter)
        }
    }

    /// The harness must really read the generated files: one misspelt area is caught.
    @Test func harnessSeesAPlantedMistake() throws {
        let data = SampleGenerator.generate(SampleOptions(quarters: 1))
        var world = Self.world(data)
        let q = try #require(data.quarters.first)
        let path = "reports/\(q.quarter)/successes.csv"
        let text = String(decoding: try #require(world.files[path]), as: UTF8.self)
        let planted = text.replacing(",North,", with: ",Nroth,", maxReplacements: 1)
        #expect(planted != text)
        world.files[path] = Array(planted.utf8)
        let (_, diagnostics) = QuarterLoader.load(world: world, directory: "reports/\(q.quarter)")
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("Nroth") })
    }

    @Test func validatorAcceptsAScaledQuarter() {
        let from = (try? Quarter.parse("2024-25-Q2").get()) ?? SampleOptions.defaultFrom
        let data = SampleGenerator.generate(SampleOptions(from: from, quarters: 2, scale: 5, seed: 3))
        let world = Self.world(data)
        for q in data.quarters {
            let (_, diagnostics) = QuarterLoader.load(world: world, directory: "reports/\(q.quarter)")
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted).prefix(10).joined(separator: "\n"))")
        }
    }

    @Test func summaryAgreesWithTheNarrative() throws {
        let data = SampleGenerator.generate(SampleOptions())
        let world = Self.world(data)
        for q in data.quarters {
            let (loaded, _) = QuarterLoader.load(world: world, directory: "reports/\(q.quarter)")
            let input = try #require(loaded)
            let summary = Aggregator.summarise(input.current, partnership: input.partnership)
            let flow = summary.totals.cases
            #expect(flow.openAtStart + flow.opened - flow.closed == flow.openAtEnd)
            let yaml = String(decoding: q.file("quarter.yaml")?.bytes ?? [], as: UTF8.self)
            #expect(yaml.contains("worked on \(flow.openAtStart + flow.opened) cases: \(flow.openAtStart) carried over"))
            #expect(yaml.contains("\(flow.closed) cases were closed"))
            #expect(yaml.contains("leaving \(flow.openAtEnd) open"))
            #expect(yaml.contains("Partners recorded \(summary.totals.successes) successes"))
            #expect(yaml.contains("\(summary.totals.ocgReferrals) referrals of young people"))
        }
    }
}
