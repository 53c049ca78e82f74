import Dispatch

/// `map` over the cores: the closure runs for every element on Dispatch's worker threads, and
/// the results come back in the elements' order, whatever order they finish in.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            results.set(i, transform(items[i]))
        }
        return results.values()
    }
}

/// One slot per index, each written by exactly one iteration; read after all have finished
/// (concurrentPerform returns only then), so no two threads touch the same slot.
private final class ResultSlots<R>: @unchecked Sendable {
    private let count: Int
    private let slots: UnsafeMutablePointer<R?>
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func set(_ i: Int, _ value: R) { slots[i] = value }
    func values() -> [R] { (0..<count).map { slots[$0]! } }
}
