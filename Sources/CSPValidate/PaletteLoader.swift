import CSPCore
import CSPIngest
import CSPModel

/// `palette:` in csp.yaml: `primary`, `accent` and a colour per area, each `"#RRGGBB"`.
///
///     palette:
///       primary: "#1D4F91"
///       accent: "#C8102E"
///       North: "#12436D"
///
/// Colours that would make the report hard to read are warnings, not errors: the report is
/// still made, in the colours asked for.
enum PaletteLoader {
    static let example = "palette: {primary: \"#1D4F91\", accent: \"#28A197\", North: \"#12436D\"}"

    /// Text (headings) needs 4.5:1 on white (WCAG 2.1, 1.4.3); a chart's bars and lines 3:1 (1.4.11).
    static let textContrast = 4.5
    static let graphicContrast = 3.0
    /// Two areas' colours closer than this (CIE76 ΔE) are easily mistaken in a chart.
    static let leastDifference = 20.0

    static func read(_ node: YAMLNode, areas: [Area]) -> (PartnershipPalette?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if case .null = node.kind { return (nil, []) }
        guard case .mapping(let entries) = node.kind else {
            return (nil, [.error(node.location, "palette must be a set of colours, such as \(example)")])
        }
        var names: [String: String] = [:]
        for area in areas + [Area(name: Partnership.cityWide)] {
            for spelling in [area.name] + area.aliases { names[Partnership.areaKey(spelling)] = area.name }
        }
        let keys = ["primary", "accent"] + areas.map(\.name) + [Partnership.cityWide]
        var palette = PartnershipPalette()
        var areaEntries: [(name: String, colour: RGB, location: SourceLocation)] = []
        for entry in entries {
            let key = entry.key.trimmingSpaces
            let role = key.lowercased()
            let area = names[Partnership.areaKey(key)]
            guard role == "primary" || role == "accent" || area != nil else {
                var message = "unknown colour \(TextMatch.quoted(key)) in palette; the palette has primary, accent and the areas (\(TextMatch.list(areas.map(\.name))))"
                if let s = TextMatch.suggestion(for: key, among: keys) { message += "; did you mean \"\(s)\"?" }
                diagnostics.append(.error(entry.keyLocation, message))
                continue
            }
            guard let colour = colour(entry, diagnostics: &diagnostics) else { continue }
            switch role {
            case "primary":
                palette.primary = colour
                if colour.contrastOnWhite < textContrast {
                    diagnostics.append(.warning(entry.value.location, "primary \(colour) is too pale to read on white (contrast \(ratio(colour.contrastOnWhite)); headings need at least \(ratio(textContrast))); choose a darker colour"))
                }
            case "accent":
                palette.accent = colour
                if colour.contrastOnWhite < graphicContrast {
                    diagnostics.append(.warning(entry.value.location, "accent \(colour) is too pale to see on white (contrast \(ratio(colour.contrastOnWhite)); chart bars and lines need at least \(ratio(graphicContrast))); choose a darker colour"))
                }
            default:
                guard let area else { continue }
                if let first = areaEntries.first(where: { $0.name == area }) {
                    diagnostics.append(.error(entry.keyLocation, "\(area) is given a colour twice in palette (first at line \(first.location.line ?? 0)); keep one"))
                    continue
                }
                palette.areas[area] = colour
                if colour.contrastOnWhite < graphicContrast {
                    diagnostics.append(.warning(entry.value.location, "\(area)'s colour \(colour) is too pale to see on white (contrast \(ratio(colour.contrastOnWhite)); chart bars and lines need at least \(ratio(graphicContrast))); choose a darker colour"))
                }
                for other in areaEntries where colour.difference(from: other.colour) < leastDifference {
                    diagnostics.append(.warning(entry.value.location, "\(area)'s colour \(colour) looks almost the same as \(other.name)'s \(other.colour) (line \(other.location.line ?? 0)); a reader could mistake one area for the other in a chart: choose colours further apart"))
                }
                areaEntries.append((area, colour, entry.value.location))
            }
        }
        let empty = palette.primary == nil && palette.accent == nil && palette.areas.isEmpty
        return (empty ? nil : palette, diagnostics)
    }

    static func colour(_ entry: YAMLEntry, diagnostics: inout [Diagnostic]) -> RGB? {
        switch entry.value.kind {
        case .null:
            // `primary: #1D4F91` is a key with no value and a comment, to YAML.
            diagnostics.append(.error(entry.keyLocation, "\(entry.key) has no colour; write it in quotes, such as \(entry.key): \"#1D4F91\" (without quotes, YAML reads # as the start of a comment)"))
            return nil
        case .scalar(let s):
            guard let c = RGB(hex: s) else {
                diagnostics.append(.error(entry.value.location, "\(entry.key) \(TextMatch.quoted(s)) is not a colour; write it as # and six hexadecimal digits, in quotes, such as \"#1D4F91\""))
                return nil
            }
            return c
        default:
            diagnostics.append(.error(entry.value.location, "\(entry.key) must be one colour, such as \"#1D4F91\""))
            return nil
        }
    }

    /// "2.99:1", rounded down so that a ratio just short of a limit never reads as the limit.
    static func ratio(_ r: Double) -> String {
        let hundredths = Int((r * 100).rounded(.down))
        let cents = hundredths % 100
        return "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents):1"
    }
}
