#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry point for programs that have their own `main` (SwiftPM renames an executable's
/// `main` to `<Target>_main` and aliases it, so libFuzzer's own `main` is never linked).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments and exits with its status.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The fuzzer's bytes as a buffer.
@inline(__always)
public func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Deterministic choices drawn from the fuzzer's bytes (zero once they run out), so libFuzzer's
/// mutations steer the generated structure.
public struct ByteStream {
    var bytes: [UInt8]
    var index = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var isEmpty: Bool { index >= bytes.count }
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }
    /// 0..<n
    public mutating func pick(_ n: Int) -> Int { n <= 1 ? 0 : Int(byte()) % n }
    public mutating func chance(_ percent: Int) -> Bool { Int(byte()) % 100 < percent }
    public mutating func element<T>(_ items: [T]) -> T { items[pick(items.count)] }
}

/// FNV-1a, to seed choices from the whole input.
public func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}
