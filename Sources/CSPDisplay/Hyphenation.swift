/// Break opportunities in long words, as soft hyphens (U+00AD), so that wrapped and justified
/// text does not leave wide gaps. A simple syllable rule (V-CV and VC-CV), not a dictionary:
/// it only has to give plausible breaks in long words, and Pango shows a hyphen only where it
/// actually breaks.
public enum Hyphenation {
    public static let softHyphen: Character = "\u{00AD}"
    public static let minimumWordLength = 10

    public static func insertSoftHyphens(_ text: String) -> String {
        // Most text (table cells, short labels) has no word long enough to break: a word of
        // ten letters needs ten bytes in a row that are ASCII letters or non-ASCII.
        var run = 0, longest = 0
        for b in text.utf8 {
            if b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        if longest < minimumWordLength { return text }
        var out = ""
        var word: [Character] = []
        func flush() {
            out += hyphenate(word)
            word.removeAll()
        }
        for c in text {
            if c.isLetter { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    static func isVowel(_ c: Character) -> Bool { "aeiouyäöüéèêàâîïôûAEIOUY".contains(c) }

    static func hyphenate(_ w: [Character]) -> String {
        guard w.count >= minimumWordLength, w.dropFirst().allSatisfy({ $0.isLowercase }) else { return String(w) }
        var breaks: [Int] = []
        var i = 3
        while i <= w.count - 3 {
            let a = w[i - 1], b = w[i]
            let vcv = isVowel(a) && !isVowel(b) && i + 1 < w.count && isVowel(w[i + 1])
            let vccv = !isVowel(a) && !isVowel(b) && i >= 2 && isVowel(w[i - 2]) && i + 1 < w.count && isVowel(w[i + 1])
                // Keep common digraphs together.
                && !["ch", "sh", "th", "ph", "ck", "ng", "qu"].contains(String([a, b]).lowercased())
            if vcv || vccv {
                if let last = breaks.last, i - last < 2 { i += 1; continue }
                breaks.append(i)
            }
            i += 1
        }
        var s = ""
        for (j, c) in w.enumerated() {
            if breaks.contains(j) { s.append(softHyphen) }
            s.append(c)
        }
        return s
    }
}
