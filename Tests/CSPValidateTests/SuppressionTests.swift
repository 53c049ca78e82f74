import Testing
@testable import CSPAggregate

@Suite struct SuppressionTests {
    let pub = Suppressor(edition: .public, threshold: 5)
    let board = Suppressor(edition: .board, threshold: 5)

    @Test func smallCountsAreShownBelowTheThreshold() {
        #expect(pub.count(0).text == "0")
        #expect((1...4).map { pub.count($0).text } == ["<5", "<5", "<5", "<5"])
        #expect(pub.count(5).text == "5")
        #expect(pub.count(1234).text == "1,234")
        #expect(board.count(3).text == "3")
    }

    @Test func aSingleSuppressedPartWithholdsAnother() {
        let (parts, total) = pub.parts([3, 10, 7, 0])
        #expect(parts.map(\.text) == ["<5", "10", "[c]", "0"])
        #expect(total.text == "20")
    }

    @Test func twoSuppressedPartsNeedNoMore() {
        let (parts, total) = pub.parts([3, 10, 2, 8])
        #expect(parts.map(\.text) == ["<5", "10", "<5", "8"])
        // Two "<5" adding up to 2 would both be 1: withhold one more.
        let (p2, _) = pub.parts([1, 10, 1, 8])
        #expect(p2.map(\.text) == ["<5", "10", "<5", "[c]"])
        #expect(total.text == "23")
    }

    @Test func onlyZerosLeftWithholdsTheTotal() {
        let (parts, total) = pub.parts([0, 0, 0, 3])
        #expect(parts.map(\.text) == ["0", "0", "0", "<5"])
        #expect(total.text == "<5")
        let (p2, t2) = pub.parts([7, 0, 0])
        #expect(p2.map(\.text) == ["7", "0", "0"])
        #expect(t2.text == "7")
    }

    /// For every column of four counts up to 11: no hidden part can be worked out from the
    /// total and the exact parts, by a reader who knows "<5" is 1–4 and "[c]" is 5 or more.
    @Test func noSuppressedCountCanBeWorkedBack() {
        for a in 0...11 { for b in 0...11 { for c in 0...11 { for d in 0...11 {
            let values = [a, b, c, d]
            let (parts, total) = pub.parts(values)
            guard let t = total.exactValue else { continue }
            let hidden = parts.indices.filter { parts[$0].isSuppressed }
            let rest = t - parts.compactMap(\.exactValue).reduce(0, +)
            func range(_ i: Int) -> ClosedRange<Int> { parts[i] == .withheld ? 5...rest : 1...4 }
            // Every assignment of the hidden parts consistent with what the reader sees.
            var seen: [Int: Set<Int>] = [:]
            func search(_ k: Int, _ sum: Int, _ chosen: [Int]) {
                if k == hidden.count {
                    if sum == rest { for (i, v) in zip(hidden, chosen) { seen[i, default: []].insert(v) } }
                    return
                }
                let r = range(hidden[k])
                guard r.lowerBound <= r.upperBound else { return }
                for v in r where sum + v <= rest { search(k + 1, sum + v, chosen + [v]) }
            }
            search(0, 0, [])
            for i in hidden where (seen[i]?.count ?? 0) < 2 {
                Issue.record("part \(i) of \(values) can be worked out: shown \(parts.map(\.text)), total \(t)")
            }
        } } } }
    }

    /// Open blockers 5, 5, 5, 1, 0 with their total, 16, on a tile: withholding the 5s still
    /// leaves "<5" = 1 (16 − 3 × 5), and the total cannot be withheld, so every part is.
    @Test func aTotalShownElsewhereIsNeverTheOneWithheld() {
        let values = [5, 5, 5, 1, 0]
        let alone = pub.parts(values)
        #expect(alone.total == .withheld)
        let shown = pub.parts(values, totalShown: true)
        #expect(shown.total == .exact(16))
        #expect(shown.parts == Array(repeating: .withheld, count: 5))
        // Where withholding parts is enough, the total changes nothing.
        #expect(pub.parts([12, 7, 2], totalShown: true) == pub.parts([12, 7, 2]))
    }

    @Test func differencesOnlyBetweenExactCounts() {
        #expect(pub.difference(from: 10, to: 12) == 2)
        #expect(pub.difference(from: 3, to: 12) == nil)
        #expect(pub.difference(from: 12, to: 0) == -12)
        #expect(pub.difference(from: nil, to: 12) == nil)
        #expect(board.difference(from: 3, to: 1) == -2)
    }
}
