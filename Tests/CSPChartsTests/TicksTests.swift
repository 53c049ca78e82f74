import CSPCharts
import CSPDisplay
import Testing

/// Tick tables in the manner of d3-array's tests.
@Suite struct TicksTests {
    @Test(arguments: [
        (0.0, 1.0, 10, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0.0, 1.0, 5, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0.0, 1.0, 2, [0, 0.5, 1.0]),
        (0.0, 1.0, 1, [0, 1.0]),
        (0.0, 10.0, 5, [0, 2, 4, 6, 8, 10]),
        (0.0, 14.0, 5, [0, 2, 4, 6, 8, 10, 12, 14]),
        (0.0, 47.0, 5, [0, 10, 20, 30, 40]),
        (0.0, 1_204.0, 5, [0, 200, 400, 600, 800, 1_000, 1_200]),
        (-10.0, 10.0, 5, [-10, -5, 0, 5, 10]),
        (1.0, 2.0, 5, [1, 1.2, 1.4, 1.6, 1.8, 2]),
    ] as [(Double, Double, Int, [Double])])
    func ticks(start: Double, stop: Double, count: Int, expected: [Double]) {
        #expect(Ticks.ticks(start, stop, count: count) == expected)
    }

    @Test func stepsAreOneTwoOrFive() {
        for span in stride(from: 0.7, through: 123_456.0, by: 97.3) {
            let s = Ticks.step(0, span, count: 5)
            var m = s
            while m >= 10 { m /= 10 }
            while m < 1 { m *= 10 }
            let r = (m * 1e6).rounded() / 1e6
            #expect([1, 2, 5, 10].contains(r), "step \(s) for span \(span)")
        }
    }

    @Test func countsNeverGetFractionalTicks() {
        #expect(Ticks.ticks(0, 3, count: 10, integers: true) == [0, 1, 2, 3])
        #expect(Ticks.nice(0, 1, count: 5, integers: true) == 0...1)
    }

    @Test func niceDomainsIncludeZeroAndRoundOut() {
        #expect(Ticks.nice(3, 47) == 0...50)
        #expect(Ticks.nice(-3, 47) == -10...50)
        #expect(Ticks.nice(0, 0, integers: true) == 0...5)
        #expect(Ticks.nice(120, 180, includeZero: false) == 120...180)
        #expect(Ticks.nice(.nan, .infinity).lowerBound == 0)
    }

    @Test func thousandsSeparators() {
        #expect(NumberFormat.format(0) == "0")
        #expect(NumberFormat.format(999) == "999")
        #expect(NumberFormat.format(1_000) == "1,000")
        #expect(NumberFormat.format(1_234_567) == "1,234,567")
        #expect(NumberFormat.format(-1_234) == "−1,234")
        #expect(NumberFormat.format(0.25, decimals: 2) == "0.25")
        #expect(NumberFormat.format(12_345.5, decimals: 1) == "12,345.5")
        #expect(NumberFormat.signed(3) == "+3")
        #expect(NumberFormat.signed(-3) == "−3")
        #expect(NumberFormat.signed(0) == "0")
        #expect(NumberFormat.format(.nan) == "–")
        #expect(NumberFormat.format(-1e20) == "−1e+20")
        #expect(NumberFormat.format(1.5, decimals: 40) == "1.500000000")
        #expect(NumberFormat.format(2, decimals: -3) == "2")
        #expect(NumberFormat.decimals(forStep: 0.2) == 1)
        #expect(NumberFormat.decimals(forStep: 0.05) == 2)
        #expect(NumberFormat.decimals(forStep: 5) == 0)
    }

    @Test func scale() {
        let s = LinearScale(domain: 0...10, range: 100...200, reversed: true)
        #expect(s(0) == 200)
        #expect(s(10) == 100)
        #expect(s(5) == 150)
    }
}
