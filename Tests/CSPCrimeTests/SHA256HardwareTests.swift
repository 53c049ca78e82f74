import Testing
@testable import CSPCore

/// The SHA instructions (CSHA256) and the Swift code give the same digests, at every length
/// around the block and padding boundaries and on a large buffer fed in odd pieces.
@Suite struct SHA256HardwareTests {
    func digest(_ bytes: [UInt8], softwareOnly: Bool, pieces: Int = 1) -> String {
        var s = SHA256(softwareOnly: softwareOnly)
        let step = max(1, bytes.count / pieces)
        var i = 0
        while i < bytes.count {
            s.update(Array(bytes[i..<min(bytes.count, i + step)]))
            i += step
        }
        return s.finalHex()
    }

    @Test func hardwareAndSoftwareAgree() {
        var x: UInt32 = 2463534242
        let data: [UInt8] = (0..<1_000_003).map { _ in
            x ^= x << 13; x ^= x >> 17; x ^= x << 5
            return UInt8(truncatingIfNeeded: x)
        }
        for n in 0...200 {
            let b = Array(data.prefix(n))
            #expect(digest(b, softwareOnly: true) == digest(b, softwareOnly: false), "length \(n)")
        }
        #expect(digest(data, softwareOnly: true) == digest(data, softwareOnly: false, pieces: 7))
        // From sha256sum.
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
