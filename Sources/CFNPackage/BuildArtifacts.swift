import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Packager {
    /// Zips folders and single files and hashes files uploaded as they are, `options.concurrency` at a time.
    func buildArtifacts(_ sources: [Source], files: ProjectFiles, staging: String) throws(PackageError) -> [Source: Artifact] {
        let lock = NSLock()
        nonisolated(unsafe) var results = [Artifact?](repeating: nil, count: sources.count)
        nonisolated(unsafe) var errors = [PackageError?](repeating: nil, count: sources.count)
        nonisolated(unsafe) var next = 0
        let progress = options.progress
        progress?.begin("zipping", total: Int64(sources.count))
        let workers = min(options.concurrency, max(1, sources.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                lock.lock()
                let i = next
                next += 1
                let failed = errors.contains { $0 != nil }
                lock.unlock()
                if i >= sources.count || failed { return }
                do {
                    let artifact = try self.build(sources[i], files: files, staging: staging)
                    lock.lock(); results[i] = artifact; lock.unlock()
                    progress?.advance(by: 1, item: artifact.source)
                } catch let error as PackageError {
                    lock.lock(); errors[i] = error; lock.unlock()
                } catch {
                    lock.lock(); errors[i] = PackageError(.io, "\(error)"); lock.unlock()
                }
            }
        }
        progress?.end()
        if let error = errors.compactMap({ $0 }).first { throw error }
        var map: [Source: Artifact] = [:]
        for (i, source) in sources.enumerated() { map[source] = results[i]! }
        return map
    }

    private func build(_ source: Source, files: ProjectFiles, staging: String) throws -> Artifact {
        switch source {
        case .zipFolder(let folder):
            let entries = try files.listFiles(folder: folder)
            return try zip(entries, source: folder, files: files, staging: staging)
        case .zipFile(let file):
            var info = stat()
            stat(file, &info)
            let entry = ZipSource(name: (file as NSString).lastPathComponent, path: file, executable: (info.st_mode & 0o100) != 0)
            return try zip([entry], source: file, files: files, staging: staging)
        case .file(let file):
            let (md5, size) = try ContentHash.md5Hex(ofFile: file)
            return Artifact(key: options.key(md5), md5: md5, size: size, kind: .file, source: files.relative(file),
                            contentPath: file, references: [])
        case .template:
            preconditionFailure("templates are packaged by the caller")
        }
    }

    private func zip(_ entries: [ZipSource], source: String, files: ProjectFiles, staging: String) throws -> Artifact {
        let temporary = staging + "/building-" + UUID().uuidString + ".zip"
        do {
            let writer = try ZipWriter(path: temporary)
            for entry in entries {
                try writer.addFile(name: entry.name, sourcePath: entry.path, executable: entry.executable)
            }
            try writer.finish()
        } catch let error as ZipWriter.Error {
            try? FileManager.default.removeItem(atPath: temporary)
            throw PackageError(.zip, "\(files.relative(source)): \(error.description)")
        }
        let (md5, size) = try ContentHash.md5Hex(ofFile: temporary)
        let staged = staging + "/" + md5 + ".zip"
        if rename(temporary, staged) != 0 {
            throw PackageError(.io, "cannot stage \(staged): \(String(cString: strerror(errno)))")
        }
        return Artifact(key: options.key(md5), md5: md5, size: size, kind: .zip, source: files.relative(source),
                        contentPath: staged, references: [])
    }
}
