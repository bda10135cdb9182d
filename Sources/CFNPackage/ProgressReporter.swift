import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
public final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var phase = ""
    private var total: Int64 = 0
    private var done: Int64 = 0
    private var bytes = false
    private var lastDraw: UInt64 = 0
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// A reporter for standard error, or nil when it is not a terminal.
    public static func terminal() -> ProgressReporter? {
        guard isatty(2) != 0 else { return nil }
        return ProgressReporter { text in FileHandle.standardError.write(Data(text.utf8)) }
    }

    public func begin(_ phase: String, total: Int64, bytes: Bool = false) {
        lock.lock()
        self.phase = phase
        self.total = total
        self.done = 0
        self.bytes = bytes
        lock.unlock()
        draw(force: true)
    }

    public func advance(by amount: Int64, item: String = "") {
        lock.lock()
        done += amount
        lock.unlock()
        draw(force: false)
    }

    public func end() {
        draw(force: true)
        write("\n")
    }

    private func draw(force: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        if !force && now - lastDraw < 50_000_000 && done < total { return }
        lastDraw = now
        let width = 30
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let counts = bytes ? "\(Self.size(done))/\(Self.size(total))" : "\(done)/\(total)"
        write("\r\(phase) [\(bar)] \(counts) ")
    }

    static func size(_ n: Int64) -> String {
        if n >= 1 << 20 { return String(format: "%.1f MB", Double(n) / 1048576) }
        if n >= 1 << 10 { return String(format: "%.1f KB", Double(n) / 1024) }
        return "\(n) B"
    }
}
