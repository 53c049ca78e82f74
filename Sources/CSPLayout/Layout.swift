import CSPDisplay
import CSPCharts
import Dispatch
import Foundation
import Synchronization

/// A contents entry: a heading and the page it landed on.
public struct ContentsEntry: Hashable, Sendable {
    public var level: Int
    public var title: String
    public var destination: String
    public var page: Int
}

/// Pages ready for a renderer: positioned frames plus what the PDF needs beside them.
public struct LaidOutDocument: Sendable {
    public var metadata: DocumentMetadata
    public var pageSize: Size
    public var pages: [Frame]
    public var contents: [ContentsEntry]
    /// Problems found while laying out (a block taller than a page, say), as messages.
    public var warnings: [String]

    /// Text of every page, coordinates rounded to 0.01 pt: the layout snapshot.
    public func dump(shapes: Bool = false) -> String {
        var out = ""
        for (i, p) in pages.enumerated() {
            out += "page \(i + 1) \(fmt(p.size.width))x\(fmt(p.size.height))\n"
            out += p.dump(indent: 1, shapes: shapes)
        }
        return out
    }
}

/// Lays out a document: blocks are measured, split and placed into the page's content region,
/// then page furniture ("Page N of M") and the contents' page numbers are resolved.
public struct LayoutEngine {
    public var shaper: any TextShaper
    /// A second shaper, over fonts of its own, for a second thread: it must shape every text
    /// exactly as `shaper` does. With one, the blocks are measured on two threads before
    /// pagination (see `measureOnTwoThreads`); without, everything happens on the caller's.
    public var helper: (any TextShaper & Sendable)?
    /// For tests: hand the blocks to the threads smallest first, to show the order changes nothing.
    var smallestBlocksFirst = false
    public init(shaper: any TextShaper, helper: (any TextShaper & Sendable)? = nil) {
        self.shaper = shaper; self.helper = helper
    }

    /// The document laid out. A heading whose level skips (`HeadingLevelSkip`) is laid out,
    /// tagged and bookmarked at the level it may have, with a warning: the PDF never has one.
    /// `strictLayout` refuses such a document instead.
    public func layout(_ doc: Document) -> LaidOutDocument {
        let (fixed, skips) = doc.fixingHeadingLevels()
        var result = layoutFixed(fixed)
        result.warnings.insert(contentsOf: skips.map { "\($0); laid out as level \($0.allowed)" }, at: 0)
        return result
    }

    /// The document laid out, as `layout` does, or refused when a heading's level skips: as
    /// Typst refuses to compile one, the documents the tool makes must have none (a skip is a
    /// mistake in the code that made the document, not in its input).
    public func strictLayout(_ doc: Document) throws(HeadingLevelSkip) -> LaidOutDocument {
        if let skip = doc.headingLevelSkips.first { throw skip }
        return layoutFixed(doc)
    }

    private func layoutFixed(_ doc: Document) -> LaidOutDocument {
        let shaper = CachingShaper(self.shaper)
        // Every block's flows but the contents' (which wait for page numbers) are made once,
        // here, and reused by each pagination pass.
        let flows = helper.map { measureOnTwoThreads(doc, main: shaper, helper: CachingShaper($0)) }
            ?? Self.blockFlows(doc, shaper: shaper)
        var pass = Paginator(doc: doc, shaper: shaper, pageOf: [:], flows: flows)
        var result = pass.run()
        let hasContents = doc.blocks.contains { if case .contents = $0 { return true } else { return false } }
        // Contents entries keep their height whatever the numbers are, so a second pass with
        // the numbers known gives the same breaks; a third one guards the unexpected case.
        for _ in 0..<(hasContents ? 2 : 0) {
            let known = Dictionary(result.contents.map { ($0.destination, $0.page) }, uniquingKeysWith: { a, _ in a })
            if known == pass.pageOf && !known.isEmpty { break }
            pass = Paginator(doc: doc, shaper: shaper, pageOf: known, flows: flows)
            result = pass.run()
            if known.isEmpty { break }
        }
        result.pages = result.pages.enumerated().map { i, page in
            var p = page
            p.push(frame: furniture(doc, shaper: shaper, page: i + 1, of: result.pages.count), at: .zero)
            return p
        }
        return result
    }

    /// The blocks whose flows do not depend on page numbers (all but the contents), each with
    /// the number of headings up to and including it.
    static func jobs(_ doc: Document) -> [MeasuringJob] {
        var jobs: [MeasuringJob] = []
        var headings = 0
        for (i, block) in doc.blocks.enumerated() {
            if case .heading = block { headings += 1 }
            if case .contents = block { continue }
            jobs.append(MeasuringJob(index: i, headings: headings))
        }
        return jobs
    }

    /// Every block's flows but the contents', made on this thread.
    static func blockFlows(_ doc: Document, shaper: CachingShaper) -> [[any Flow]?] {
        let pass = Paginator(doc: doc, shaper: shaper, pageOf: [:])
        var flows = [[any Flow]?](repeating: nil, count: doc.blocks.count)
        for job in jobs(doc) {
            flows[job.index] = pass.makeFlows(doc.blocks[job.index], width: pass.contentWidth, headingCount: job.headings,
                                              allBlocks: doc.blocks)
        }
        return flows
    }

    /// Makes the blocks' flows on this thread (with `main`) and another (with `helper`), and
    /// leaves everything measured in `main`: the contents and the page furniture, made later,
    /// find their text there as if it had measured it all. Each shaper is used by one thread
    /// only. The threads take the blocks one at a time, those with the most text first: which
    /// thread makes a block's flows changes nothing, as the two shapers shape text alike.
    func measureOnTwoThreads(_ doc: Document, main: CachingShaper, helper: CachingShaper) -> [[any Flow]?] {
        var jobs = Self.jobs(doc).map { ($0, Self.measuringCost(doc.blocks[$0.index])) }.sorted { $0.1 > $1.1 }.map(\.0)
        if smallestBlocksFirst { jobs.reverse() }
        let work = MeasuringWork(doc: doc, jobs: jobs, shapers: [main, helper])
        // A thread of its own for the helper (a dispatch worker may not be free to start
        // until this one is done); this thread works with `main` meanwhile.
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { work.run(1); done.signal() }
        thread.stackSize = 8 << 20
        thread.start()
        work.run(0)
        done.wait()
        main.absorb(helper)
        return work.flows()
    }

    /// Roughly how much shaping a block needs: the bytes of its text, and a little per cell.
    static func measuringCost(_ block: Block) -> Int {
        switch block {
        case .paragraph(let p): return p.runs.reduce(0) { $0 + $1.text.utf8.count }
        case .list(let l): return l.items.reduce(0) { $0 + $1.reduce(0) { $0 + $1.text.utf8.count } + 8 }
        case .table(let t):
            return (t.headerRows + t.rows).reduce(0) { $0 + $1.reduce(0) { $0 + $1.text.utf8.count + 16 } }
        case .figure: return 400
        case .kpis(let tiles): return 100 * tiles.count
        case .cover: return 200
        case .heading(let h): return h.text.utf8.count
        case .spacer, .pageBreak, .contents: return 1
        }
    }

    /// Header and footer. Drawn untagged, so the PDF post-pass marks them as artifacts.
    func furniture(_ doc: Document, shaper: any TextShaper, page: Int, of total: Int) -> Frame {
        let t = doc.template
        let theme = Theme(branding: doc.branding)
        var f = Frame(size: t.size)
        let left = t.margins.left, width = t.size.width - t.margins.left - t.margins.right
        func put(_ s: StyledText, _ y: Double, _ w: Double = width) {
            let shaped = shaper.shape(s, width: w)
            f.push(.text(TextBox(text: s, width: w, lines: 0..<min(1, shaped.lines.count), shaped: shaped)), at: Point(left, y))
        }
        let mark = StyledText(t.classification, font: theme.font(size: 8.5, weight: .bold), color: theme.text,
                              alignment: .center, lineHeight: 1.2)
        put(mark, 24)
        let small = theme.font(size: 8)
        put(StyledText(t.title, font: small, color: theme.secondary, lineHeight: 1.2, ellipsize: true), 42, width * 0.7)
        put(StyledText(doc.branding.shortName, font: small, color: theme.secondary, alignment: .right, lineHeight: 1.2), 42)
        f.line(Point(left, 56), Point(left + width, 56), Stroke(theme.rule, width: 0.5))
        let fy = t.size.height - t.margins.bottom + 22
        f.line(Point(left, fy - 6), Point(left + width, fy - 6), Stroke(theme.rule, width: 0.5))
        put(StyledText(t.title, font: small, color: theme.secondary, lineHeight: 1.2, ellipsize: true), fy, width * 0.7)
        put(StyledText("Page \(page) of \(total)", font: small, color: theme.secondary, alignment: .right, lineHeight: 1.2), fy)
        put(mark, t.size.height - 30)
        return f
    }
}

/// A block whose flows can be made before pagination.
struct MeasuringJob { var index: Int; var headings: Int }

/// The blocks for `LayoutEngine.measureOnTwoThreads`: thread k takes the next block not yet
/// taken and makes its flows with shaper k. Each block's flows are written once, by the thread
/// that took it, and read after both threads are done.
private final class MeasuringWork: @unchecked Sendable {
    let doc: Document
    let jobs: [MeasuringJob]
    let shapers: [CachingShaper]
    let next = Atomic<Int>(0)
    private let made: UnsafeMutableBufferPointer<[any Flow]?>

    init(doc: Document, jobs: [MeasuringJob], shapers: [CachingShaper]) {
        self.doc = doc; self.jobs = jobs; self.shapers = shapers
        made = .allocate(capacity: doc.blocks.count)
        made.initialize(repeating: nil)
    }

    deinit {
        made.deinitialize()
        made.deallocate()
    }

    func run(_ k: Int) {
        let pass = Paginator(doc: doc, shaper: shapers[k], pageOf: [:])
        while true {
            let j = next.add(1, ordering: .relaxed).oldValue
            guard j < jobs.count else { return }
            let job = jobs[j]
            made[job.index] = pass.makeFlows(doc.blocks[job.index], width: pass.contentWidth, headingCount: job.headings,
                                             allBlocks: doc.blocks)
        }
    }

    /// The flows by block, once both threads are done.
    func flows() -> [[any Flow]?] { Array(made) }
}
