import CFNPackage
import CFNTemplate
import Foundation
import Testing

/// A scratch folder removed at the end of the test.
final class ScratchFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "cfnkit-package-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String, executable: Bool = false) {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
        if executable { chmod(full, 0o755) }
    }

    func symlink(_ relative: String, to target: String) {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
    }

    func files(under relative: String = "") -> [String] {
        let base = relative.isEmpty ? path : path + "/" + relative
        guard let e = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let name = e.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue { out.append(name) }
        }
        return out.sorted()
    }
}

enum Fixtures {
    static var root: String {
        Bundle.module.resourcePath! + "/Fixtures"
    }

    /// The fixture folder in the source tree (for updating goldens).
    static var sourceRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    /// Copies a fixture into a scratch folder (so outputs and timestamps never touch the source tree).
    static func copy(_ name: String) -> ScratchFolder {
        let scratch = ScratchFolder()
        let target = scratch.path + "/project"
        try! FileManager.default.copyItem(atPath: root + "/" + name, toPath: target)
        return scratch
    }
}

/// Runs `unzip`/`python3` and returns standard output, or nil when the tool is missing or fails.
@discardableResult
func runTool(_ arguments: [String], input: String? = nil) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

func package(_ template: String, bucket: String = "bucket", prefix: String = "p", projectRoot: String? = nil,
             allowOutsideRoot: Bool = false, useJSON: Bool = false) throws(PackageError) -> PackageResult {
    try Packager(options: PackageOptions(templatePath: template, bucket: bucket, prefix: prefix, projectRoot: projectRoot,
                                         allowOutsideRoot: allowOutsideRoot, useJSON: useJSON)).run()
}

func expectError(_ kind: PackageError.Kind, _ body: () throws(PackageError) -> Void) -> PackageError? {
    do {
        try body()
        Issue.record("expected a \(kind) error")
        return nil
    } catch {
        #expect(error.kind == kind, "\(error)")
        return error
    }
}
