@testable import CSPRender
@testable import CSPTextShaping
import Testing
import CSPSample

/// The text of a laid-out line is read from Pango's bytes (`FontLibrary.lineText`); it must be
/// exactly what the same rule gives on Swift characters (`lineTextByCharacters`).
@Suite struct LineTextTests {
    static func bytesRule(_ s: String) -> String {
        Array(s.utf8).withUnsafeBufferPointer { FontLibrary.lineText($0) }
    }

    @Test func examples() {
        #expect(Self.bytesRule("") == "")
        #expect(Self.bytesRule("Total cases  \n") == "Total cases")
        #expect(Self.bytesRule("com\u{AD}mu\u{AD}ni\u{AD}") == "communi-")
        #expect(Self.bytesRule("com\u{AD}mu\u{AD}ni\u{AD} ") == "communi-")
        #expect(Self.bytesRule("a\u{200B}b\u{200B}") == "ab")
        #expect(Self.bytesRule("café – “quoted” ") == "café – “quoted”")
        #expect(Self.bytesRule("line\r\n") == "line\r\n")
    }

    /// Random strings from pieces that meet at the edges of the rule: spaces, line breaks, CR
    /// LF, soft hyphens, zero-width spaces, combining marks, prepend characters, emoji.
    @Test func sameAsTheRuleOnCharacters() {
        let pieces = ["a", "Z", " ", "\n", "\r", "\r\n", "\u{AD}", "\u{200B}", "é", "e\u{301}", "\u{301}",
                      "\u{600}", "\u{6DD}", "\u{D4E}", "\u{110BD}", "\u{11A84}", "–", "’", "£", "🙂", "👍🏽",
                      "\u{200D}", "\u{FE0F}", "-", "\t"]
        var rng = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        var failures: [String] = []
        for _ in 0..<30_000 {
            var s = ""
            for _ in 0..<rng.below(9) { s += pieces[rng.below(pieces.count)] }
            if Self.bytesRule(s) != FontLibrary.lineTextByCharacters(s) {
                failures.append(s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }
}
