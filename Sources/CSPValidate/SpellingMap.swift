import CSPCore

/// A map from exact UTF-8 spellings to values, looked up straight from bytes: a column holds a
/// handful of spellings over thousands of rows, and finding one needs no String for the cell.
/// The keys' bytes live in one buffer (no object per key). A class: looking a spelling up
/// from inside a closure (as the row checks do, on a cell's bytes) would otherwise copy the
/// map's five arrays for each lookup, retaining and releasing each.
final class SpellingMap<Value> {
    private var slots: [Int32] = Array(repeating: -1, count: 16)
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private var hashes: [UInt64] = []
    private var values: [Value] = []

    init() {}

    var count: Int { values.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var k = Int(truncatingIfNeeded: h) & mask
        return keyBytes.withUnsafeBufferPointer { keys in
            while true {
                let e = Int(slots[k])
                if e < 0 { return (k, nil) }
                if hashes[e] == h {
                    let start = e == 0 ? 0 : keyEnds[e - 1]
                    let key = UnsafeBufferPointer(rebasing: keys[start..<keyEnds[e]])
                    if sameBytes(key, bytes) { return (k, e) }
                }
                k = (k + 1) & mask
            }
        }
    }

    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        find(bytes, hash: SpellingMap.hash(bytes)).entry.map { values[$0] }
    }

    /// Adds (or replaces) the value for a spelling.
    func set(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
        let h = SpellingMap.hash(bytes)
        let (slot, entry) = find(bytes, hash: h)
        if let entry { values[entry] = value; return }
        keyBytes.append(contentsOf: bytes)
        keyEnds.append(keyBytes.count)
        hashes.append(h)
        values.append(value)
        slots[slot] = Int32(values.count - 1)
        if values.count * 2 > slots.count {
            var grown = [Int32](repeating: -1, count: slots.count * 2)
            let mask = grown.count - 1
            for (e, h) in hashes.enumerated() {
                var k = Int(truncatingIfNeeded: h) & mask
                while grown[k] >= 0 { k = (k + 1) & mask }
                grown[k] = Int32(e)
            }
            slots = grown
        }
    }

    func value(for string: String) -> Value? {
        var s = string
        return s.withUTF8 { value(for: $0) }
    }

    func set(_ value: Value, for string: String) {
        var s = string
        s.withUTF8 { set(value, for: $0) }
    }
}
