import Foundation

/// Runs work whose recursion depth is bounded by a limit but whose frames are large (a nested
/// stack's whole change set per level) on a thread with a stack sized for that limit, so the bound
/// is what stops it rather than the main thread's 8 MiB.
public enum LargeStack {
    public static func run<T>(levels: Int, bytesPerLevel: Int = 256 * 1024, _ body: @escaping () -> T) -> T {
        nonisolated(unsafe) var result: T?
        nonisolated(unsafe) let work = body
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result = work()
            done.signal()
        }
        thread.stackSize = max(16 << 20, levels * bytesPerLevel + (8 << 20))
        thread.start()
        done.wait()
        return result!
    }
}
