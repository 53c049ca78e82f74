import CSPCore
import CSPIngest
import CSPModel

public enum PartnershipLoader {
    static let knownKeys = ["name", "short_name", "areas", "financial_year_start_month",
                            "suppression_threshold", "classification", "logo", "measures", "palette", "fonts", "plan"]

    /// Reads and checks csp.yaml. Returns nil when the file cannot be used.
    public static func load(world: World, path: String) -> (Partnership?, InputFile?, [Diagnostic]) {
        let whole = SourceLocation(file: path)
        let bytes: [UInt8]
        do {
            guard let b = try world.read(path) else {
                return (nil, nil, [.error(whole, "the partnership configuration is missing: cspreport looks for \(InputContract.configYAML) in the folder that holds the quarter folders (see README: \"csp.yaml\")")])
            }
            bytes = b
        } catch {
            return (nil, nil, [.error(whole, "\(error)")])
        }
        let file = InputFile(path: path, name: InputContract.configYAML, rows: 0, bytes: bytes.count, sha256: SHA256.hex(bytes))
        var (root, diagnostics) = YAMLReader.read(bytes: bytes, file: path)
        guard let root else { return (nil, file, diagnostics) }
        guard case .mapping(let entries) = root.kind else {
            diagnostics.append(.error(root.location, "csp.yaml must be a set of keys (name:, areas:, …), not \(root.kindName)"))
            return (nil, file, diagnostics)
        }
        for entry in entries where !knownKeys.contains(entry.key.lowercased()) {
            var message = "unknown key \(TextMatch.quoted(entry.key)) is ignored"
            if let s = TextMatch.suggestion(for: entry.key, among: knownKeys) { message += "; did you mean \"\(s)\"?" }
            diagnostics.append(.warning(entry.keyLocation, message))
        }
        var ok = true
        func string(_ key: String, required: Bool) -> String? {
            guard let entry = root[key] else {
                if required {
                    diagnostics.append(.error(SourceLocation(file: path, line: 1, column: 1), "\(key) is missing; add a line such as `\(key): …`"))
                    ok = false
                }
                return nil
            }
            guard let s = entry.value.string?.trimmingSpaces, !s.isEmpty else {
                diagnostics.append(.error(entry.value.location, "\(key) must be a piece of text, not \(entry.value.kindName)"))
                ok = false
                return nil
            }
            return s
        }
        func integer(_ key: String, range: ClosedRange<Int>, default value: Int, meaning: String) -> Int {
            guard let entry = root[key] else { return value }
            guard let s = entry.value.string, let n = Int(s.trimmingSpaces), range.contains(n) else {
                diagnostics.append(.error(entry.value.location, "\(key) \(TextMatch.quoted(entry.value.string ?? entry.value.kindName)) must be a whole number from \(range.lowerBound) to \(range.upperBound) (\(meaning))"))
                ok = false
                return value
            }
            return n
        }
        let name = string("name", required: true) ?? ""
        let shortName = string("short_name", required: false) ?? name
        let startMonth = integer("financial_year_start_month", range: 1...12, default: 4, meaning: "the month the financial year starts: 4 for April")
        let threshold = integer("suppression_threshold", range: 1...1000, default: 5, meaning: "the public edition shows counts below it as \"<N\"")

        var board = "OFFICIAL-SENSITIVE", publicMarking = "OFFICIAL"
        if let entry = root["classification"] {
            if case .mapping = entry.value.kind {
                if let b = entry.value["board"] {
                    if let s = b.value.string?.trimmingSpaces, !s.isEmpty { board = s } else {
                        diagnostics.append(.error(b.value.location, "classification board must be a marking such as OFFICIAL-SENSITIVE")); ok = false
                    }
                }
                if let p = entry.value["public"] {
                    if let s = p.value.string?.trimmingSpaces, !s.isEmpty { publicMarking = s } else {
                        diagnostics.append(.error(p.value.location, "classification public must be a marking such as OFFICIAL")); ok = false
                    }
                }
            } else {
                diagnostics.append(.error(entry.value.location, "classification must have two keys, board: and public:"))
                ok = false
            }
        }

        var areas: [Area] = []
        if let entry = root["areas"] {
            if case .sequence(let items) = entry.value.kind, !items.isEmpty {
                var seen: [String: SourceLocation] = [:]
                func claim(_ spelling: String, at location: SourceLocation) {
                    let key = spelling.lowercased()
                    if let first = seen[key] {
                        diagnostics.append(.error(location, "area name or alias \(TextMatch.quoted(spelling)) is used twice (first at line \(first.line ?? 0)); each spelling must name one area"))
                        ok = false
                    } else {
                        seen[key] = location
                    }
                }
                for item in items {
                    switch item.kind {
                    case .scalar(let s) where !s.trimmingSpaces.isEmpty:
                        claim(s.trimmingSpaces, at: item.location)
                        areas.append(Area(name: s.trimmingSpaces))
                    case .mapping:
                        guard let n = item["name"]?.value.string?.trimmingSpaces, !n.isEmpty else {
                            diagnostics.append(.error(item.location, "an area given with aliases needs a name: (name: West, aliases: [West/Central])"))
                            ok = false
                            continue
                        }
                        claim(n, at: item.location)
                        var aliases: [String] = []
                        if let a = item["aliases"] {
                            switch a.value.kind {
                            case .sequence(let list):
                                for alias in list {
                                    if let s = alias.string?.trimmingSpaces, !s.isEmpty {
                                        claim(s, at: alias.location)
                                        aliases.append(s)
                                    } else {
                                        diagnostics.append(.error(alias.location, "an alias must be a piece of text")); ok = false
                                    }
                                }
                            case .scalar(let s):
                                claim(s.trimmingSpaces, at: a.value.location)
                                aliases.append(s.trimmingSpaces)
                            default:
                                diagnostics.append(.error(a.value.location, "aliases must be a list such as [West/Central, Central]")); ok = false
                            }
                        }
                        for e in (item.mappingEntries ?? []) where !["name", "aliases"].contains(e.key.lowercased()) {
                            diagnostics.append(.warning(e.keyLocation, "unknown key \(TextMatch.quoted(e.key)) in an area is ignored (an area has name: and aliases:)"))
                        }
                        areas.append(Area(name: n, aliases: aliases))
                    default:
                        diagnostics.append(.error(item.location, "each area must be a name, or a name with aliases"))
                        ok = false
                    }
                }
                if areas.contains(where: { Partnership.areaKey($0.name) == "citywide" }) {
                    diagnostics.append(.error(entry.value.location, "\"City-wide\" is built in for items that span areas; it cannot be an area"))
                    ok = false
                }
            } else {
                diagnostics.append(.error(entry.value.location, "areas must be a list of the partnership's areas, such as [North, East, South, West]"))
                ok = false
            }
        } else {
            diagnostics.append(.error(SourceLocation(file: path, line: 1, column: 1), "areas is missing; list the partnership's areas (North, East, South, West)"))
            ok = false
        }

        var logo: String?
        if let entry = root["logo"] {
            if let s = entry.value.string?.trimmingSpaces, !s.isEmpty {
                let folder = Path.parent(path)
                let full = Path.join(folder, s)
                // An absolute path is accepted when it leads inside the folder (as a chair's
                // file manager may copy it): the world resolves both before comparing.
                if !world.isInside(full, directory: folder) {
                    diagnostics.append(.error(entry.value.location, "logo \(TextMatch.quoted(s)) points outside the folder that holds csp.yaml; put the logo in that folder (e.g. assets/logo.png)"))
                    ok = false
                } else if let problem = logoProblem(world: world, path: full, as: s) {
                    diagnostics.append(.error(entry.value.location, problem))
                    ok = false
                } else {
                    logo = s
                }
            } else if case .null = entry.value.kind {
                logo = nil
            } else {
                diagnostics.append(.error(entry.value.location, "logo must be the path of a PNG file"))
                ok = false
            }
        }
        var measures: [Measure]?
        if let entry = root["measures"] {
            let (list, d) = measureList(entry.value)
            diagnostics += d
            if d.contains(where: { $0.severity == .error }) { ok = false }
            measures = list
        }
        var palette: PartnershipPalette?
        if let entry = root["palette"] {
            let (read, d) = PaletteLoader.read(entry.value, areas: areas)
            diagnostics += d
            if d.contains(where: { $0.severity == .error }) { ok = false }
            palette = read
        }
        var fonts: String?
        if let entry = root["fonts"] {
            if let s = entry.value.string?.trimmingSpaces, !s.isEmpty {
                if let problem = fontsFolderProblem(world: world, folder: Path.parent(path), as: s) {
                    diagnostics.append(.error(entry.value.location, problem))
                    ok = false
                } else {
                    fonts = s
                }
            } else if case .null = entry.value.kind {
                fonts = nil
            } else {
                diagnostics.append(.error(entry.value.location, "fonts must be the folder of the partnership's font files, such as fonts: assets/fonts"))
                ok = false
            }
        }
        guard ok else { return (nil, file, diagnostics) }
        var partnership = Partnership(name: name, shortName: shortName, areas: areas, yearStartMonth: startMonth,
                                      suppressionThreshold: threshold, boardClassification: board,
                                      publicClassification: publicMarking, logo: logo, measures: measures,
                                      palette: palette, fonts: fonts)
        if let entry = root["plan"], !entry.value.isNull {
            let (plan, d) = PlanInput.plan(entry.value, partnership: partnership)
            diagnostics += d
            if d.contains(where: { $0.severity == .error }) { return (nil, file, diagnostics) }
            partnership.plan = plan
        }
        return (partnership, file, diagnostics)
    }

    static let measureExample = "{name: Residents contacted, step: engagement, unit: people}"

    /// `measures:`, the optional list of the partnership's Operation Carmel measures, each
    /// `{name, step, unit, aliases}`. Nil (no list) when it is empty or null.
    static func measureList(_ node: YAMLNode) -> ([Measure]?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if case .null = node.kind { return (nil, []) }
        guard case .sequence(let items) = node.kind else {
            return (nil, [.error(node.location, "measures must be a list, one measure a line: - \(measureExample)")])
        }
        var out: [Measure] = []
        var seen: [String: (name: String, line: Int)] = [:]
        for item in items {
            guard case .mapping(let entries) = item.kind else {
                diagnostics.append(.error(item.location, "each measure needs a name, a step and a unit, such as \(measureExample)"))
                continue
            }
            for e in entries where !["name", "step", "unit", "aliases"].contains(e.key.lowercased()) {
                var message = "unknown key \(TextMatch.quoted(e.key)) in a measure is ignored (a measure has name:, step:, unit: and aliases:)"
                if let s = TextMatch.suggestion(for: e.key, among: ["name", "step", "unit", "aliases"]) { message += "; did you mean \"\(s)\"?" }
                diagnostics.append(.warning(e.keyLocation, message))
            }
            func text(_ key: String) -> String? {
                guard let v = item[key]?.value.string?.trimmingSpaces, !v.isEmpty else {
                    diagnostics.append(.error(item[key]?.value.location ?? item.location,
                                              "this measure has no \(key); each measure needs a name, a step and a unit, such as \(measureExample)"))
                    return nil
                }
                return v
            }
            let name = text("name")
            var step: CarmelStep?
            if let raw = text("step") {
                step = CarmelStep.parse(raw)
                if step == nil {
                    var message = "step \(TextMatch.quoted(raw)) is not one of \(CarmelStep.spellings.joined(separator: ", "))"
                    if let s = TextMatch.suggestion(for: raw, among: CarmelStep.spellings) { message += "; did you mean \"\(s)\"?" }
                    diagnostics.append(.error(item["step"]?.value.location ?? item.location, message))
                }
            }
            let unit = text("unit")
            var aliases: [String] = []
            if let a = item["aliases"] {
                switch a.value.kind {
                case .sequence(let list):
                    for alias in list {
                        if let s = alias.string?.trimmingSpaces, !s.isEmpty { aliases.append(s) } else {
                            diagnostics.append(.error(alias.location, "an alias must be a piece of text"))
                        }
                    }
                case .scalar(let s) where !s.trimmingSpaces.isEmpty: aliases.append(s.trimmingSpaces)
                case .null: break
                default: diagnostics.append(.error(a.value.location, "aliases must be a list such as [Residents engaged]"))
                }
            }
            guard let name, let step, let unit else { continue }
            var clash = false
            for spelling in [name] + aliases {
                let key = Measure.key(spelling)
                if let first = seen[key] {
                    // An alias that differs from its own name only in case or spacing is harmless.
                    if first.name == name && first.line == (item.location.line ?? 0) { continue }
                    diagnostics.append(.error(item.location, "measure name or alias \(TextMatch.quoted(spelling)) is used twice (first by \(TextMatch.quoted(first.name)) at line \(first.line)); each spelling must name one measure"))
                    clash = true
                } else {
                    seen[key] = (name, item.location.line ?? 0)
                }
            }
            if !clash { out.append(Measure(name: name, step: step, unit: unit, aliases: aliases)) }
        }
        return (out.isEmpty ? nil : out, diagnostics)
    }
}

extension PartnershipLoader {
    /// What is wrong with `fonts:` (written as `name`, relative to csp.yaml's `folder`), or nil:
    /// it must be a folder inside that folder, with TrueType or OpenType files and their licence
    /// (the report embeds the fonts, so the licence must travel with them).
    static func fontsFolderProblem(world: World, folder: String, as name: String) -> String? {
        let full = Path.join(folder, name)
        guard world.isInside(full, directory: folder) else {
            return "fonts \(TextMatch.quoted(name)) points outside the folder that holds csp.yaml; put the font files in a folder there (e.g. assets/fonts)"
        }
        guard world.isDirectory(full) else { return "fonts \(TextMatch.quoted(name)) is not a folder (looked for \(full)); give the folder that holds the font files" }
        let names = world.contents(of: full)
        let fontFiles = names.filter { n in [".ttf", ".otf", ".ttc"].contains { n.lowercased().hasSuffix($0) } }
        guard !fontFiles.isEmpty else {
            return "fonts \(TextMatch.quoted(name)) holds no font files; put TrueType or OpenType files (.ttf, .otf) there, a regular and a bold face at least"
        }
        let licence = names.contains { n in ["licen", "ofl", "copying", "copyright"].contains { n.lowercased().contains($0) } }
        guard licence else {
            return "fonts \(TextMatch.quoted(name)) has no licence file; put the fonts' licence (such as OFL.txt or LICENSE.txt) beside them: the report embeds the fonts, so their licence must allow it and travel with them"
        }
        return nil
    }

    /// A logo is decoded whole into memory (4 bytes a pixel) before it is drawn: a small PNG
    /// of 15,000 × 15,000 blank pixels would take 900 MB. Checked from the header, before any
    /// decoding.
    public static let maximumLogoPixels = 4096

    /// What is wrong with the logo file at `path` (written as `name` in csp.yaml), or nil.
    static func logoProblem(world: World, path: String, as name: String) -> String? {
        let bytes: [UInt8]
        do {
            guard let b = try world.read(path) else { return "logo \(TextMatch.quoted(name)) does not exist (looked for \(path))" }
            bytes = b
        } catch {
            return "logo \(TextMatch.quoted(name)): \(error)"
        }
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            return "logo \(TextMatch.quoted(name)) is not a PNG image; save the logo as PNG"
        }
        guard let (width, height) = pngDimensions(bytes) else {
            return "logo \(TextMatch.quoted(name)) is a damaged PNG image (its header cannot be read); save the logo as PNG again"
        }
        if width > maximumLogoPixels || height > maximumLogoPixels {
            return "logo \(TextMatch.quoted(name)) is \(width) × \(height) pixels; a logo may be at most \(maximumLogoPixels) × \(maximumLogoPixels) (a few hundred pixels across is plenty)"
        }
        return nil
    }

    /// Width and height from the IHDR chunk, which must come first; nil when it is missing,
    /// or either is 0 (not a PNG).
    static func pngDimensions(_ bytes: [UInt8]) -> (Int, Int)? {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be32(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        let width = be32(16), height = be32(20)
        guard width > 0, height > 0 else { return nil }
        return (width, height)
    }
}

extension YAMLNode {
    var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    var mappingEntries: [YAMLEntry]? {
        if case .mapping(let e) = kind { return e }
        return nil
    }
}
