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

    /// Integer formats as cairo writes them, and their edges, against glibc byte for byte.
    @Test func integersSameAsGlibc() {
        func both(_ format: String, _ v: Int, capacity: Int = 40) -> (String, String, Int32, Int32) {
            var a = [CChar](repeating: 0, count: capacity + 1), b = a
            let na = csp_test_format_integer(&a, capacity, format, v, 0)
            let nb = csp_test_format_integer(&b, capacity, format, v, 1)
            return (String(cString: a), String(cString: b), na, nb)
        }
        var failures: [String] = []
        var rng = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        let formats = ["%d", "%u", "%x", "%X", "%ld", "%lu", "%lx", "%010ld", "%04x", "%02x", "%04X", "%05d", "%012lu", "%01d", "%020ld",
                       "%048d", "%060d", "%099ld", "%099X"]
        var values: [Int] = [0, 1, -1, 9, 10, -10, 255, 256, 65535, -65536, 99_999, 1_000_000_000,
                             Int(Int32.max), Int(Int32.min), Int(Int32.max) + 1, Int.max, Int.min, Int.min + 1]
        for _ in 0..<20_000 {
            let r = rng.next()
            values.append(Int(bitPattern: UInt(r >> (r % 64))) * (r & 1 == 0 ? 1 : -1))
        }
        for format in formats {
            for v in values {
                let (ours, glibc, na, nb) = both(format, v, capacity: 120)
                if ours != glibc || na != nb { failures.append("\(format) \(v): \(ours) vs \(glibc)") }
            }
            for capacity in 0..<6 {
                let (ours, glibc, na, nb) = both(format, -123_456, capacity: capacity)
                if ours != glibc || na != nb { failures.append("\(format) capacity \(capacity): \(ours) vs \(glibc)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        // Formats outside the fast path still reach glibc, the incomplete ones included (the
        // parser must not read past their end).
        for format in ["%", "%l", "%05", "%0", "%1d", "%100d", "%lld", "%d ", "%hd"] {
            let (ours, glibc, na, nb) = both(format, 42)
            #expect(ours == glibc && na == nb, "\(format)")
        }
        #expect(both("%+d", 5).0 == "+5" && both("%5d", 42).0 == "   42" && both("%-3d|", 7).0 == "7  |")
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
