import CFNAWS
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The content hash that names an artifact: MD5 hex (as aws-cli names its keys), read in chunks.
public enum ContentHash {
    public static func md5Hex(ofFile path: String) throws -> (hex: String, size: UInt64) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw PackageError(.io, "\(path): cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var hasher = Insecure.MD5()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var size: UInt64 = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PackageError(.io, "\(path): read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            size += UInt64(n)
        }
        return (hex(hasher.finalize()), size)
    }

    public static func md5Hex(_ bytes: [UInt8]) -> String {
        hex(Insecure.MD5.hash(data: bytes))
    }

    public static func sha256Hex(_ bytes: some DataProtocol) -> String { HexDigest.sha256Hex(bytes) }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 { HexDigest.hex(digest) }
}
