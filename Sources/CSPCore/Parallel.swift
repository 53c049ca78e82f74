import Dispatch

/// Independent work spread over the cores.
public enum Parallel {
    /// `work` applied to every item, as many at a time as there are cores; the results come
    /// back in the items' order, so they never depend on the schedule.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ work: @Sendable (T) -> R) -> [R] {
        let slots = Slots<R>(items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in slots.set(i, work(items[i])) }
        return slots.values()
    }

    /// One slot a result: each iteration writes only its own, and they are read after all end.
    private final class Slots<R>: @unchecked Sendable {
        let count: Int
        let base: UnsafeMutablePointer<R?>
        init(_ count: Int) {
            self.count = count
            base = .allocate(capacity: max(1, count))
            base.initialize(repeating: nil, count: max(1, count))
        }
        deinit { base.deinitialize(count: max(1, count)); base.deallocate() }
        func set(_ i: Int, _ v: R) { base[i] = v }
        func values() -> [R] { (0..<count).compactMap { base[$0] } }
    }
}
