import CSPHTML
import CSPLayout
import Foundation

/// `build --out FILE.html`: the report document written as one web page (CSPHTML).
enum HTMLOutput {
    static func isHTML(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }

    /// The page, written atomically like the PDF; the logo the document names goes inside it.
    static func write(_ document: Document, to path: String) throws {
        let logo = document.branding.logoPath.flatMap { FileManager.default.contents(atPath: $0) }.map { [UInt8]($0) }
        try OutputPath.writeAtomically(HTMLWriter(logoPNG: logo).bytes(document), to: path)
    }
}
