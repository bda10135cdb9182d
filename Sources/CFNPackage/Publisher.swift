import CFNTemplate
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the bytes of a package go. The bucket the templates point at is chosen separately (`PackageOptions`).
public enum PackageDestination: Sendable {
    /// Artifacts under the folder exactly as in the bucket (`prefix/key`); no network.
    case directory(String)
    /// One zip holding the root template, every artifact at its key, and `manifest.json`; no network.
    case bundle(String)
    /// Real uploads.
    case s3(S3Settings)
}

public struct PublishSummary: Sendable {
    /// Keys written or uploaded.
    public var written: [String] = []
    /// Keys already present (same content hash), not sent again.
    public var skipped: [String] = []
}

/// Puts a staged package at its destination, then (when asked) writes the output template.
/// Called only after `Packager.run()` succeeded, so a failed package writes nothing.
public enum PackagePublisher {
    public static func publish(_ result: PackageResult, to destination: PackageDestination,
                               progress: ProgressReporter? = nil) throws(PackageError) -> PublishSummary {
        switch destination {
        case .directory(let folder): return try writeDirectory(result, folder: folder)
        case .bundle(let path): return try writeBundle(result, path: path)
        case .s3(let settings): return try upload(result, settings: settings, progress: progress)
        }
    }

    /// Writes the packaged root template atomically (nil: standard output).
    public static func writeTemplate(_ result: PackageResult, to path: String?) throws(PackageError) {
        guard let path else {
            do throws(StandardOutput.WriteError) {
                try StandardOutput.write(result.template)
            } catch {
                throw PackageError(.io, "\(error)")
            }
            return
        }
        do {
            try AtomicFile.write(result.template, to: path)
        } catch {
            throw PackageError(.io, "\(error)")
        }
    }

    static func writeDirectory(_ result: PackageResult, folder: String) throws(PackageError) -> PublishSummary {
        var summary = PublishSummary()
        for artifact in result.artifacts {
            let target = folder + "/" + artifact.key
            let parent = (target as NSString).deletingLastPathComponent
            if let existing = try? ContentHash.md5Hex(ofFile: target), existing.hex == artifact.md5 {
                summary.skipped.append(artifact.key)
                continue
            }
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw PackageError(.io, "cannot create \(parent): \(error.localizedDescription)")
            }
            try atomicCopy(artifact.contentPath, to: target)
            summary.written.append(artifact.key)
        }
        return summary
    }

    /// Copies through ``AtomicFile/stage(_:_:)``: the target appears whole or not at all.
    static func atomicCopy(_ source: String, to target: String) throws(PackageError) {
        do {
            try AtomicFile.stage(target) { temporary in
                try FileManager.default.copyItem(atPath: source, toPath: temporary)
                chmod(temporary, 0o644)
            }
        } catch {
            throw PackageError(.io, "\(error)")
        }
    }

    static func writeBundle(_ result: PackageResult, path: String) throws(PackageError) -> PublishSummary {
        let absolute = ProjectFiles.absolute(path)
        let parent = (absolute as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PackageError(.io, "cannot write \(path): the folder \(parent) does not exist")
        }
        enum Entry { case file(String), data([UInt8]) }
        var entries: [(String, Entry)] = [(result.templateFileName, .data(Array(result.template.utf8))),
                                          ("manifest.json", .data(result.manifestJSON()))]
        for artifact in result.artifacts { entries.append((artifact.key, .file(artifact.contentPath))) }
        entries.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        do {
            try AtomicFile.stage(absolute) { temporary in
                let writer = try ZipWriter(path: temporary)
                for (name, entry) in entries {
                    switch entry {
                    case .file(let source): try writer.addFile(name: name, sourcePath: source, executable: false)
                    case .data(let bytes): try writer.addData(name: name, bytes)
                    }
                }
                try writer.finish()
            }
        } catch {
            throw PackageError(.zip, "cannot write the bundle: \(error)")
        }
        return PublishSummary(written: result.artifacts.map(\.key), skipped: [])
    }

    static func upload(_ result: PackageResult, settings: S3Settings, progress: ProgressReporter?) throws(PackageError) -> PublishSummary {
        let client = try S3Client(settings: settings)
        var summary = PublishSummary()
        var pending: [Artifact] = []
        for artifact in result.artifacts {
            if !settings.forceUpload, try client.objectExists(key: artifact.key) {
                summary.skipped.append(artifact.key)
            } else {
                pending.append(artifact)
            }
        }
        progress?.begin("uploading", total: Int64(pending.reduce(0) { $0 + $1.size }), bytes: true)
        defer { progress?.end() }
        for artifact in pending {
            try client.upload(key: artifact.key, file: artifact.contentPath, size: artifact.size) { sent in
                progress?.advance(by: sent)
            }
            summary.written.append(artifact.key)
        }
        return summary
    }
}
