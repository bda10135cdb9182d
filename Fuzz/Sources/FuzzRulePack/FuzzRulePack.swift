// STUB. The rule-pack engine (custom lint rules loaded from rule files) is being written on
// another branch and was not on main when the fuzz targets were added (main at bb2b07c). When it
// lands, replace the body with: parse the bytes as a rule pack (every error must be a thrown,
// positioned error, never a crash), and when it parses, run the pack on a fixed small template
// so the rule-file regexes and selectors are exercised. Seed with its example rule files.
// Until then this target only checks that the bytes are accepted, so `Scripts/fuzz FuzzRulePack`
// runs and says so.

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    0
}
