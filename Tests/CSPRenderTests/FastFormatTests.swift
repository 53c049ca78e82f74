import CFastFormat
import CSPSample
import Testing

/// `CFastFormat` answers cairo's snprintf("%f") calls itself; it must write exactly what glibc
/// writes, and be the snprintf that the libraries of this process call.
@Suite struct FastFormatTests {
    static func ours(_ d: Double, _ precision: Int32, capacity: Int = 64) -> (Int32, String) {
        var buffer = [CChar](repeating: 0, count: capacity + 1)
        let n = csp_format_fixed(&buffer, capacity, d, precision)
        return (n, capacity == 0 ? "" : String(cString: buffer))
    }

    static func glibc(_ d: Double, _ precision: Int32, capacity: Int = 64) -> (Int32, String) {
        var buffer = [CChar](repeating: 0, count: capacity + 1)
        let n = csp_libc_format_fixed(&buffer, capacity, d, precision)
        return (n, capacity == 0 ? "" : String(cString: buffer))
    }

    static func check(_ d: Double, _ failures: inout [String]) {
        for precision: Int32 in [0, 1, 2, 3, 6, 9, 12, 17, 18] {
            let a = ours(d, precision)
            guard a.0 >= 0 else { failures.append("\(d) declined"); continue }
            if a != glibc(d, precision) { failures.append("\(d) %.\(precision)f: \(a.1) vs \(glibc(d, precision).1)") }
        }
    }

    @Test func examples() {
        #expect(Self.ours(0, 6).1 == "0.000000")
        #expect(Self.ours(-0.0, 6).1 == "-0.000000")
        #expect(Self.ours(427.984375, 6).1 == "427.984375")
        #expect(Self.ours(-8.799805, 6).1 == "-8.799805")
        // Exact ties go to the even digit, as glibc does: 1/128 = 0.0078125.
        #expect(Self.ours(1.0 / 128, 6).1 == "0.007812")
        #expect(Self.ours(3.0 / 128, 6).1 == "0.023438")
        #expect(Self.ours(0.5, 0).1 == "0" && Self.ours(1.5, 0).1 == "2" && Self.ours(2.5, 0).1 == "2")
        #expect(Self.ours(.infinity, 6).0 == -1 && Self.ours(.nan, 6).0 == -1 && Self.ours(1e300, 6).0 == -1)
        #expect(Self.ours(9_007_199_254_740_992, 6).0 == -1)
        #expect(Self.ours(1, 19).0 == -1)
    }

    @Test func sameAsGlibc() {
        var failures: [String] = []
        var rng = SplitMix64(seed: 0x2545_F491_4F6C_DD1D)
        func next() -> UInt64 { rng.next() }
        // Numbers as a PDF has them: coordinates and glyph positions with a few decimals.
        for _ in 0..<40_000 {
            let v = Double(Int64(bitPattern: next()) % 2_000_000) / Double([1, 2, 8, 64, 1024, 100, 1000, 3][Int(next() % 8)])
            Self.check(v, &failures)
        }
        // Any bit pattern below 2^53 in size, small ones and subnormals included.
        for _ in 0..<40_000 {
            let d = Double(bitPattern: next())
            if d.isFinite, d.magnitude < 9_007_199_254_740_992 { Self.check(d, &failures) }
        }
        for e in -1074...52 {
            let p = Double(sign: .plus, exponent: e, significand: 1)
            for d in [p, -p, p.nextUp, p.nextDown, 1.5 * p, 9_007_199_254_740_991] { Self.check(d, &failures) }
        }
        // Exact ties at every precision: odd multiples of 2^-k.
        for k in 1...30 {
            for m in stride(from: 1, to: 400, by: 2) { Self.check(Double(m) / Double(1 << k), &failures) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    /// Truncation follows snprintf: at most capacity − 1 bytes and a NUL; the full length back.
    @Test func truncation() {
        for capacity in 0..<12 {
            #expect(Self.ours(-1234.5678, 6, capacity: capacity) == Self.glibc(-1234.5678, 6, capacity: capacity))
        }
    }

    /// The program's snprintf is this one, for cairo too: a PDF drawn through cairo goes
    /// through the fast path.
    @Test func cairoCallsIt() throws {
        #expect(csp_fast_format_installed() == 1)
        let before = csp_fast_format_calls()
        _ = try specimenPDF()
        #expect(csp_fast_format_calls() > before + 1000)
    }
}
