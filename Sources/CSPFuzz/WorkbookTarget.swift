import CSPCore
import CSPIngest
import CSPValidate
import Foundation
import ZIPFoundation

extension FuzzTargets {
    /// The workbook reader. An input that starts as a zip is a whole workbook (so the zip
    /// reader and every part are fuzzed); any other input is one sheet's XML, put into a
    /// workbook around it, so that mutations reach the XML rather than break the zip's
    /// checksums. Beyond not crashing: messages are one line with 1-based positions, an
    /// unreadable workbook or sheet says why, and a sheet's fields sit in their columns.
    public static func workbook(_ bytes: [UInt8]) -> String? {
        let file = "fuzz.xlsx"
        let workbookBytes = bytes.starts(with: [0x50, 0x4B]) ? bytes : singleSheetWorkbook(bytes)
        let (book, diagnostics) = Workbook.open(bytes: workbookBytes, file: file)
        if let failure = checkDiagnostics(diagnostics) { return failure }
        guard let book else {
            return diagnostics.contains { $0.severity == .error } ? nil : "no workbook and no error"
        }
        for sheet in book.sheets.prefix(8) {
            let (document, sheetDiagnostics, _) = book.document(of: sheet)
            if let failure = checkDiagnostics(sheetDiagnostics) { return failure }
            guard let document else {
                if !sheetDiagnostics.contains(where: { $0.severity == .error }) { return "no sheet and no error: \(sheet.name)" }
                continue
            }
            for record in document.records {
                if record.fields.isEmpty { return "a row with no cells at row \(record.row)" }
                for (i, f) in record.fields.enumerated() where f.column != i + 1 || f.line != record.row {
                    return "field \(i) of row \(record.row) at \(f.line):\(f.column)"
                }
            }
            let (_, tableDiagnostics) = CSVTable.make(document: document, file: file, sheet: sheet.name,
                                                      required: InputContract.cases.columns)
            if let failure = checkDiagnostics(tableDiagnostics) { return failure }
            if tableDiagnostics.contains(where: { $0.location.sheet != sheet.name }) { return "a table message without its sheet" }
        }
        return nil
    }

    /// A workbook of one sheet, `psg-cases`, whose XML is `sheet` (stored, not compressed).
    static func singleSheetWorkbook(_ sheet: [UInt8]) -> [UInt8] {
        let parts: [(String, [UInt8])] = [
            ("_rels/.rels", Array(#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)),
            ("xl/workbook.xml", Array(#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="psg-cases" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.utf8)),
            ("xl/styles.xml", Array(#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="mmm-yy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>"#.utf8)),
            ("xl/sharedStrings.xml", Array(#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>case_id</t></si><si><r><t>North</t></r></si><si><t>open</t></si></sst>"#.utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { return [] }
        for (path, bytes) in parts {
            try? archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .none,
                                  provider: { position, size in Data(bytes[Int(position) ..< Int(position) + size]) })
        }
        return archive.data.map { [UInt8]($0) } ?? []
    }
}
