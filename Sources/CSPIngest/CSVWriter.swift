/// Writes CSV as Excel reads it best: UTF-8 with a byte-order mark (without it Excel guesses
/// the encoding and mangles £ and –), CRLF line ends, and quotes only where needed.
public struct CSVWriter {
    public private(set) var text: String

    public init(header: [String], byteOrderMark: Bool = true) {
        text = byteOrderMark ? "\u{FEFF}" : ""
        append(header)
    }

    public mutating func append(_ row: [String]) {
        text += row.map(CSVWriter.escape).joined(separator: ",") + "\r\n"
    }

    public var bytes: [UInt8] { Array(text.utf8) }

    public static func escape(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        var out = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
