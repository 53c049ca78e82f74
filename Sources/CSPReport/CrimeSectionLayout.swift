import CSPAggregate
import CSPCharts
import CSPCore
import CSPDisplay
import CSPLayout
import CSPModel

extension QuarterlyReport {
    /// "Crime and anti-social behaviour", from police.uk street-level data, when the
    /// partnership keeps it beside the quarter folders.
    mutating func crimeSection() {
        guard let section = crime else { return }
        blocks.append(.pageBreak)
        h1(CrimeSection.title, id: "crime")
        para("Recorded crime and anti-social behaviour (ASB) in each area, from the street-level data police.uk publishes each month. Each record is placed in an area by the neighbourhood (LSOA) it falls in; police.uk moves every location to a nearby anonymous point, so area counts are close but not exact.")
        if let notice = section.notice {
            para([TextRun("Note: ", bold: true), TextRun(notice.prefix(1).uppercased() + notice.dropFirst())])
        }
        if case .notAvailable = section.availability { return }

        let pq = section.previousQuarter.map { "Change on \($0.title)" }
        let yq = section.yearEarlierQuarter.map { "Change on \($0.title)" }
        func change(_ c: CrimeChange?, asb: Bool) -> String {
            guard let c else { return "—" }
            let n = asb ? c.asb : c.crime
            let pct = asb ? c.asbPercent : c.crimePercent
            return Format.signed(n) + (pct.map { " (\(Self.percent($0)))" } ?? "")
        }
        var header: [TableCell] = [TableCell("Area"), TableCell("Crime")]
        if let pq { header.append(TableCell(pq)) }
        if let yq { header.append(TableCell(yq)) }
        header.append(TableCell("ASB"))
        if let pq { header.append(TableCell(pq)) }
        if let yq { header.append(TableCell(yq)) }
        var rows: [[TableCell]] = []
        // The areas add up to the "All areas" row: suppressed as its parts, and a change is
        // given only beside a count shown exactly (else the change and last quarter's line
        // would give it back).
        let crimeParts = suppressor.parts(section.areas.map { $0.comparison.current?.crime ?? 0 }, totalShown: true).parts
        let asbParts = suppressor.parts(section.areas.map { $0.comparison.current?.asb ?? 0 }, totalShown: true).parts
        for (i, a) in (section.areas + [section.total]).enumerated() {
            let c = a.comparison
            let bold = a.area == CrimeSection.allAreas
            let crimeShown = i < crimeParts.count ? crimeParts[i] : c.current.map { suppressor.count($0.crime) }
            let asbShown = i < asbParts.count ? asbParts[i] : c.current.map { suppressor.count($0.asb) }
            let crimeExact = crimeShown?.isSuppressed != true, asbExact = asbShown?.isSuppressed != true
            func cell(_ s: String) -> TableCell { TableCell([TextRun(s, bold: bold)]) }
            var row = [cell(a.area == CrimeSection.allAreas ? "All areas" : a.area), cell(c.current == nil ? "—" : crimeShown?.text ?? "—")]
            if pq != nil { row.append(cell(crimeExact && exact(c.current?.crime, c.previous?.crime) ? change(c.changeOnPreviousQuarter, asb: false) : "[c]")) }
            if yq != nil { row.append(cell(crimeExact && exact(c.current?.crime, c.yearEarlier?.crime) ? change(c.changeOnYearEarlier, asb: false) : "[c]")) }
            row.append(cell(c.current == nil ? "—" : asbShown?.text ?? "—"))
            if pq != nil { row.append(cell(asbExact && exact(c.current?.asb, c.previous?.asb) ? change(c.changeOnPreviousQuarter, asb: true) : "[c]")) }
            if yq != nil { row.append(cell(asbExact && exact(c.current?.asb, c.yearEarlier?.asb) ? change(c.changeOnYearEarlier, asb: true) : "[c]")) }
            rows.append(row)
        }
        blocks.append(.table(Table(columns: [.text] + Array(repeating: .number, count: header.count - 1),
                                   headerRows: [header], rows: rows,
                                   caption: "Recorded crime and ASB by area, \(quarter.monthRange)", totalRow: true, rowHeaders: true)))
        if section.locationWithheld > 0 {
            note("A further \(inWords(section.locationWithheld, "record")) this quarter had no location and are in no area (see the appendix).")
        }

        // Monthly lines: last quarter's months and this quarter's.
        let months = section.total.monthly.map(\.month)
        // Each quarter's three months add up to a figure the table gives (or gives with its
        // change): they are suppressed as its parts, and a withheld month is a gap in the line.
        let series = section.areas.map { a -> ChartSeries in
            var values = a.monthly.map { m in m.figures.map { Double($0.total) } ?? .nan }
            for end in stride(from: values.count, to: 0, by: -3) {
                let months = max(0, end - 3)..<end
                let parts = suppressor.parts(months.map { values[$0].isNaN ? 0 : Int(values[$0]) }, totalShown: true).parts
                for (k, i) in months.enumerated() where parts[k].isSuppressed { values[i] = .nan }
            }
            return ChartSeries(a.area, values)
        }
        let gaps = series.contains { s in s.values.indices.contains { s.values[$0].isNaN && section.areas.first { $0.area == s.name }?.monthly[$0].figures != nil } }
        let total = section.total.comparison
        var title = "Crime and ASB by month in each area"
        if total.changeOnPreviousQuarter != nil, let cur = total.current, let prev = total.previous {
            title = "Crime and ASB across the areas " + Finding.change(from: prev.total, to: cur.total) + " on last quarter"
        }
        figure(chart(.line, title: title,
                     alt: "Line chart of recorded crime and ASB each month, by area. " + zip(section.areas, series).map { a, s in
                         "\(a.area): " + zip(a.monthly, s.values).map { m, v in
                             "\(m.month.shortName) " + (m.figures == nil ? "no data" : v.isNaN ? "withheld" : Format.count(Int(v)))
                         }.joined(separator: ", ")
                     }.joined(separator: "; ") + ".",
                     categories: months.map(\.shortName), series: series, valueLabel: "Crime and ASB records"),
               source: "Source: \(section.source)"
                   + (gaps ? " A gap in a line is a month withheld to protect small numbers." : ""), name: "crime and ASB by area and month")

        // The leading crime types, area by area.
        h2("Leading crime types by area", id: "crime-types")
        var typeRows: [[TableCell]] = []
        for a in section.areas {
            for (i, t) in a.leadingTypes.enumerated() {
                typeRows.append([TableCell(i == 0 ? a.area : ""), TableCell(t.crimeType), TableCell(shown(t.count))])
            }
        }
        if typeRows.isEmpty {
            para("No crime was recorded in the areas this quarter.")
        } else {
            blocks.append(.table(Table(columns: [.text, TableColumn(.left, maxWidth: 260), .number],
                                       headerRows: [["Area", "Crime type (excluding ASB)", "Records"]], rows: typeRows,
                                       caption: "The \(CrimeSection.leadingTypeCount) most recorded crime types in each area, \(quarter.monthRange)")))
        }
    }

    /// Whether a change between two counts can be shown: both exact in this edition.
    func exact(_ a: Int?, _ b: Int?) -> Bool {
        guard let a, let b else { return true }
        return !suppressor.count(a).isSuppressed && !suppressor.count(b).isSuppressed
    }

    static func percent(_ p: Double) -> String {
        let r = (abs(p) * 10).rounded() / 10
        let s = r == r.rounded() ? String(Int(r)) : String(r)
        return (p > 0 ? "+" : (p < 0 ? "−" : "")) + s + "%"
    }

    /// The appendix's part on police.uk data: the source, the attribution the licence asks
    /// for, and what could not be placed in an area.
    mutating func crimeAppendix() {
        guard let section = crime else { return }
        h2("Recorded crime data", id: "crime-source")
        para("Source: \(section.source)")
        para([TextRun(section.attribution, bold: true)])
        if section.locationWithheld > 0 || section.outsidePartnership > 0 {
            para("This quarter, \(inWords(section.locationWithheld, "record")) had no location (“location withheld”: police.uk gives none) and \(Format.plural(section.outsidePartnership, "record")) fell in neighbourhoods outside the partnership; both are left out of the area figures.")
        }
    }
}

