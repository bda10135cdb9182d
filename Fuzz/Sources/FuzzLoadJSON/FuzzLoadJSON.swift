import CFNTemplate

// The strict JSON path of the loader (input forced to start with `{`), then the emitter round trip.
let loader = TemplateLoader(limits: LoaderLimits(maxBytes: 1 << 20, maxDepth: 64, maxNodes: 200_000))

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.first != UInt8(ascii: "{") { bytes.insert(UInt8(ascii: "{"), at: 0) }
    guard let document = try? loader.load(bytes: bytes, path: "fuzz.json") else { return 0 }
    _ = Template(document)
    for style in [Emitter.Style.json, .yaml(shortForm: true)] {
        let text = Emitter.emit(document.root, as: style)
        let again: LoadedDocument
        do { again = try loader.load(bytes: Array(text.utf8), path: "emitted") } catch {
            fatalError("emitted \(style) does not load: \(error)\n--- emitted ---\n\(text)")
        }
        if let difference = document.root.firstDifference(from: again.root) {
            fatalError("emitted \(style) loads to a different tree at \(difference)\n--- emitted ---\n\(text)")
        }
    }
    return 0
}
