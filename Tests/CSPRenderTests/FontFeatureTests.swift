@testable import CSPRender
@testable import CSPTextShaping
import CSPDisplay
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Text without a composing character is shaped with the OpenType feature `ccmp` off, which
/// makes shaping with Inter much cheaper. These tests hold that to giving the same glyphs.
extension RenderTests {
    @Suite struct FontFeatureTests {
        static let root = String(testDir.prefix(upTo: testDir.range(of: "/Tests/")?.lowerBound ?? testDir.endIndex))

        @Test func composingCharacters() {
            for plain in ["", "Hello, world", "café naïve Œuvre ŁÓDŹ", "£1,234 – “quoted” … → ▼ ✓", "שלום", "Привет", "Ελλάδα", "🙂"] {
                #expect(!FontLibrary.needsComposition(plain), "\(plain)")
            }
            for composing in ["cafe\u{301}", "a\u{20DD}", "x\u{E000}", "\u{2E5}\u{2E9}", "\u{FE20}", "\u{1DC0}", "i\u{0307}"] {
                #expect(FontLibrary.needsComposition(composing), "\(composing.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }

        /// What the rule rests on, checked in the font files themselves: every `ccmp` rule of every
        /// bundled font needs a composing character (`scripts/check-fonts.py`, fontTools).
        @Test func everyCompositionRuleNeedsAComposingCharacter() throws {
            let fonts = ["Inter-Regular.ttf", "Inter-SemiBold.ttf", "Inter-Bold.ttf", "Inter-Italic.ttf",
                         "Inter-BoldItalic.ttf", "DejaVuSans.ttf"].map { Self.root + "/assets/fonts/" + $0 }
            // Debian's python3, where `make test` installs python3-fonttools: the first python3 on
            // PATH may be another (pyenv's, say) without it.
            let python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"
            guard let r = run(python, [Self.root + "/scripts/check-fonts.py"] + fonts) else {
                Issue.record("python3 missing (make test installs python3-fonttools)")
                return
            }
            #expect(r.status == 0, "\(r.output)")
            #expect(r.output.components(separatedBy: ": ok").count == fonts.count + 1, "\(r.output)")
        }

        /// The same glyphs, advances and offsets with and without `ccmp`, for text in every
        /// weight, unwrapped and wrapped (with the soft hyphens wrapping adds), over the
        /// characters the reports use and many they might.
        @Test func sameGlyphsWithoutComposition() throws {
            let fast = try FontLibrary.bundled()
            let full = try FontLibrary.bundled()
            full.alwaysCompose = true
            var pool: [Unicode.Scalar] = []
            for range in [0x20...0x7E, 0xA0...0x17F, 0x370...0x3CE, 0x400...0x45F, 0x5D0...0x5EA] {
                pool += range.compactMap(Unicode.Scalar.init)
            }
            pool += "‐–—‘’‚“”„†‡•…‰′″‹›€£¥₹←↑→↓↔⇒−×÷≤≥≠≈∞✓✗▲▼●○■□★☆№℃™".unicodeScalars
            var state: UInt64 = 0x2545_F491_4F6C_DD1D
            func next(_ n: Int) -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int(truncatingIfNeeded: state >> 33) % n
            }
            var texts = ["Problem-Solving Group -> 1x2 A-B (a) [B] {c} 10:30 x:y ->> <- <-> => 1/2 3/4 ffi ffl fi fl",
                         "Cambridge CSP: 42 cases open; 22 opened and 24 closed — North (11) ▲ up 3 on last quarter",
                         "ÆØÅ æøå ŒœĲĳ ŁłŃńŚśŹźŻż ĞğİıŞş Ŀŀ l·l Ţţ Ș ș ẞß", "#1 +2 -3 ±4 @home http://example.org/a?b=c&d"]
            for _ in 0..<300 {
                var s = ""
                for _ in 0..<(1 + next(40)) { s.unicodeScalars.append(next(6) == 0 ? " " : pool[next(pool.count)]) }
                texts.append(s)
            }
            let fonts = [FontSpec(size: 8.8), FontSpec(size: 10, weight: .semibold), FontSpec(size: 14, weight: .bold),
                         FontSpec(size: 9, italic: true), FontSpec(size: 9, weight: .bold, italic: true)]
            var compared = 0
            for (i, text) in texts.enumerated() {
                let styled = StyledText([TextRun(text)], font: fonts[i % fonts.count])
                for width in [nil, 90.0] as [Double?] {
                    #expect(fast.glyphs(styled, width: width) == full.glyphs(styled, width: width), "\(text)")
                    compared += 1
                }
            }
            #expect(compared == texts.count * 2)
        }
    }
}
