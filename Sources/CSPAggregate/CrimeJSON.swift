import CSPCore
import CSPModel

extension SummaryJSON {
    /// `"crime": {"total": N, "asb": N, "by_type": {…}}` for the quarter's months with data;
    /// `"crime": null` when police data is configured but no month of the quarter has a file,
    /// so "not available" is never mistaken for zero. `by_type` includes "Anti-social
    /// behaviour", so it sums to `total`; types in alphabetical order, for stable output.
    static func crimeObject(_ w: inout JSONWriter, _ crime: QuarterCrime, area: String?) {
        w.key("crime")
        guard crime.isAvailable else {
            w.null()
            return
        }
        let c = area.map { crime.area($0) } ?? crime.totals
        w.beginObject()
            w.key("total"); w.number(c.total)
            w.key("asb"); w.number(c.asb)
            w.key("by_type")
            w.beginObject()
                for (type, n) in c.byType.sorted(by: { $0.key < $1.key }) {
                    w.key(type); w.number(n)
                }
            w.endObject()
        w.endObject()
    }
}
