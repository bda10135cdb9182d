import CFNTemplate
import CZlib
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes zip archives that depend only on their content: entries in the order given (callers
/// sort them), a fixed timestamp (1980-01-01 00:00), Unix permissions normalised to 0644 or 0755
/// (the executable bit is kept), no extra fields, no data descriptors, raw deflate from zlib and
/// CRC-32 from zlib. The same entries always give the same bytes.
///
/// Limits: no Zip64, so at most 65,535 entries and 4 GiB; larger input is an error.
public final class ZipWriter {
    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    private struct CentralEntry {
        var name: [UInt8]
        var flags: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var mode: UInt32
        var offset: UInt32
    }

    /// DOS date 1980-01-01 (day 1, month 1, year 0), time 00:00:00.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (1 << 5) | 1

    private let out: OutputFile
    private var entries: [CentralEntry] = []
    private var finished = false
    /// zlib level; 6 is zlib's default, the level Python's zipfile (and so aws-cli) uses.
    public var level: Int32 = 6
    /// Most entries and most bytes (whole zip, and any one entry uncompressed); see docs/LIMITS.md.
    public var maxEntries: Int = min(Limits.zipEntries, 0xFFFF)
    public var maxBytes: Int = min(Limits.zipBytes, 0xFFFF_FFFF)

    /// Opens `path` for writing (truncating it).
    public init(path: String) throws {
        out = try OutputFile(path: path)
    }

    deinit { out.closeQuietly() }

    /// Adds a regular file's content under `name` (a relative path with `/` separators).
    public func addFile(name: String, sourcePath: String, executable: Bool) throws {
        let fd = open(sourcePath, O_RDONLY)
        guard fd >= 0 else { throw Error(description: "\(sourcePath): cannot read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        try addEntry(name: name, executable: executable) { (consume: (UnsafeRawBufferPointer) throws -> Void) in
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Error(description: "\(sourcePath): read failed: \(String(cString: strerror(errno)))")
                }
                if n == 0 { break }
                try buffer.withUnsafeBytes { try consume(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            }
        }
    }

    /// Adds bytes held in memory under `name`.
    public func addData(name: String, _ data: [UInt8], executable: Bool = false) throws {
        try addEntry(name: name, executable: executable) { consume in
            try data.withUnsafeBytes { try consume($0) }
        }
    }

    private func addEntry(name: String, executable: Bool,
                          produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        precondition(!finished, "ZipWriter used after finish()")
        guard entries.count < maxEntries else {
            throw Error(description: "more than \(maxEntries) files in one zip (limit: CFNKIT_MAX_ZIP_ENTRIES; Zip64 is not supported)")
        }
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 0xFFFF else { throw Error(description: "file name too long for a zip: \(name)") }
        let flags: UInt16 = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 0x0800  // bit 11: UTF-8 names
        let headerOffset = out.offset
        guard headerOffset <= UInt64(maxBytes) else { throw Error(description: "zip larger than \(maxBytes) bytes (limit: CFNKIT_MAX_ZIP_BYTES)") }
        // Local header; CRC and sizes are patched once the data is written.
        var header = ByteBuffer()
        header.u32(0x0403_4B50)
        header.u16(20)
        header.u16(flags)
        header.u16(8)
        header.u16(Self.dosTime)
        header.u16(Self.dosDate)
        header.u32(0); header.u32(0); header.u32(0)
        header.u16(UInt16(nameBytes.count))
        header.u16(0)
        header.bytes(nameBytes)
        try out.write(header.storage)

        var stream = z_stream()
        let initResult = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                                       zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { throw Error(description: "zlib deflateInit2 failed (\(initResult))") }
        defer { deflateEnd(&stream) }
        var crc: uLong = crc32(0, nil, 0)
        var size: UInt64 = 0
        var compressed: UInt64 = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        let out = self.out

        func pump(_ input: UnsafeRawBufferPointer, flush: Int32) throws {
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let (result, produced) = chunk.withUnsafeMutableBytes { buf -> (Int32, Int) in
                    stream.next_out = buf.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(buf.count)
                    let r = deflate(&stream, flush)
                    return (r, buf.count - Int(stream.avail_out))
                }
                if result == Z_STREAM_ERROR { throw Error(description: "zlib deflate failed") }
                if produced > 0 {
                    try chunk.withUnsafeBytes { try out.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
                    compressed += UInt64(produced)
                }
                if flush == Z_FINISH {
                    if result == Z_STREAM_END { break }
                } else if stream.avail_in == 0 && produced < chunk.count {
                    break
                }
            }
        }

        try produce { input in
            guard input.count > 0 else { return }
            crc = crc32(crc, input.bindMemory(to: Bytef.self).baseAddress, uInt(input.count))
            size += UInt64(input.count)
            guard size <= UInt64(maxBytes) else { throw Error(description: "\(name) is larger than \(maxBytes) bytes (limit: CFNKIT_MAX_ZIP_BYTES)") }
            try pump(input, flush: Z_NO_FLUSH)
        }
        try pump(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
        guard size <= 0xFFFF_FFFF, compressed <= 0xFFFF_FFFF else {
            throw Error(description: "\(name) is larger than 4 GiB (Zip64 is not supported)")
        }
        var patch = ByteBuffer()
        patch.u32(UInt32(crc))
        patch.u32(UInt32(compressed))
        patch.u32(UInt32(size))
        try out.patch(at: headerOffset + 14, patch.storage)
        let mode: UInt32 = executable ? 0o100755 : 0o100644
        entries.append(CentralEntry(name: nameBytes, flags: flags, crc: UInt32(crc), compressedSize: UInt32(compressed),
                                    size: UInt32(size), mode: mode, offset: UInt32(headerOffset)))
    }

    /// Writes the central directory and closes the file.
    public func finish() throws {
        precondition(!finished)
        finished = true
        let start = out.offset
        var central = ByteBuffer()
        for e in entries {
            central.u32(0x0201_4B50)
            central.u16(0x0314)  // made by: Unix (3), spec 2.0
            central.u16(20)
            central.u16(e.flags)
            central.u16(8)
            central.u16(Self.dosTime)
            central.u16(Self.dosDate)
            central.u32(e.crc)
            central.u32(e.compressedSize)
            central.u32(e.size)
            central.u16(UInt16(e.name.count))
            central.u16(0)  // extra
            central.u16(0)  // comment
            central.u16(0)  // disk
            central.u16(0)  // internal attributes
            central.u32(e.mode << 16)
            central.u32(e.offset)
            central.bytes(e.name)
        }
        guard start + UInt64(central.storage.count) <= UInt64(maxBytes) else {
            throw Error(description: "zip larger than \(maxBytes) bytes (limit: CFNKIT_MAX_ZIP_BYTES)")
        }
        central.u32(0x0605_4B50)
        central.u16(0)
        central.u16(0)
        central.u16(UInt16(entries.count))
        central.u16(UInt16(entries.count))
        central.u32(UInt32(central.storage.count - 0))  // patched below
        central.u32(UInt32(start))
        central.u16(0)
        // The directory size excludes the end record (22 bytes).
        let directorySize = UInt32(central.storage.count - 22)
        withUnsafeBytes(of: directorySize.littleEndian) { raw in
            let at = central.storage.count - 22 + 12
            for i in 0..<4 { central.storage[at + i] = raw[i] }
        }
        try out.write(central.storage)
        try out.close()
    }

    /// True when a file starts like a zip archive (local header or an empty archive's end record).
    public static func looksLikeZip(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 4))
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }
}

/// Little-endian byte building.
struct ByteBuffer {
    var storage: [UInt8] = []
    mutating func u16(_ v: UInt16) { storage.append(UInt8(v & 0xFF)); storage.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { storage.append(UInt8((v >> (8 * UInt32(i))) & 0xFF)) } }
    mutating func bytes(_ b: [UInt8]) { storage.append(contentsOf: b) }
}

/// A buffered output file that can patch bytes already written.
final class OutputFile {
    private var fd: Int32
    private var buffer: [UInt8] = []
    private(set) var offset: UInt64 = 0
    private let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ZipWriter.Error(description: "\(path): cannot create: \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        offset += UInt64(bytes.count)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func patch(at position: UInt64, _ bytes: [UInt8]) throws {
        try flush()
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(position)) }
        guard n == bytes.count else { throw ZipWriter.Error(description: "\(path): write failed: \(String(cString: strerror(errno)))") }
    }

    func flush() throws {
        var start = 0
        while start < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + start, $0.count - start) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ZipWriter.Error(description: "\(path): write failed: \(String(cString: strerror(errno)))")
            }
            start += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        if fd >= 0 {
            let r = Glibc.close(fd)
            fd = -1
            if r != 0 { throw ZipWriter.Error(description: "\(path): close failed: \(String(cString: strerror(errno)))") }
        }
    }

    func closeQuietly() {
        if fd >= 0 { _ = Glibc.close(fd); fd = -1 }
    }
}
