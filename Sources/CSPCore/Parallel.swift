import Dispatch

/// Independent pieces of work spread over the cores, with the results in the order of the
/// items: what comes out never depends on the schedule.
public enum Parallel {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ work: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(work) }
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in slots.buffer[i] = work(items[i]) }
        return slots.buffer.map { $0! }
    }

    /// One result per item, written by parallel workers: each index is written by exactly one
    /// worker and read only after all have finished, which is what makes the unchecked
    /// Sendable conformance sound.
    private final class Slots<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }
}
