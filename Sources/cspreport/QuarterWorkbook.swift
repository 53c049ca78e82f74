import CSPCore
import CSPIngest
import CSPModel
import CSPValidate
import CXLSXWriter
import Foundation

/// The workbook `cspreport init` hands the chair (`quarter.xlsx`), written with libxlsxwriter:
/// a "How to fill this in" sheet, then a sheet per table named as the table (what the reader
/// looks for), its header row bold, frozen and sized, the carried-over rows, date columns
/// formatted as dates, and a drop-down list on every column with a fixed vocabulary. The
/// lists live on a hidden sheet, `lists`, because Excel limits a list typed into the rule to
/// 255 characters, which a partnership's areas and their spellings can pass.
enum QuarterWorkbook {
    /// Columns that hold a day, shown dd/mm/yyyy as a UK Excel shows dates.
    static let dateColumns: Set<String> = ["date", "opened", "closed", "raised", "resolved", "started"]
    /// Columns that hold a month: a date cell of its first day, shown as Excel shows `Oct-24`.
    static let monthColumns: Set<String> = ["month"]
    static let numberColumns: Set<String> = ["value", "count"]
    /// Rows the drop-downs and formats reach: far more than a quarter's table.
    static let preparedRows = 2_000

    /// The fixed vocabularies, by table and column.
    static func vocabulary(table: String, column: String, partnership: Partnership) -> (values: [String], strict: Bool)? {
        switch column {
        case "area":
            // Areas warn rather than refuse: validate knows every spelling csp.yaml allows.
            let names = partnership.areas.flatMap { [$0.name] + $0.aliases } + [Partnership.cityWide]
            var seen = Set<String>()
            return (names.filter { seen.insert($0.lowercased()).inserted }, false)
        case "status": return (table == "blockers" ? BlockerStatus.spellings : CaseStatus.spellings, true)
        case "outcome": return (CaseOutcome.spellings, true)
        case "step": return (CarmelStep.spellings, true)
        case "escalate": return (["yes", "no"], true)
        case "stage": return (ProjectStage.spellings, true)
        case "route": return (ReferralRoute.spellings, true)
        case "measure":
            guard let measures = partnership.measures, !measures.isEmpty else { return nil }
            return (measures.map(\.name), false)
        default: return nil
        }
    }

    static let instructions = [
        "How to fill this in",
        "",
        "Each sheet after this one is a table of the quarter: psg-cases, successes, blockers, carmel-activity, think-communities, ocg-referrals, you-said-we-did. Keep the sheet names and the header row as they are.",
        "One row per case, success, blocker, activity count, project, referral count or \"you said, we did\". Leave no blank rows in the middle; rows after the last one are ignored.",
        "Open cases, open blockers and projects not completed were copied from last quarter. Update their status (a closed case needs its closed date and outcome; a resolved blocker its resolved date).",
        "Columns with a fixed list (area, status, outcome, step, escalate, stage, route) have a drop-down: click the cell and pick from the arrow.",
        "Dates: type them as 04/10/2024 (day first); months in carmel-activity and ocg-referrals as Oct-24. Counts are whole numbers.",
        "Formulas are fine: cspreport reads the value Excel shows. A cell showing #N/A or #REF! is reported as an error.",
        "The narrative (summary, highlights, meeting date) stays in quarter.yaml beside this workbook.",
        "When done, save (keep the .xlsx format) and run:  cspreport validate <this quarter's folder>. Every problem is reported as quarter.xlsx:SHEET!CELL, for example quarter.xlsx:psg-cases!C14.",
    ]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A sheet to write: its name (a table's stem), header and rows as text.
    struct Table {
        var name: String
        var columns: [String]
        var rows: [[String]]
    }

    /// The workbook's bytes: libxlsxwriter writes to a file, here a private temporary one, read
    /// back and removed.
    static func bytes(tables: [Table], partnership: Partnership) throws -> [UInt8] {
        let temporary = Path.join(NSTemporaryDirectory(), "cspreport-\(getpid())-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try write(tables: tables, partnership: partnership, to: temporary)
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw Failure(description: "\(temporary) was not written")
        }
        return [UInt8](data)
    }

    /// Writes the workbook to `path`: each table with its rows (as text; dates and months in
    /// ISO form become date cells, counts number cells).
    static func write(tables: [Table], partnership: Partnership, to path: String) throws {
        guard let workbook = workbook_new(path) else { throw Failure(description: "libxlsxwriter cannot create \(path)") }
        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        let wrap = workbook_add_format(workbook)
        format_set_text_wrap(wrap)
        let dateFormat = workbook_add_format(workbook)
        format_set_num_format(dateFormat, "dd/mm/yyyy")
        let monthFormat = workbook_add_format(workbook)
        format_set_num_format(monthFormat, "mmm-yy")
        let numberFormat = workbook_add_format(workbook)
        format_set_num_format(numberFormat, "0")

        let help = workbook_add_worksheet(workbook, Workbook.instructionsSheet)
        worksheet_set_column(help, 0, 0, 110, wrap)
        for (i, line) in instructions.enumerated() {
            worksheet_write_string(help, lxw_row_t(i), 0, line, i == 0 ? bold : nil)
        }

        // The lists sheet is added after the tables (it is hidden); its ranges are known first.
        var lists: [[String]] = []
        var listRange: [String: String] = [:]
        func range(for values: [String]) -> String {
            let key = values.joined(separator: "\u{1F}")
            if let known = listRange[key] { return known }
            lists.append(values)
            let letters = SpreadsheetCell.letters(lists.count)
            let r = "=lists!$\(letters)$1:$\(letters)$\(values.count)"
            listRange[key] = r
            return r
        }

        for table in tables {
            let (name, columns, rows) = (table.name, table.columns, table.rows)
            guard let sheet = workbook_add_worksheet(workbook, name) else { throw Failure(description: "cannot add sheet \(name)") }
            let last = lxw_row_t(max(preparedRows, rows.count + 200))
            for (c, column) in columns.enumerated() {
                let col = lxw_col_t(c)
                worksheet_write_string(sheet, 0, col, column, bold)
                let longest = rows.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0
                let width = Double(min(max(column.count + 4, longest + 2, dateColumns.contains(column) ? 12 : 8), 50))
                let format = dateColumns.contains(column) ? dateFormat : monthColumns.contains(column) ? monthFormat
                    : numberColumns.contains(column) ? numberFormat : nil
                worksheet_set_column(sheet, col, col, width, format)
                if let (values, strict) = vocabulary(table: name, column: column, partnership: partnership), !values.isEmpty {
                    var rule = lxw_data_validation()
                    rule.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
                    rule.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
                    rule.show_error = UInt8(LXW_VALIDATION_ON.rawValue)
                    rule.error_type = UInt8((strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING).rawValue)
                    let formula = range(for: values)
                    let title = "Not in the list"
                    let message = strict ? "Pick one of the list: \(values.joined(separator: ", "))."
                        : "Not one of the spellings csp.yaml lists; cspreport validate will check it."
                    try formula.withCString { f in
                        try title.withCString { t in
                            try String(message.prefix(250)).withCString { m in
                                rule.value_formula = UnsafeMutablePointer(mutating: f)
                                rule.error_title = UnsafeMutablePointer(mutating: t)
                                rule.error_message = UnsafeMutablePointer(mutating: m)
                                let error = worksheet_data_validation_range(sheet, 1, col, last, col, &rule)
                                if error != LXW_NO_ERROR { throw Failure(description: "drop-down on \(name)!\(column): \(String(cString: lxw_strerror(error)))") }
                            }
                        }
                    }
                }
            }
            worksheet_freeze_panes(sheet, 1, 0)
            for (r, row) in rows.enumerated() {
                for (c, value) in row.enumerated() where !value.isEmpty && c < columns.count {
                    let (rowNumber, col) = (lxw_row_t(r + 1), lxw_col_t(c))
                    let column = columns[c]
                    if dateColumns.contains(column), case .success(let d) = CalendarDate.parse(value) {
                        var cell = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
                        worksheet_write_datetime(sheet, rowNumber, col, &cell, dateFormat)
                    } else if monthColumns.contains(column), let m = YearMonth.parse(value) {
                        var cell = lxw_datetime(year: Int32(m.year), month: Int32(m.month), day: 1, hour: 0, min: 0, sec: 0)
                        worksheet_write_datetime(sheet, rowNumber, col, &cell, monthFormat)
                    } else if numberColumns.contains(column), let n = Int(value) {
                        worksheet_write_number(sheet, rowNumber, col, Double(n), numberFormat)
                    } else {
                        worksheet_write_string(sheet, rowNumber, col, value, nil)
                    }
                }
            }
        }

        let listSheet = workbook_add_worksheet(workbook, "lists")
        for (c, values) in lists.enumerated() {
            for (r, v) in values.enumerated() { worksheet_write_string(listSheet, lxw_row_t(r), lxw_col_t(c), v, nil) }
        }
        worksheet_hide(listSheet)
        worksheet_activate(help)
        let error = workbook_close(workbook)
        if error != LXW_NO_ERROR { throw Failure(description: "cannot write \(path): \(String(cString: lxw_strerror(error)))") }
    }
}
