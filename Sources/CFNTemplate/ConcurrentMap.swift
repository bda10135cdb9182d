import Dispatch
import Foundation

/// Runs `transform` over `items` on at most `Limits.concurrentFiles` threads (default: the cores)
/// and returns the results in input order.
public enum ConcurrentMap {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let workers = min(items.count, Limits.concurrentFiles)
        if workers <= 1 { return items.map(transform) }
        let results = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = results.claim() { results.set(i, transform(items[i])) }
        }
        return results.values()
    }

    private final class ResultBox<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()
        private var next = 0
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        /// The next index nobody works on yet.
        func claim() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < storage.count else { return nil }
            next += 1
            return next - 1
        }
        func set(_ i: Int, _ value: R) { lock.lock(); storage[i] = value; lock.unlock() }
        func values() -> [R] { storage.map { $0! } }
    }
}
