import CSPCore

/// Plain explanations of what goes wrong when a YAML file is written by hand, for a reader who
/// has never heard of YAML: libyaml's own words ("mapping values are not allowed in this
/// context") name the parser's state, not the mistake. Each explanation names the line and, where
/// one line fixes it, shows that line as it should be written.
public enum YAMLAdvice {
    /// The file's lines, without line ends, for quoting them back.
    public static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
    }

    /// One line of the file, shortened for a message.
    static func shown(_ line: Substring) -> String {
        let t = line.trimmedOf(" \t")
        return t.count > 60 ? String(t.prefix(57)) + "…" : t
    }

    /// `text` as a YAML value that is read back as exactly `text`: in double quotes, or in single
    /// quotes when it holds double quotes (easier to read than `\"`), escaped when it holds both.
    public static func quoted(_ text: String) -> String {
        if !text.contains("\"") && !text.contains("\\") { return "\"\(text)\"" }
        if !text.contains("'") { return "'\(text)'" }
        var out = "\""
        for c in text {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }

    /// A line to type, in backquotes; the start of a very long one (a message is one line of a
    /// terminal, not a copy of the file).
    public static func code(_ line: String) -> String {
        line.count <= 160 ? "`\(line)`" : "`\(line.prefix(120))…`"
    }

    /// A line split as YAML reads it at a glance: its indentation, a list item's `- `, a key
    /// with its `: `, and the value.
    struct Parts {
        var indent: Substring
        var dash: Bool
        var key: Substring?
        var value: Substring
    }

    static func parts(_ line: Substring, keyed: Bool) -> Parts {
        var rest = line[...]
        let indent = rest.prefix { $0 == " " }
        rest = rest.dropFirst(indent.count)
        var dash = false
        if rest.hasPrefix("- ") || rest == "-" {
            dash = true
            rest = rest.dropFirst(2).drop { $0 == " " }
        }
        var key: Substring?
        if keyed, let colon = rest.indices.first(where: { rest[$0] == ":" && rest.index(after: $0) < rest.endIndex && rest[rest.index(after: $0)] == " " }) {
            key = rest[..<colon]
            rest = rest[rest.index(after: colon)...].drop { $0 == " " }
        }
        return Parts(indent: indent, dash: dash, key: key, value: rest.trimmedOf(" \t")[...])
    }

    /// The line as it should be written: its value in quotes (a list item's whole text, or a
    /// key's value).
    public static func quotedLine(_ line: Substring, keyed: Bool) -> String {
        let p = parts(line, keyed: keyed)
        var out = String(p.indent)
        if p.dash { out += "- " }
        if let key = p.key { out += key + ": " }
        var value = String(p.value)
        // Text after a single-quoted part (`'It''s done' and more`): '' stood for one quote.
        if value.hasPrefix("'") { value = String(value.split(separator: "''", omittingEmptySubsequences: false).joined(separator: "'")) }
        // Text already between quotes that broke at a quote inside (`'It's done'`, `"Said
        // "yes" loudly"`): the outer quotes were meant as quotes, not as text to keep.
        if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        return out + quoted(value)
    }

    /// The top-level key whose value the line belongs to: the nearest line at or above it that
    /// starts at the left edge with `key:`.
    static func owner(of lineNumber: Int, in lines: [Substring]) -> String? {
        var n = min(lineNumber, lines.count)
        while n >= 1 {
            let line = lines[n - 1]
            if let first = line.first, first != " ", first != "\t", first != "#", first != "-",
               let colon = line.firstIndex(of: ":") {
                return String(line[..<colon]).trimmedOf(" \t").lowercased()
            }
            n -= 1
        }
        return nil
    }

    public static let summaryHowTo = "write \"summary: |\" alone on its line and the paragraphs on the lines below it, every line indented by two spaces (a blank line between paragraphs); colons and # are then plain text"

    /// The message for a libyaml error at `mark` (1-based line and column), or nil to keep the
    /// general one. `context` is where libyaml was when it found the problem.
    static func explain(problem: String, contextLine: Int?, contextColumn: Int?, line: Int, column: Int,
                        lines: [Substring]) -> (line: Int, column: Int, message: String)? {
        func text(_ n: Int) -> Substring? { n >= 1 && n <= lines.count ? lines[n - 1] : nil }
        let here = text(line) ?? ""
        let character: Character? = column >= 1 && column <= here.count ? here[here.index(here.startIndex, offsetBy: column - 1)] : nil

        // Tabs: YAML allows only spaces for indentation, and after "-" or "key:".
        if problem.contains("tab") || character == "\t" {
            let tabLine = here.contains("\t") ? line : (contextLine.flatMap { text($0)?.contains("\t") == true ? $0 : nil } ?? line)
            let tabText = text(tabLine) ?? ""
            let tabColumn = (tabText.firstIndex(of: "\t").map { tabText.distance(from: tabText.startIndex, to: $0) } ?? 0) + 1
            let leading = tabText.prefix { $0 == " " || $0 == "\t" }.contains("\t")
            var message = "line \(tabLine) has a tab character; YAML files must use spaces, never tabs"
            if leading {
                message += ": indent the line with spaces, lined up with the lines around it"
            } else {
                message += ": replace it with a space, as in \(code(String(String(tabText.map { $0 == "\t" ? " " : $0 }).reversed().drop { $0 == " " }.reversed())))"
            }
            return (tabLine, tabColumn, message)
        }

        // A quote opened and never closed.
        if problem.contains("end of stream") || problem.contains("document indicator"), let cl = contextLine, let cc = contextColumn {
            return (cl, cc, "the quote that opens here (line \(cl)) is never closed; add the closing quote at the end of the text, or remove the opening one")
        }

        // `key: text: more` or `- text: more`, or the summary's text with a colon.
        if problem.contains("mapping values are not allowed") {
            let owner = owner(of: line, in: lines)
            let p = parts(here, keyed: here.first != " " && here.first != "-")
            if owner == "summary" && !p.dash {
                var message = "the summary's text has a colon followed by a space, which YAML reads as a new key; \(summaryHowTo)"
                if p.key?.lowercased() == "summary" {
                    message += ": here, replace this line with the two lines `summary: |` and \(code("  " + p.value))"
                }
                return (line, column, message)
            }
            if p.dash {
                let what = owner == "highlights" ? "highlight" : "line"
                return (line, column, "this \(what) has a colon followed by a space, which YAML reads as a key and a value; put the line's text in double quotes: \(code(quotedLine(here, keyed: false)))")
            }
            return (line, column, "this value has a colon followed by a space, which YAML reads as a key; put the value in double quotes: \(code(quotedLine(here, keyed: true)))")
        }

        // A line at the left edge that is not `key:`: text that belongs under the key above it.
        if problem.contains("could not find expected ':'"), let cl = contextLine, let stray = text(cl) {
            let owner = owner(of: cl - 1, in: lines)
            var message = "line \(cl) (\"\(shown(stray))\") starts at the left edge, where YAML expects a key such as highlights:"
            switch owner {
            case "summary"?: message += "; if it is part of the summary, indent it by two spaces, as `  \(shown(stray))`: \(summaryHowTo)"
            case "highlights"?: message += "; if it is a highlight, start it with two spaces and \"- \", as `  - \(shown(stray))`"
            default: message += "; indent it under the key it belongs to, or make it a key"
            }
            return (cl, 1, message)
        }

        // Text after a closing quote (`- "Closure order" at Arbury`), a value that starts with a
        // character YAML reserves, or a line out of line with the list it is in.
        if problem.contains("did not find expected") || problem.contains("cannot start any token") {
            // A value that opens a list with [ (or a set of keys with {) on an earlier line and
            // never closes it: libyaml stops lines later.
            var n = min(line - 1, lines.count)
            while n >= 1 {
                let earlier = lines[n - 1]
                let keyed = earlier.first != " " && earlier.first != "-"
                let p = parts(earlier, keyed: keyed)
                if let first = p.value.first, first == "[" || first == "{",
                   !p.value.contains(first == "[" ? "]" : "}") {
                    return (n, 1, "line \(n)'s value starts with \(first), which YAML reads as the start of a list that is never closed; if it is text, put it in double quotes: \(code(quotedLine(earlier, keyed: keyed)))")
                }
                if p.key != nil && keyed { break }   // the key this line belongs to
                n -= 1
            }
            let keyed = here.first != " " && here.first != "-"
            let p = parts(here, keyed: keyed)
            // `- Route: "Safe Streets" launched`: a key, then a quoted value with text after it.
            let asKey = parts(here, keyed: true)
            if p.dash, asKey.key != nil, asKey.value.first == "\"" || asKey.value.first == "'" {
                let what = owner(of: line, in: lines) == "highlights" ? "highlight" : "line"
                return (line, column, "this \(what) has a colon followed by a space, which YAML reads as a key and a value; put the line's text in double quotes: \(code(quotedLine(here, keyed: false)))")
            }
            if let first = p.value.first, first == "\"" || first == "'" {
                return (line, column, "there is text after the closing quote on line \(line); a value in quotes must be quoted whole: \(code(quotedLine(here, keyed: keyed)))")
            }
            // Characters YAML reserves at the start of a value: @ and ` always; [ { (a list, a
            // set of keys), * & (aliases, anchors), ! (tags) and % when text follows them.
            if let first = p.value.first, first == "@" || first == "`" || ("[{*&!%".contains(first) && problem.contains("did not find expected")) {
                return (line, column, "a value cannot start with \(first) in YAML; put the text in double quotes: \(code(quotedLine(here, keyed: keyed)))")
            }
            if problem.contains("did not find expected") {
                return (line, column, "line \(line) is not lined up with the lines above it: every \"- \" of a list, and every key, must start at the same column as the others (use spaces)")
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without the characters of `set` at either end.
    func trimmedOf(_ set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
