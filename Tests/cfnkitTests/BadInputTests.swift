import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The bad-input suite: hostile templates and projects, each a golden folder under Tests/BadInput
/// with `case.txt` and its input files, run through the `cfnkit` binary. Each case must give the
/// exact error (with its position) and exit code, finish within a second, stay within bounded
/// memory and leave no output file behind. The loader's own golden folders
/// (Tests/CFNTemplateTests/Fixtures/load-errors) are run through `cfnkit validate` here too.
///
/// case.txt, one directive a line (`#` starts a comment):
///   run: ARGS              cfnkit arguments, split on spaces, run in a temporary copy of the folder
///   env: NAME=VALUE        extra environment (repeatable)
///   generate: FILE KIND N  write a large input instead of committing it (kinds below; `nested-chain`
///                          writes FILE0.yaml ... FILE(N-1).yaml, each nesting the next)
///   chmod: FILE MODE       e.g. `chmod: secret.py 000`
///   skip-if-root           for permission cases (root reads any file)
///   exit: N                expected exit status
///   stdout: TEXT / stderr: TEXT   a line that must appear (exactly) in that stream
///   stdout-prefix: TEXT / stderr-prefix: TEXT   a line that must start with TEXT (for temporary paths)
///   stderr-contains: TEXT  a fragment of standard error
///   absent: PATH           a file or folder that must not exist afterwards
///   mkfifo: FILE           make a named pipe nobody reads or writes
///   mknod-null: FILE       make a character device with the null device's numbers (1, 3); the case
///                          is skipped, with a message, where mknod is not permitted
///   file-type: FILE KIND   FILE must afterwards be of KIND: regular, fifo, char (device), directory
///   unchanged: FILE        a file that must be byte-identical afterwards
///   stdout-to: TARGET      send standard output to an existing file (e.g. /dev/full; a relative path
///                          is in the case folder) or to `broken-pipe`
///                          (a pipe whose reader has already gone) instead of capturing it
///   ignore-sigpipe         start cfnkit with SIGPIPE ignored, so a closed pipe gives EPIPE
///   signal: N              expected: ended by signal N (13 for SIGPIPE) rather than an exit status
///   stderr-line-count: N   standard error has exactly N lines (0: nothing at all)
@Suite("Bad input: hostile templates through the cfnkit binary", .serialized)
struct BadInputTests {
    static let casesRoot = CLI.projectRoot.appendingPathComponent("Tests/BadInput")
    static let loaderRoot = CLI.projectRoot.appendingPathComponent("Tests/CFNTemplateTests/Fixtures/load-errors")

    static let caseNames: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: casesRoot.path)) ?? [])
        .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    static let loaderCaseNames: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: loaderRoot.path)) ?? []).sorted()

    /// Wall-clock bound per case: one second for a release build, two for the debug build the test
    /// suite normally uses; sanitizer runs raise it with CFNKIT_BAD_INPUT_SECONDS.
    #if DEBUG
    static let defaultSeconds = 2.0
    #else
    static let defaultSeconds = 1.0
    #endif
    static let secondsLimit: Double = ProcessInfo.processInfo.environment["CFNKIT_BAD_INPUT_SECONDS"].flatMap(Double.init) ?? defaultSeconds
    /// Peak resident memory of any child process.
    static let memoryLimitKB = 1024 * 1024

    @Test("Every case folder has a case.txt")
    func casesExist() {
        #expect(Self.caseNames.count >= 25)
        for name in Self.caseNames {
            #expect(FileManager.default.fileExists(atPath: Self.casesRoot.appendingPathComponent(name).appendingPathComponent("case.txt").path), "\(name)")
        }
    }

    @Test("Hostile input", arguments: caseNames)
    func hostile(_ name: String) throws {
        let spec = try String(contentsOf: Self.casesRoot.appendingPathComponent(name).appendingPathComponent("case.txt"), encoding: .utf8)
        var arguments: [String] = []
        var environment: [String: String] = [:]
        var expectedExit: Int32?
        var stdoutLines: [String] = [], stderrLines: [String] = [], absent: [String] = []
        var stdoutPrefixes: [String] = [], stderrPrefixes: [String] = [], stderrFragments: [String] = []
        var generate: [(file: String, kind: String, n: Int)] = []
        var chmods: [(file: String, mode: mode_t)] = []
        var fifos: [String] = [], unchanged: [String] = [], nullDevices: [String] = []
        var fileTypes: [(file: String, kind: String)] = []
        var stdoutTarget: CLI.Stdout = .captured
        var ignoreSIGPIPE = false
        var expectedSignal: Int32?, stderrLineCount: Int?
        for raw in spec.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(raw)
            if line.hasPrefix("#") { continue }
            if line == "skip-if-root" { if getuid() == 0 { return } else { continue } }
            if line == "ignore-sigpipe" { ignoreSIGPIPE = true; continue }
            guard let colon = line.firstIndex(of: ":") else { Issue.record("\(name): bad line \(line)"); continue }
            let key = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].drop(while: { $0 == " " }))
            switch key {
            case "run": arguments = value.split(separator: " ").map(String.init)
            case "env":
                let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                environment[parts[0]] = parts.count > 1 ? parts[1] : ""
            case "exit": expectedExit = Int32(value)
            case "stdout": stdoutLines.append(value)
            case "stderr": stderrLines.append(value)
            case "stderr-contains": stderrFragments.append(value)
            case "stdout-prefix": stdoutPrefixes.append(value)
            case "stderr-prefix": stderrPrefixes.append(value)
            case "absent": absent.append(value)
            case "mkfifo": fifos.append(value)          // a named pipe nobody writes to
            case "unchanged": unchanged.append(value)   // a file that must be byte-identical afterwards
            case "mknod-null": nullDevices.append(value)
            case "file-type":
                let p = value.split(separator: " ").map(String.init)
                fileTypes.append((p[0], p.count > 1 ? p[1] : ""))
            case "stdout-to": stdoutTarget = value == "broken-pipe" ? .brokenPipe : .file(value)
            case "signal": expectedSignal = Int32(value)
            case "stderr-line-count": stderrLineCount = Int(value)
            case "generate":
                let p = value.split(separator: " ").map(String.init)
                generate.append((p[0], p[1], Int(p[2]) ?? 0))
            case "chmod":
                let p = value.split(separator: " ").map(String.init)
                chmods.append((p[0], mode_t(p[1], radix: 8) ?? 0))
            default: Issue.record("\(name): unknown directive \(key)")
            }
        }
        let folder = try copyCase(name)
        defer {
            for c in chmods { chmod(folder.appendingPathComponent(c.file).path, 0o644) }
            try? FileManager.default.removeItem(at: folder)
        }
        for g in generate {
            for (file, data) in Self.generateFiles(g.kind, g.file, g.n) {
                try data.write(to: folder.appendingPathComponent(file))
            }
        }
        for c in chmods { chmod(folder.appendingPathComponent(c.file).path, c.mode) }
        for f in fifos { #expect(mkfifo(folder.appendingPathComponent(f).path, 0o644) == 0, "\(name): mkfifo \(f)") }
        for f in nullDevices {
            let path = folder.appendingPathComponent(f).path
            if mknod(path, S_IFCHR | 0o666, Self.nullDeviceNumber) != 0 {
                let reason = String(cString: strerror(errno))
                print("\(name): skipped: cannot make the character device \(f) (mknod: \(reason))")
                return
            }
        }
        let before = try unchanged.map { try Data(contentsOf: folder.appendingPathComponent($0)) }

        let start = ContinuousClock.now
        if case .file(let path) = stdoutTarget, !path.hasPrefix("/") { stdoutTarget = .file(folder.appendingPathComponent(path).path) }
        let result = try CLI.run(arguments, in: folder, environment: environment, stdout: stdoutTarget,
                                 ignoringSIGPIPE: ignoreSIGPIPE)
        let elapsed = ContinuousClock.now - start
        let context = "\(name): \(result.signaled ? "signal" : "exit") \(result.status)\n--- stdout ---\n\(result.stdout.prefix(2000))\n--- stderr ---\n\(result.stderr.prefix(2000))"
        if let expectedExit { #expect(!result.signaled && result.status == expectedExit, "\(context)") }
        if let expectedSignal { #expect(result.signaled && result.status == expectedSignal, "\(context)") }
        if let stderrLineCount {
            #expect(result.stderr.split(separator: "\n", omittingEmptySubsequences: false).count - 1 == stderrLineCount
                        && (result.stderr.isEmpty || result.stderr.hasSuffix("\n")), "\(name): stderr is not \(stderrLineCount) lines\n\(context)")
        }
        let outLines = Set(result.stdout.split(separator: "\n").map(String.init))
        let errLines = Set(result.stderr.split(separator: "\n").map(String.init))
        for line in stdoutLines { #expect(outLines.contains(line), "\(name): missing stdout line \(line)\n\(context)") }
        for line in stderrLines { #expect(errLines.contains(line), "\(name): missing stderr line \(line)\n\(context)") }
        for p in stdoutPrefixes { #expect(outLines.contains { $0.hasPrefix(p) }, "\(name): no stdout line starts with \(p)\n\(context)") }
        for p in stderrPrefixes { #expect(errLines.contains { $0.hasPrefix(p) }, "\(name): no stderr line starts with \(p)\n\(context)") }
        for f in stderrFragments { #expect(result.stderr.contains(f), "\(name): stderr lacks \(f)\n\(context)") }
        for path in absent {
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(name): \(path) left behind")
        }
        for (file, kind) in fileTypes {
            var info = stat()
            let path = folder.appendingPathComponent(file).path
            let types: [String: mode_t] = ["regular": S_IFREG, "fifo": S_IFIFO, "char": S_IFCHR, "directory": S_IFDIR]
            #expect(types[kind] != nil, "\(name): unknown file-type \(kind)")
            #expect(lstat(path, &info) == 0 && info.st_mode & S_IFMT == types[kind], "\(name): \(file) is no longer \(kind)")
        }
        for (file, bytes) in zip(unchanged, before) {
            #expect((try? Data(contentsOf: folder.appendingPathComponent(file))) == bytes, "\(name): \(file) was modified")
        }
        #expect(elapsed < .milliseconds(Int(Self.secondsLimit * 1000)), "\(name): took \(elapsed)")
        #expect(Self.peakChildMemoryKB() < Self.memoryLimitKB, "\(name): a child used \(Self.peakChildMemoryKB()) KB")
    }

    @Test("Loader golden folders through cfnkit validate", arguments: loaderCaseNames)
    func loaderCase(_ name: String) throws {
        let folder = Self.loaderRoot.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "expected.txt" }
        let template = try #require(files.first)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8).trimmingCharacters(in: .newlines)
        let parts = expected.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let start = ContinuousClock.now
        let result = try CLI.run(["validate", template], in: folder)
        let elapsed = ContinuousClock.now - start
        #expect(result.status == 2, "\(name): \(result.stdout)\(result.stderr)")
        let line = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(line.hasPrefix("\(template):\(parts[1]): error: "), "\(name): \(line)")
        if parts.count > 2 { #expect(line.contains(parts[2]), "\(name): \(line)") }
        #expect(elapsed < .milliseconds(Int(Self.secondsLimit * 1000)), "\(name): took \(elapsed)")
    }

    private func copyCase(_ name: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("cfnkit-bad-\(name)-\(UUID().uuidString)")
        // cp -a keeps symlinks (the symlink-loop cases) as they are.
        let cp = Process()
        cp.executableURL = URL(fileURLWithPath: "/bin/cp")
        cp.arguments = ["-a", Self.casesRoot.appendingPathComponent(name).path, target.path]
        try cp.run()
        cp.waitUntilExit()
        try #require(cp.terminationStatus == 0)
        return target
    }

    /// glibc's makedev(1, 3) (a C macro Swift cannot import): major in bits 8-19, minor in bits 0-7.
    static let nullDeviceNumber: dev_t = (1 << 8) | 3

    static func peakChildMemoryKB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Int(usage.ru_maxrss)
    }

    /// Large inputs made at test time rather than committed.
    /// The files a generator writes: one, except `nested-chain` (FILE0.yaml ... FILE(n-1).yaml, each
    /// nesting the next through a local TemplateURL).
    static func generateFiles(_ kind: String, _ file: String, _ n: Int) -> [(String, Data)] {
        guard kind == "nested-chain" else { return [(file, generate(kind, n))] }
        return (0..<n).map { i in
            var text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n"
            if i < n - 1 { text += "  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: \(file)\(i + 1).yaml\n" }
            return ("\(file)\(i).yaml", Data(text.utf8))
        }
    }

    static func generate(_ kind: String, _ n: Int) -> Data {
        var text = ""
        switch kind {
        case "nested-yaml":   // n levels of flow sequences
            text = "Resources: " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "\n"
        case "nested-block-yaml":   // n levels of block mappings (n * n / 2 bytes)
            text.reserveCapacity(n * n / 2)
            for i in 0..<n { text += String(repeating: " ", count: i) + "k:\n" }
        case "nested-json":
            text = "{\"Resources\": " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "}\n"
        case "scalar-mb":     // one scalar of n MiB
            var bytes = Array("Description: ".utf8)
            bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: "a"), count: n * 1024 * 1024))
            bytes.append(0x0A)
            return Data(bytes)
        case "resources":
            text = "Resources:\n"
            for i in 0..<n { text += "  Topic\(i):\n    Type: AWS::SNS::Topic\n" }
        case "cycle":         // R0 -> R1 -> ... -> R(n-1) -> R0 through DependsOn
            text = "Resources:\n"
            for i in 0..<n { text += "  R\(i):\n    Type: AWS::SNS::Topic\n    DependsOn: R\((i + 1) % n)\n" }
        case "foreach":       // two nested loops over n items each: n * n resources
            let items = (0..<n).map { "\"i\($0)\"" }.joined(separator: ", ")
            text = """
                Transform: AWS::LanguageExtensions
                Resources:
                  Fn::ForEach::Outer:
                    - A
                    - [\(items)]
                    - Fn::ForEach::Inner:
                        - B
                        - [\(items)]
                        - Topic${A}${B}:
                            Type: AWS::SNS::Topic

                """
        case "condition-chain":   // C0 .. C(n-1), each the Fn::Not of the previous: a chain, no cycle
            text = "Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  C0: !Equals [!Ref Env, prod]\n"
            for i in 1..<max(n, 2) { text += "  C\(i): !Not [!Condition C\(i - 1)]\n" }
            text += "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: C\(max(n, 2) - 1)\n"
        case "sub-long":      // an Fn::Sub string of n characters
            text = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub \"" + String(repeating: "a", count: n) + "${AWS::Region}\"\n"
        default:
            fatalError("unknown generator \(kind)")
        }
        return Data(text.utf8)
    }
}
