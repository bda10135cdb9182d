import Foundation

/// The one way cfnkit writes to standard output: every byte is written or the failure is thrown
/// (Foundation's `FileHandle.write` traps on a full disk or a closed descriptor, and `print`
/// loses the error in its buffer). A reader that went away (`| head -1`) ends the process quietly,
/// as SIGPIPE does for any Unix tool.
public enum StandardOutput {
    public struct WriteError: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "cannot write to standard output: \(reason)" }
    }

    public static func write(_ data: Data) throws(WriteError) {
        try FileDescriptorWriter.writeAll(data, to: STDOUT_FILENO).mapError()
    }

    public static func write(_ text: String) throws(WriteError) {
        try write(Data(text.utf8))
    }
}

/// Writes all of a buffer to a descriptor, retrying short writes and EINTR; returns the errno of a failure.
enum FileDescriptorWriter {
    static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        var failure: Int32?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                remaining -= written
                pointer += written
            }
        }
        return failure
    }
}

private extension Optional where Wrapped == Int32 {
    func mapError() throws(StandardOutput.WriteError) {
        guard let code = self else { return }
        if code == EPIPE {
            // The reader closed the pipe: stop as the default SIGPIPE action would, without a message.
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
            exit(141)
        }
        throw StandardOutput.WriteError(reason: String(cString: strerror(code)))
    }
}
