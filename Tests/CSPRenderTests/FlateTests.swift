@testable import CSPRender
import Testing

/// The post-pass inflates, marks and deflates each page's content itself (on every core).
@Suite struct FlateTests {
    @Test func roundTripsAndRefusesWhatIsNotZlib() throws {
        var text: [UInt8] = []
        for i in 0..<20_000 { text += Array("q 1 0 0 1 \(i % 97) \(i % 13) cm BT /f-0-0 9 Tf (x) Tj ET Q\n".utf8) }
        let packed = try #require(Flate.deflate(text))
        #expect(packed.count < text.count / 10)
        #expect(Flate.inflate(packed) == text)
        #expect(Flate.inflate(try #require(Flate.deflate([]))) == [])
        #expect(Flate.inflate([]) == nil)
        #expect(Flate.inflate(Array("not zlib at all".utf8)) == nil)
        // Cut short: the stream never ends.
        #expect(Flate.inflate(Array(packed.prefix(packed.count / 2))) == nil)
        // Past the limit: refused rather than grown without bound.
        #expect(Flate.inflate(packed, limit: 10_000) == nil)
    }
}
