@testable import CSPDisplay
import Testing

@Suite struct HyphenationTests {
    /// `isVowel` answers as searching its vowels' string did, for every character up to the
    /// combining marks, and for decomposed ones (a character compares canonically).
    @Test func vowelsAsTheStringSaid() {
        let reference = "aeiouyäöüéèêàâîïôûAEIOUY"
        var characters: [Character] = (0...0x2FF).compactMap { Unicode.Scalar($0).map(Character.init) }
        characters += ["e\u{301}", "u\u{308}", "a\u{300}", "E\u{301}", "o\u{302}", "y\u{308}", "\r\n", "👍", "ﬃ"]
        for c in characters {
            #expect(Hyphenation.isVowel(c) == reference.contains(c), "\(c.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Long words get soft hyphens between syllables; short ones and capitalised ones do not.
    @Test func softHyphensInLongWords() {
        #expect(Hyphenation.insertSoftHyphens("neighbourhood engagement") == "neighbour\u{AD}hood enga\u{AD}ge\u{AD}ment")
        #expect(Hyphenation.insertSoftHyphens("Cambridge Community") == "Cambridge Community")
        #expect(Hyphenation.insertSoftHyphens("réorganisation", minimumLength: 10) == Hyphenation.insertSoftHyphens("re\u{301}organisation", minimumLength: 10))
    }
}
