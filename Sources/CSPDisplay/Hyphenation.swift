/// Break opportunities in long words, as soft hyphens (U+00AD), so that wrapped and justified
/// text does not leave wide gaps. A simple syllable rule (V-CV and VC-CV), not a dictionary:
/// it only has to give plausible breaks in long words, and Pango shows a hyphen only where it
/// actually breaks.
public enum Hyphenation {
    public static let softHyphen: Character = "\u{00AD}"
    public static let minimumWordLength = 10

    public static func insertSoftHyphens(_ text: String, minimumLength: Int = minimumWordLength) -> String {
        // Most text (table cells, short labels) has no word long enough to break: a word of n
        // letters needs n bytes in a row that are ASCII letters or non-ASCII.
        var run = 0, longest = 0
        for b in text.utf8 {
            if b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        if longest < minimumLength { return text }
        var out = ""
        var word: [Character] = []
        func flush() {
            out += word.count >= minimumLength ? hyphenate(word) : String(word)
            word.removeAll()
        }
        for c in text {
            if c.isLetter { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        return out
    }

    /// Whether `c` is one of "aeiouyäöüéèêàâîïôûAEIOUY" (compared as characters are, so a
    /// decomposed "é" counts too): ASCII by its byte, anything else in a set. Searching that
    /// string character by character was three quarters of the time hyphenation took.
    static func isVowel(_ c: Character) -> Bool {
        if let a = c.asciiValue {
            switch a | 0x20 {
            case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true  // a e i o u y, either case
            default: return false
            }
        }
        return accentedVowels.contains(c)
    }
    static let accentedVowels: Set<Character> = Set("äöüéèêàâîïôû")

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
        var next = breaks.makeIterator()
        var at = next.next()
        for (j, c) in w.enumerated() {
            if j == at { s.append(softHyphen); at = next.next() }
            s.append(c)
        }
        return s
    }

    /// Words longer than this get a zero-width space (a break opportunity) every
    /// `longWordSegment` characters. Pango breaks a word that has no break opportunity in time
    /// quadratic in its length: a 30,000-character "word" in a table cell took 29 s to lay out,
    /// and a 128 KB one (the longest cell cspreport reads) would take minutes. No real word or
    /// link is this long, so normal text is never touched.
    public static let longWordLimit = 256
    public static let longWordSegment = 64
    public static let zeroWidthSpace: Character = "\u{200B}"

    public static func breakLongWords(_ text: String) -> String {
        guard text.utf8.count > longWordLimit else { return text }
        var out = ""
        var word: [Character] = []
        func flush() {
            if word.count > longWordLimit {
                for (i, c) in word.enumerated() {
                    if i > 0 && i % longWordSegment == 0 { out.append(zeroWidthSpace) }
                    out.append(c)
                }
            } else {
                out.append(contentsOf: word)
            }
            word.removeAll(keepingCapacity: true)
        }
        for c in text {
            if c.isWhitespace || c == zeroWidthSpace || c == "-" { flush(); out.append(c) } else { word.append(c) }
        }
        flush()
        return out
    }
}
