import CSPCore
import CSPModel
import CSPValidate
import Testing

/// `palette:` in csp.yaml (issue 21, point 3): colours as the chair types them, and the colours
/// that would make the report hard to read.
@Suite struct PaletteTests {
    static let base = """
        name: Cambridge Community Safety Partnership
        areas:
          - North
          - East
          - South
          - name: West
            aliases: [West/Central, Central]

        """

    func load(_ palette: String) -> (Partnership?, [String]) {
        let world = MemoryWorld(text: ["reports/csp.yaml": PaletteTests.base + palette])
        let (p, _, d) = PartnershipLoader.load(world: world, path: "reports/csp.yaml")
        return (p, d.map(\.formatted))
    }

    @Test func coloursAsTheChairWritesThem() throws {
        let (p, messages) = load("""
            palette:
              primary: "#1d4f91"
              accent: '0F7B6C'
              north: "#12436D"
              West/Central: "#801650"
            """)
        #expect(messages == [])
        let palette = try #require(p?.palette)
        #expect(palette.primary == RGB(hex: "#1D4F91"))
        #expect(palette.accent?.description == "#0F7B6C")
        // Areas by any spelling csp.yaml gives them, kept under the area's name.
        #expect(palette.areas == ["North": RGB(red: 0x12, green: 0x43, blue: 0x6D), "West": RGB(red: 0x80, green: 0x16, blue: 0x50)])
    }

    @Test func mistakesNameTheLineAndTheFix() {
        let (p, messages) = load("""
            palette:
              primary: #1D4F91
              accent: "#0F7B6"
              Nroth: "#12436D"
              East: [1, 2]
            """)
        #expect(p == nil)
        #expect(messages == [
            "reports/csp.yaml:9:3: error: primary has no colour; write it in quotes, such as primary: \"#1D4F91\" (without quotes, YAML reads # as the start of a comment)",
            "reports/csp.yaml:10:11: error: accent \"#0F7B6\" is not a colour; write it as # and six hexadecimal digits, in quotes, such as \"#1D4F91\"",
            "reports/csp.yaml:11:3: error: unknown colour \"Nroth\" in palette; the palette has primary, accent and the areas (North, East, South and West); did you mean \"North\"?",
            "reports/csp.yaml:12:9: error: East must be one colour, such as \"#1D4F91\"",
        ])
    }

    @Test func paleAndLookAlikeColoursAreWarnings() throws {
        let (p, messages) = load("""
            palette:
              primary: "#A0A0A0"
              accent: "#FFDD00"
              North: "#1D4F91"
              East: "#1F5394"
              South: "#E07B00"
            """)
        #expect(p?.palette?.primary == RGB(hex: "A0A0A0"), "warnings still give the colours asked for")
        #expect(messages == [
            "reports/csp.yaml:9:12: warning: primary #A0A0A0 is too pale to read on white (contrast 2.61:1; headings need at least 4.50:1); choose a darker colour",
            "reports/csp.yaml:10:11: warning: accent #FFDD00 is too pale to see on white (contrast 1.34:1; chart bars and lines need at least 3.00:1); choose a darker colour",
            "reports/csp.yaml:12:9: warning: East's colour #1F5394 looks almost the same as North's #1D4F91 (line 11); a reader could mistake one area for the other in a chart: choose colours further apart",
            "reports/csp.yaml:13:10: warning: South's colour #E07B00 is too pale to see on white (contrast 2.99:1; chart bars and lines need at least 3.00:1); choose a darker colour",
        ])
    }

    @Test func contrastAndDifferenceFollowWCAGAndCIELAB() throws {
        let black = RGB(red: 0, green: 0, blue: 0), white = RGB(red: 255, green: 255, blue: 255)
        #expect(abs(black.contrastOnWhite - 21) < 0.001)
        #expect(abs(white.contrastOnWhite - 1) < 0.001)
        // GOV.UK's link blue is 4.5:1 or more; its yellow is not.
        #expect(try #require(RGB(hex: "#1D70B8")).contrastOnWhite > 4.5)
        #expect(abs(black.difference(from: white) - 100) < 0.01, "L* runs from 0 to 100")
    }
}

/// `fonts:` in csp.yaml: a folder of font files with their licence, inside csp.yaml's folder.
@Suite struct FontsFolderTests {
    func load(_ files: [String: String], fonts: String) -> [String] {
        var text = files
        text["reports/csp.yaml"] = PaletteTests.base + "fonts: \(fonts)\n"
        let (_, _, d) = PartnershipLoader.load(world: MemoryWorld(text: text), path: "reports/csp.yaml")
        return d.map(\.formatted)
    }

    @Test func aFolderOfFontsWithTheirLicence() {
        #expect(load(["reports/brand/Serif-Regular.ttf": "x", "reports/brand/OFL.txt": "x"], fonts: "brand") == [])
        #expect(load(["reports/brand/Serif-Regular.otf": "x", "reports/brand/LICENSE": "x"], fonts: "brand/") == [])
    }

    @Test func whatIsMissingIsNamed() {
        #expect(load([:], fonts: "../elsewhere") == [
            "reports/csp.yaml:8:8: error: fonts \"../elsewhere\" points outside the folder that holds csp.yaml; put the font files in a folder there (e.g. assets/fonts)",
        ])
        #expect(load(["reports/brand.ttf": "x"], fonts: "brand") == [
            "reports/csp.yaml:8:8: error: fonts \"brand\" is not a folder (looked for reports/brand); give the folder that holds the font files",
        ])
        #expect(load(["reports/brand/OFL.txt": "x", "reports/brand/logo.png": "x"], fonts: "brand") == [
            "reports/csp.yaml:8:8: error: fonts \"brand\" holds no font files; put TrueType or OpenType files (.ttf, .otf) there, a regular and a bold face at least",
        ])
        #expect(load(["reports/brand/Serif-Regular.ttf": "x"], fonts: "brand") == [
            "reports/csp.yaml:8:8: error: fonts \"brand\" has no licence file; put the fonts' licence (such as OFL.txt or LICENSE.txt) beside them: the report embeds the fonts, so their licence must allow it and travel with them",
        ])
    }
}
