import CSPCore
import CSPValidate
import Foundation
import Testing

/// The hand-edited sample quarters in reports/ must stay valid as they are edited: the
/// validator finds no errors and no warnings in any of them.
@Suite struct SampleReportsTests {
    /// The package root, found from this file so the test does not depend on the working directory.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Reads reports/ from the disk into memory, so the validator runs exactly as in the other tests.
    static func reportsWorld() -> (MemoryWorld, [String]) {
        let fm = FileManager.default
        let reports = root.appendingPathComponent("reports")
        var files: [String: [UInt8]] = [:]
        var quarters: [String] = []
        let names = ((try? fm.contentsOfDirectory(atPath: reports.path)) ?? []).sorted()
        for name in names {
            let url = reports.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                // police-uk/ holds police.uk's monthly files (see CSPCrimeTests), not a quarter.
                if case .success = Quarter.parse(name) { quarters.append(name) }
                for file in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] {
                    if let data = fm.contents(atPath: url.appendingPathComponent(file).path) {
                        files["reports/\(name)/\(file)"] = [UInt8](data)
                    }
                }
            } else if let data = fm.contents(atPath: url.path) {
                files["reports/\(name)"] = [UInt8](data)
            }
        }
        return (MemoryWorld(files: files), quarters)
    }

    @Test func sampleQuartersAreValid() {
        let (world, quarters) = Self.reportsWorld()
        #expect(quarters == ["2023-24-Q3", "2023-24-Q4", "2024-25-Q1", "2024-25-Q2", "2024-25-Q3", "2024-25-Q4"])
        for quarter in quarters {
            let (input, loaded) = QuarterLoader.load(world: world, directory: "reports/\(quarter)")
            var diagnostics = loaded
            // The shipped police.uk files cover 2024 only, so October–December 2023 and
            // January–March 2025 have no crime data; saying so is the one warning expected.
            if quarter == "2023-24-Q3" || quarter == "2024-25-Q4" {
                #expect(diagnostics.filter { $0.location.file == "reports/police-uk" }.map(\.severity) == [.warning])
                diagnostics.removeAll { $0.location.file == "reports/police-uk" && $0.severity == .warning }
            } else {
                #expect(input?.crime?.files.isEmpty == false)
            }
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted).prefix(20).joined(separator: "\n"))")
            #expect(input != nil)
        }
    }
}
