import CFNPackage
import CFNTemplate
import Foundation
import Testing

@Suite struct PackagerTests {
    static let function = """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: r
              Code: src

        """

    @Test func reproducibleAcrossTouchAndLocation() throws {
        let first = ScratchFolder()
        first.write("template.yaml", Self.function)
        first.write("src/index.py", "def handler(e, c):\n    return 1\n")
        first.write("src/bin/run.sh", "#!/bin/sh\necho hi\n", executable: true)
        first.write("src/z/last.txt", "z\n")
        first.write("src/a.txt", "a\n")
        let one = try package(first.path + "/template.yaml")
        defer { one.discard() }
        let bytesOne = try Data(contentsOf: URL(fileURLWithPath: one.artifacts[0].contentPath))

        // Touch every file (new mtimes), then package again; and once more from a copy elsewhere.
        let later = Date().addingTimeInterval(3600)
        for f in first.files() {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: first.path + "/" + f)
        }
        let two = try package(first.path + "/template.yaml")
        defer { two.discard() }
        let second = ScratchFolder()
        try FileManager.default.removeItem(atPath: second.path)
        try FileManager.default.copyItem(atPath: first.path, toPath: second.path)
        let three = try package(second.path + "/template.yaml")
        defer { three.discard() }

        #expect(one.template == two.template)
        #expect(one.template == three.template)
        #expect(one.artifacts.map(\.key) == two.artifacts.map(\.key))
        #expect(bytesOne == (try Data(contentsOf: URL(fileURLWithPath: two.artifacts[0].contentPath))))
        #expect(bytesOne == (try Data(contentsOf: URL(fileURLWithPath: three.artifacts[0].contentPath))))
        #expect(one.artifacts[0].key == "p/" + one.artifacts[0].md5)
    }

    @Test func zipIsReadableByUnzipAndPython() throws {
        let scratch = ScratchFolder()
        scratch.write("template.yaml", Self.function)
        scratch.write("src/index.py", String(repeating: "print('compressible')\n", count: 500))
        scratch.write("src/bin/run.sh", "#!/bin/sh\necho hi\n", executable: true)
        scratch.write("src/empty.txt", "")
        scratch.write("src/ünïcode.txt", "u\n")
        let result = try package(scratch.path + "/template.yaml")
        defer { result.discard() }
        let zip = result.artifacts[0].contentPath
        if let unzip = runTool(["unzip", "-l", zip]) {
            #expect(unzip.status == 0, "\(unzip.output)")
            #expect(unzip.output.contains("bin/run.sh"))
            #expect(unzip.output.contains("1980"))
        }
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                print(i.filename, oct(i.external_attr >> 16), i.date_time, len(i.extra), i.file_size)
            """
        guard let python = runTool(["python3", "-c", script, zip]) else { return }
        #expect(python.status == 0, "\(python.output)")
        let lines = python.output.split(separator: "\n").map(String.init)
        #expect(lines == [
            "bin/run.sh 0o100755 (1980, 1, 1, 0, 0, 0) 0 18",
            "empty.txt 0o100644 (1980, 1, 1, 0, 0, 0) 0 0",
            "index.py 0o100644 (1980, 1, 1, 0, 0, 0) 0 11000",
            "ünïcode.txt 0o100644 (1980, 1, 1, 0, 0, 0) 0 2",
        ])
    }

    @Test func nestedCycleIsAnErrorNamingTheChain() {
        let scratch = ScratchFolder()
        scratch.write("a.yaml", "Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: b.yaml\n")
        scratch.write("b.yaml", "Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./a.yaml\n")
        let error = expectError(.nestedCycle) { () throws(PackageError) in _ = try package(scratch.path + "/a.yaml") }
        #expect(error?.description.contains("a.yaml -> ") == true)
        #expect(error?.description.contains("b.yaml -> ") == true)
        #expect(error?.description.contains("b.yaml:5:20: error: A.TemplateURL: ") == true, "\(String(describing: error))")
    }

    @Test func missingPathNamesFileLineColumnResourceAndProperty() {
        let scratch = ScratchFolder()
        scratch.write("template.yaml", Self.function)
        let error = expectError(.missingPath) { () throws(PackageError) in _ = try package(scratch.path + "/template.yaml") }
        #expect(error?.description.hasPrefix(scratch.path + "/template.yaml:8:13: error: Fn.Code: no such file or folder: src") == true,
                "\(String(describing: error))")
        #expect(error?.location?.resource == "Fn")
        #expect(error?.location?.property == "Code")
    }

    @Test func escapesFromTheRootAreRefused() throws {
        let scratch = ScratchFolder()
        scratch.write("outside/secret.txt", "secret\n")
        scratch.write("project/template.yaml", Self.function.replacingOccurrences(of: "Code: src", with: "Code: ../outside"))
        _ = expectError(.outsideRoot) { () throws(PackageError) in _ = try package(scratch.path + "/project/template.yaml") }
        let allowed = try package(scratch.path + "/project/template.yaml", allowOutsideRoot: true)
        allowed.discard()

        // A symlink inside the zipped folder that points outside the root.
        scratch.write("project2/template.yaml", Self.function)
        scratch.write("project2/src/index.py", "x\n")
        scratch.symlink("project2/src/leak", to: scratch.path + "/outside")
        let error = expectError(.outsideRoot) { () throws(PackageError) in _ = try package(scratch.path + "/project2/template.yaml") }
        #expect(error?.description.contains("symlink") == true)

        // The property itself a symlink out of the root.
        scratch.write("project3/template.yaml", Self.function)
        scratch.symlink("project3/src", to: scratch.path + "/outside")
        _ = expectError(.outsideRoot) { () throws(PackageError) in _ = try package(scratch.path + "/project3/template.yaml") }
    }

    @Test func symlinksInsideTheRootAreFollowedAndLoopsRefused() throws {
        let scratch = ScratchFolder()
        scratch.write("template.yaml", Self.function)
        scratch.write("shared/util.py", "u\n")
        scratch.write("src/index.py", "x\n")
        scratch.symlink("src/shared", to: "../shared")
        let result = try package(scratch.path + "/template.yaml")
        defer { result.discard() }
        let listing = runTool(["unzip", "-Z1", result.artifacts[0].contentPath])?.output ?? "index.py\nshared/util.py\n"
        #expect(listing == "index.py\nshared/util.py\n")

        scratch.symlink("src/loop", to: ".")
        _ = expectError(.symlinkLoop) { () throws(PackageError) in _ = try package(scratch.path + "/template.yaml") }
    }

    @Test func ignoreFileAndAlwaysExcludedNames() throws {
        let scratch = ScratchFolder()
        scratch.write("template.yaml", Self.function)
        scratch.write(".cfnkitignore", "# build output\n*.pyc\n/src/tests/\nnode_modules/\n!keep.pyc\n")
        scratch.write("src/index.py", "x\n")
        scratch.write("src/index.pyc", "compiled\n")
        scratch.write("src/keep.pyc", "kept\n")
        scratch.write("src/tests/test_index.py", "t\n")
        scratch.write("src/lib/tests/kept.py", "k\n")
        scratch.write("src/node_modules/m/index.js", "m\n")
        scratch.write("src/.git/HEAD", "ref\n")
        scratch.write("src/.DS_Store", "junk")
        scratch.write("src/sub/.cfnkitignore", "*.log\n")
        scratch.write("src/sub/a.log", "log\n")
        scratch.write("src/sub/a.txt", "txt\n")
        let result = try package(scratch.path + "/template.yaml")
        defer { result.discard() }
        guard let listing = runTool(["unzip", "-Z1", result.artifacts[0].contentPath]) else { return }
        #expect(listing.output == "index.py\nkeep.pyc\nlib/tests/kept.py\nsub/a.txt\n")
    }

    @Test func inlineCodeIsNeverPackaged() throws {
        let scratch = ScratchFolder()
        scratch.write("template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Inline:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  InlineCode: "def handler(e, c): pass"

            """)
        let result = try package(scratch.path + "/template.yaml")
        defer { result.discard() }
        #expect(result.artifacts.isEmpty)
        #expect(!result.template.contains("CodeUri"))
    }

    @Test func globalsCodeUriIsPackagedInsteadOfTheFolder() throws {
        let scratch = ScratchFolder()
        scratch.write("template.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                CodeUri: src
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler

            """)
        scratch.write("src/index.py", "x\n")
        let result = try package(scratch.path + "/template.yaml")
        defer { result.discard() }
        #expect(result.artifacts.count == 1)
        #expect(result.template.contains("    CodeUri: s3://bucket/p/\(result.artifacts[0].md5)\n"))
        #expect(result.template.components(separatedBy: "CodeUri").count == 2)
    }

    @Test func forEachPathsUsingTheLoopVariableAreRefusedClearly() {
        let scratch = ScratchFolder()
        scratch.write("template.yaml", """
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Fns:
                - Name
                - [a, b]
                - Fn${Name}:
                    Type: AWS::Lambda::Function
                    Properties:
                      Code: src/${Name}

            """)
        let error = expectError(.unsupportedLoopPath) { () throws(PackageError) in _ = try package(scratch.path + "/template.yaml") }
        #expect(error?.location?.line == 9)
    }

    @Test func jsonStaysJsonAndUseJsonWritesTheRootAsJson() throws {
        let scratch = Fixtures.copy("package/nested")
        let result = try package(scratch.path + "/project/template.yaml", useJSON: true)
        defer { result.discard() }
        #expect(result.format == .json)
        #expect(result.template.hasPrefix("{\n"))
        let child = result.artifacts.filter { $0.kind == .template }
        #expect(child.count == 2)  // child.json once (named twice) and grand.yaml
        let texts = try child.map { try String(contentsOfFile: $0.contentPath, encoding: .utf8) }
        #expect(texts.contains { $0.hasPrefix("{\n") })
        #expect(texts.contains { $0.hasPrefix("Resources:\n") })
    }
}
