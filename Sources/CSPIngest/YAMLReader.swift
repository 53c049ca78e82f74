import CSPCore
import Yams

/// A YAML value with where it stands, converted from Yams so that the stages above never
/// import Yams and every message can name a line and column.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(String)
        case null
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    public var kind: Kind
    public var location: SourceLocation

    public var string: String? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    public var kindName: String {
        switch kind {
        case .scalar: return "a single value"
        case .null: return "nothing"
        case .sequence: return "a list"
        case .mapping: return "a set of keys"
        }
    }

    /// The entry for `key`, compared case-insensitively.
    public subscript(key: String) -> YAMLEntry? {
        guard case .mapping(let entries) = kind else { return nil }
        return entries.first { $0.key.lowercased() == key.lowercased() }
    }
}

public struct YAMLEntry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLNode
}

public enum YAMLReader {
    /// The partnership and quarter files are short; anything bigger is a mistake or an attack.
    public static let maximumFileSize = 1024 * 1024
    /// Deeper nesting than this is refused before parsing, because the parser recurses.
    public static let maximumDepth = 64
    /// Aliases can make a small file stand for a huge tree ("billion laughs"): stop converting
    /// after this many nodes.
    public static let maximumNodes = 100_000

    static let nestedTooDeep = "the YAML is nested more than \(maximumDepth) levels deep here; the file only needs a few levels"

    public static func read(bytes input: [UInt8], file: String) -> (YAMLNode?, [Diagnostic]) {
        let whole = SourceLocation(file: file)
        if input.count > maximumFileSize {
            return (nil, [.error(whole, "file is \(input.count / 1024) KB; a YAML file here may be at most \(maximumFileSize / 1024) KB")])
        }
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = CSVReader.firstNUL(bytes) {
            let (line, column) = CSVReader.position(of: nul, in: bytes)
            return (nil, [.error(SourceLocation(file: file, line: line, column: column),
                                 "file contains NUL bytes, so it is not a text YAML file; save it as UTF-8 text")])
        }
        var diagnostics: [Diagnostic] = []
        if !CSVReader.isValidUTF8(bytes) {
            let bad = CSVReader.firstInvalidUTF8(bytes)
            let (line, column) = CSVReader.position(of: bad, in: bytes)
            bytes = CSVReader.windows1252ToUTF8(bytes)
            diagnostics.append(.warning(SourceLocation(file: file, line: line, column: column),
                                        "file is not UTF-8 (first non-UTF-8 byte here); read it as Windows-1252 — save it as UTF-8 next time"))
        }
        if let (line, column) = tooDeep(bytes) {
            diagnostics.append(.error(SourceLocation(file: file, line: line, column: column), nestedTooDeep))
            return (nil, diagnostics)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                diagnostics.append(.error(whole, "file is empty"))
                return (nil, diagnostics)
            }
            var budget = maximumNodes
            var depth = 0
            guard let node = convert(root, file: file, budget: &budget, depth: &depth, diagnostics: &diagnostics) else {
                return (nil, diagnostics)
            }
            return (node, diagnostics)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, file: file, lines: YAMLAdvice.lines(text)))
            return (nil, diagnostics)
        } catch {
            diagnostics.append(.error(whole, "the YAML cannot be read: \(error)"))
            return (nil, diagnostics)
        }
    }

    /// libyaml's error as a message the chair can act on (see `YAMLAdvice`), at the line to
    /// change; libyaml's own words, with where it was, when no plainer explanation fits.
    static func diagnostic(for error: YamlError, file: String, lines: [Substring] = []) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func explain(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> Diagnostic {
            // libyaml's own limit (1000 levels), reached by indentation that tooDeep does not
            // count.
            if problem.contains("Maximum nesting level") { return .error(at(mark), nestedTooDeep) }
            if let advice = YAMLAdvice.explain(problem: problem, contextLine: context?.mark.line, contextColumn: context?.mark.column,
                                               line: mark.line, column: mark.column, lines: lines) {
                return .error(SourceLocation(file: file, line: advice.line, column: advice.column), advice.message)
            }
            var message = "the YAML is malformed: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return .error(at(mark), message)
        }
        switch error {
        case let .scanner(context, problem, mark, _): return explain(problem, context, mark)
        case let .parser(context, problem, mark, _): return explain(problem, context, mark)
        case let .composer(context, problem, mark, _): return explain(problem, context, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(at(context.mark), "key \(duplicates.map { TextMatch.quoted($0) }.joined(separator: ", ")) appears twice; keep one")
        case let .reader(problem, _, _, _): return .error(SourceLocation(file: file), "the file cannot be read as text: \(problem)")
        default: return .error(SourceLocation(file: file), "the YAML cannot be read: \(error)")
        }
    }

    private static func convert(_ node: Node, file: String, budget: inout Int, depth: inout Int,
                                diagnostics: inout [Diagnostic]) -> YAMLNode? {
        budget -= 1
        let mark = node.mark
        let location = SourceLocation(file: file, line: mark?.line, column: mark?.column)
        if depth > maximumDepth {
            diagnostics.append(.error(location, nestedTooDeep))
            return nil
        }
        if budget < 0 {
            diagnostics.append(.error(location, "the YAML expands to more than \(maximumNodes) values (through anchors and aliases?); write the values out plainly"))
            return nil
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return YAMLNode(kind: .null, location: location)
            }
            return YAMLNode(kind: .scalar(scalar.string), location: location)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            depth += 1
            defer { depth -= 1 }
            for child in sequence {
                guard let converted = convert(child, file: file, budget: &budget, depth: &depth, diagnostics: &diagnostics) else { return nil }
                items.append(converted)
            }
            return YAMLNode(kind: .sequence(items), location: location)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            depth += 1
            defer { depth -= 1 }
            for (key, value) in mapping {
                let keyMark = key.mark
                let keyLocation = SourceLocation(file: file, line: keyMark?.line, column: keyMark?.column)
                guard let keyText = key.scalar?.string else {
                    diagnostics.append(.error(keyLocation, "a key must be a plain word such as \"name\", not a list or a set of keys"))
                    return nil
                }
                if entries.contains(where: { $0.key.lowercased() == keyText.lowercased() }) {
                    diagnostics.append(.error(keyLocation, "key \(TextMatch.quoted(keyText)) appears twice; keep one"))
                    continue
                }
                guard let converted = convert(value, file: file, budget: &budget, depth: &depth, diagnostics: &diagnostics) else { return nil }
                entries.append(YAMLEntry(key: keyText, keyLocation: keyLocation, value: converted))
            }
            return YAMLNode(kind: .mapping(entries), location: location)
        case .alias:
            diagnostics.append(.error(location, "YAML aliases (*name) are not supported here; write the value out"))
            return nil
        }
    }

    /// A conservative estimate of nesting before the recursive parser sees the text: flow
    /// brackets, and block indicators (`- `, `? `) repeated at the start of a line.
    static func tooDeep(_ bytes: [UInt8]) -> (Int, Int)? {
        var depth = 0
        var line = 1, column = 1
        var atLineStart = true
        var lineDepth = 0
        var inSingle = false, inDouble = false
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                line += 1; column = 1; atLineStart = true; lineDepth = 0; i += 1
                continue
            }
            if atLineStart {
                if b == UInt8(ascii: " ") { column += 1; i += 1; continue }
                if (b == UInt8(ascii: "-") || b == UInt8(ascii: "?")) && i + 1 < n && bytes[i + 1] == UInt8(ascii: " ") {
                    lineDepth += 1
                    if lineDepth > maximumDepth { return (line, column) }
                    i += 2; column += 2
                    continue
                }
                atLineStart = false
            }
            if b == UInt8(ascii: "#") && !inSingle && !inDouble {
                while i < n && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            }
            if b == UInt8(ascii: "'") && !inDouble { inSingle.toggle() }
            else if b == UInt8(ascii: "\"") && !inSingle { inDouble.toggle() }
            else if !inSingle && !inDouble {
                if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                    depth += 1
                    if depth > maximumDepth { return (line, column) }
                } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    depth = max(0, depth - 1)
                }
            }
            if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return nil
    }
}
