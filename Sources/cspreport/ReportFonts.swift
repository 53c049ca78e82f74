import CSPCore
import CSPModel
import CSPTextShaping

/// csp.yaml's `fonts:`: the partnership's own font files, added to the font libraries before
/// layout. The loader has checked the folder (inside csp.yaml's folder, font files, a licence);
/// only fontconfig can tell whether the files are fonts and what family they hold.
enum ReportFonts {
    /// The folder of the partnership's fonts, as a path from here; nil when it gives none.
    static func folder(_ p: Partnership, configPath: String) -> String? {
        p.fonts.map { Path.join(Path.parent(configPath), $0) }
    }

    /// Adds the folder's fonts to every library and returns the family the report is set in.
    static func add(_ folder: String, to libraries: [FontLibrary], configPath: String) throws -> String {
        var family: String?
        for library in libraries {
            let families = try library.addFonts(directory: folder)
            family = family ?? families.first
        }
        guard let family else {
            Console.err("\(configPath): error: fonts \(TextMatch.quoted(folder)): none of its files is a font that can be read; put TrueType or OpenType files (.ttf, .otf) there\n")
            throw ExitStatus.invalidInput
        }
        return family
    }
}
