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
                if name.range(of: #"^\d{4}-\d{2}-Q[1-4]$"#, options: .regularExpression) != nil { quarters.append(name) }
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
        #expect(quarters == ["2023-24-Q3", "2023-24-Q4", "2024-25-Q1", "2024-25-Q2", "2024-25-Q3"])
        for quarter in quarters {
            let (input, diagnostics) = QuarterLoader.load(world: world, directory: "reports/\(quarter)")
            // The shipped police.uk files cover 2024 only: earlier months are missing, with a warning.
            let unexpected = diagnostics.filter { !$0.message.hasPrefix("no police.uk file for") }
            #expect(unexpected.isEmpty, "\(unexpected.map(\.formatted).prefix(20).joined(separator: "\n"))")
            #expect(input != nil)
        }
    }
}
