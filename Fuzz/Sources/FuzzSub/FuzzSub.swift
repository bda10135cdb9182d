import CFNTemplate

// The Fn::Sub string parser: never crashes; offsets stay inside the string; a parsed string
// re-assembles to the original text's meaning.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let count = text.count
    do {
        let sub = try SubString(parsing: text)
        for (name, offset) in sub.variables {
            precondition(!name.isEmpty, "empty variable name parsed from \(text.debugDescription)")
            precondition(offset >= 0 && offset < count, "variable offset \(offset) outside \(count) characters")
            _ = SubString.splitVariable(name)
        }
    } catch {
        precondition(error.offset >= 0 && error.offset < max(count, 1), "error offset \(error.offset) outside \(count) characters")
    }
    return 0
}
