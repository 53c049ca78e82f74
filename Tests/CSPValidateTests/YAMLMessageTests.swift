import Testing
import CSPCore
import CSPIngest
@testable import CSPValidate

/// quarter.yaml as chairs write it by hand, and the one message each mistake gets: it names the
/// line, says what YAML made of it in plain words, and shows the line as it should be written
/// where one line fixes it. (Tests/BadInputs 82–89 hold more, as whole quarters.)
@Suite struct YAMLMessageTests {
    static let head = "quarter: 2021-22-Q3\nprepared_by: Jo Smith\nmeeting_date: 2022-01-20\n"
    static let summary = "summary: |\n  A busy quarter.\n"

    static func messages(_ yaml: String) -> [String] {
        let quarter = try! Quarter.parse("2021-22-Q3").get()
        let (_, diagnostics) = NarrativeLoader.load(bytes: Array(yaml.utf8), file: "q.yaml", quarter: quarter)
        return diagnostics.map(\.formatted)
    }

    static func narrative(_ yaml: String) -> QuarterNarrativeParts? {
        let quarter = try! Quarter.parse("2021-22-Q3").get()
        guard let n = NarrativeLoader.load(bytes: Array(yaml.utf8), file: "q.yaml", quarter: quarter).0 else { return nil }
        return QuarterNarrativeParts(summary: n.summary, highlights: n.highlights, meeting: n.meetingDate?.description)
    }

    struct QuarterNarrativeParts: Equatable {
        var summary: [String]
        var highlights: [String]
        var meeting: String?
    }

    @Test func tabsAnywhereGetThePlainExplanation() {
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n\t- Closure order\n") == [
            "q.yaml:7:1: error: line 7 has a tab character; YAML files must use spaces, never tabs: indent the line with spaces, lined up with the lines around it",
        ])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  -\tClosure order\n") == [
            "q.yaml:7:4: error: line 7 has a tab character; YAML files must use spaces, never tabs: replace it with a space, as in `  - Closure order`",
        ])
        #expect(Self.messages(Self.head + "summary: |\n\tA busy quarter.\n") == [
            "q.yaml:5:1: error: line 5 has a tab character; YAML files must use spaces, never tabs: indent the line with spaces, lined up with the lines around it",
        ])
    }

    @Test func colonsInTextShowTheQuotedLine() {
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - Housing: two rough sleepers housed\n") == [
            "q.yaml:7:5: error: this highlight has a colon followed by a space, which YAML reads as a key and a value; put the line's text in double quotes: `  - \"Housing: two rough sleepers housed\"`",
        ])
        // Two colons: libyaml stops at the second.
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - Housing: two: again\n") == [
            "q.yaml:7:17: error: this highlight has a colon followed by a space, which YAML reads as a key and a value; put the line's text in double quotes: `  - \"Housing: two: again\"`",
        ])
        // Double quotes in the text: single quotes keep it readable.
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - Route: \"Safe Streets\" launched\n") == [
            "q.yaml:7:27: error: this highlight has a colon followed by a space, which YAML reads as a key and a value; put the line's text in double quotes: `  - 'Route: \"Safe Streets\" launched'`",
        ])
        #expect(Self.messages("quarter: 2021-22-Q3\nprepared_by: Jo Smith: PSG chair\nmeeting_date: 2022-01-20\n" + Self.summary) == [
            "q.yaml:2:22: error: this value has a colon followed by a space, which YAML reads as a key; put the value in double quotes: `prepared_by: \"Jo Smith: PSG chair\"`",
        ])
    }

    /// A very long line is shown by its start: a message stays one readable line.
    @Test func longLinesAreShownByTheirStart() {
        let long = "Housing: " + String(repeating: "two rough sleepers housed ", count: 40)
        let m = Self.messages(Self.head + Self.summary + "highlights:\n  - \(long)\n")
        #expect(m.count == 1)
        #expect(m.first?.hasSuffix("put the line's text in double quotes: `  - \"Housing: two rough sleepers housed two rough sleepers housed two rough sleepers housed two rough sleepers housed tw…`") == true, "\(m)")
    }

    /// The fixes the messages show are right: the file then reads as meant.
    @Test func theShownFixesRead() {
        #expect(Self.narrative(Self.head + Self.summary + "highlights:\n  - \"Housing: two rough sleepers housed\"\n  - 'Route: \"Safe Streets\" launched'\n  - \"Case #12 closed\"\n")
            == QuarterNarrativeParts(summary: ["A busy quarter."], highlights: ["Housing: two rough sleepers housed", "Route: \"Safe Streets\" launched", "Case #12 closed"], meeting: "2022-01-20"))
        #expect(Self.narrative(Self.head + "summary: |\n  A busy quarter. Blockers: two.\n\n  # not a comment here\n")
            == QuarterNarrativeParts(summary: ["A busy quarter. Blockers: two.", "# not a comment here"], highlights: [], meeting: "2022-01-20"))
    }

    @Test func summaryWithoutTheBar() {
        #expect(Self.messages(Self.head + "summary: A busy quarter. Blockers: two.\n") == [
            "q.yaml:4:34: error: the summary's text has a colon followed by a space, which YAML reads as a new key; write \"summary: |\" alone on its line and the paragraphs on the lines below it, every line indented by two spaces (a blank line between paragraphs); colons and # are then plain text: here, replace this line with the two lines `summary: |` and `  A busy quarter. Blockers: two.`",
        ])
        // Text on the next lines, indented but without |: a colon there.
        #expect(Self.messages(Self.head + "summary:\n  A busy quarter.\n  Blockers: two.\n") == [
            "q.yaml:6:11: error: the summary's text has a colon followed by a space, which YAML reads as a new key; write \"summary: |\" alone on its line and the paragraphs on the lines below it, every line indented by two spaces (a blank line between paragraphs); colons and # are then plain text",
        ])
        #expect(Self.messages(Self.head + "summary: |\n") == [
            "q.yaml:4:10: error: summary is empty; write the paragraphs on the lines below \"summary: |\", every line indented by two spaces, with a blank line between paragraphs",
        ])
    }

    @Test func linesNotIndentedUnderTheSummary() {
        #expect(Self.messages(Self.head + "summary: |\n  A busy quarter.\n\nBlockers remain.\n") == [
            "q.yaml:7:1: error: line 7 (\"Blockers remain.\") starts at the left edge, where YAML expects a key such as highlights:; if it is part of the summary, indent it by two spaces, as `  Blockers remain.`: write \"summary: |\" alone on its line and the paragraphs on the lines below it, every line indented by two spaces (a blank line between paragraphs); colons and # are then plain text",
        ])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - One\nTwo\n") == [
            "q.yaml:8:1: error: line 8 (\"Two\") starts at the left edge, where YAML expects a key such as highlights:; if it is a highlight, start it with two spaces and \"- \", as `  - Two`",
        ])
    }

    @Test func quotesAndReservedCharacters() {
        #expect(Self.messages(Self.head + "summary: \"A busy quarter.\n") == [
            "q.yaml:4:10: error: the quote that opens here (line 4) is never closed; add the closing quote at the end of the text, or remove the opening one",
        ])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - \"Closure order\" at Arbury\n") == [
            "q.yaml:7:21: error: there is text after the closing quote on line 7; a value in quotes must be quoted whole: `  - '\"Closure order\" at Arbury'`",
        ])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - 'It''s done' at last\n") == [
            "q.yaml:7:18: error: there is text after the closing quote on line 7; a value in quotes must be quoted whole: `  - \"'It's done' at last\"`",
        ])
        // Quotes meant as quotes, broken by one inside: the fix drops the outer pair.
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - 'It's done'\n") == [
            "q.yaml:7:9: error: there is text after the closing quote on line 7; a value in quotes must be quoted whole: `  - \"It's done\"`",
        ])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - \"Said \"yes\" loudly\"\n") == [
            "q.yaml:7:12: error: there is text after the closing quote on line 7; a value in quotes must be quoted whole: `  - 'Said \"yes\" loudly'`",
        ])
        #expect(Self.narrative(Self.head + Self.summary + "highlights:\n  - \"It's done\"\n  - 'Said \"yes\" loudly'\n")?.highlights == ["It's done", "Said \"yes\" loudly"])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - @home project\n") == [
            "q.yaml:7:5: error: a value cannot start with @ in YAML; put the text in double quotes: `  - \"@home project\"`",
        ])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - [draft] plan agreed\n") == [
            "q.yaml:7:13: error: a value cannot start with [ in YAML; put the text in double quotes: `  - \"[draft] plan agreed\"`",
        ])
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - One\n - Two\n") == [
            "q.yaml:8:2: error: line 8 is not lined up with the lines above it: every \"- \" of a list, and every key, must start at the same column as the others (use spaces)",
        ])
    }

    @Test func aHashCutsTextShort() {
        #expect(Self.messages(Self.head + Self.summary + "highlights:\n  - Case #12 closed\n  - #1 priority met\n") == [
            "q.yaml:7:5: error: highlight is cut short at \" #\": YAML reads \"#12 closed\" as a comment and leaves it out; to keep it, put the text in double quotes: `  - \"Case #12 closed\"`",
            "q.yaml:8:4: error: this highlight starts with #, which YAML reads as the start of a comment, so the line is empty; put the line's text in double quotes: `  - \"#1 priority met\"`",
        ])
        #expect(Self.messages("quarter: 2021-22-Q3\nprepared_by: Jo Smith #PSG chair\nmeeting_date: 2022-01-20\n" + Self.summary) == [
            "q.yaml:2:14: error: prepared_by is cut short at \" #\": YAML reads \"#PSG chair\" as a comment and leaves it out; to keep it, put the text in double quotes: `prepared_by: \"Jo Smith #PSG chair\"`",
        ])
        // A comment on a line of its own, and a # with no space before it, are fine.
        #expect(Self.messages(Self.head + Self.summary + "# the highlights\nhighlights:\n  - Case#12 closed\n") == [])
    }

    /// meeting_date reads and explains dates as the CSV files' date columns do.
    @Test func meetingDateFormsAsInTheCSVFiles() {
        for text in ["20/01/2022", "2022-01-20 00:00:00", "20/01/2022 00:00", "20/01/22"] {
            #expect(Self.narrative("quarter: 2021-22-Q3\nprepared_by: Jo\nmeeting_date: \(text)\n" + Self.summary)?.meeting == "2022-01-20", "\(text)")
        }
        #expect(Self.messages("quarter: 2021-22-Q3\nprepared_by: Jo\nmeeting_date: 01/20/2022\n" + Self.summary) == [
            "q.yaml:3:15: error: meeting_date \"01/20/2022\" is not a date: the month cannot be 20; it looks like month/day order (US): for 20 January 2022 write 20/01/2022",
        ])
    }
}
