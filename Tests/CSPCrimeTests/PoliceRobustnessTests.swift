import Testing
import CSPCore
import CSPModel
@testable import CSPValidate

/// Damaged police.uk files never crash the loader: bytes flipped, cut short, doubled.
@Suite struct PoliceRobustnessTests {
    @Test func mutatedFilesGiveDiagnosticsNotCrashes() {
        let base = Array(CrimeFixture.file([
            CrimeFixture.row("2024-10", "E01000001", "Violence and sexual offences"),
            CrimeFixture.row("2024-10", "E01000002", "Anti-social behaviour", location: "\"On or near \"\"The Avenue\"\", Romsey\""),
            CrimeFixture.row("2024-10", "", "Other crime"),
            CrimeFixture.row("2024-10", "W01000009", "Drugs"),
        ]).utf8)
        let specials: [UInt8] = [0x22, 0x2C, 0x0D, 0x0A, 0x00, 0xC3, 0xA9, 0xFF, 0x20, 0x45, 0x30]
        var x: UInt64 = 0xD1B54A32D192ED03
        func next(_ n: Int) -> Int {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return Int(x % UInt64(max(n, 1)))
        }
        let lookup = LSOALookup(areas: [LSOACode("E01000001")!.key: "North", LSOACode("E01000002")!.key: "East"])
        for _ in 0..<1500 {
            var bytes = base
            for _ in 0...next(6) {
                switch next(4) {
                case 0: bytes[next(bytes.count)] = specials[next(specials.count)]
                case 1: bytes.insert(specials[next(specials.count)], at: next(bytes.count))
                case 2: bytes.removeSubrange(next(bytes.count)..<bytes.count)
                default: bytes += bytes.prefix(next(bytes.count))
                }
                if bytes.isEmpty { break }
            }
            var reader = PoliceFileReader(lookup: lookup)
            let (file, _) = reader.read(bytes: bytes, path: "p.csv", name: "p.csv",
                                        month: YearMonth(year: 2024, month: 10)!, force: "x")
            #expect(file.inArea == reader.records.count)
            #expect(file.inArea + file.outside + file.locationWithheld <= file.rows)
        }
    }
}
