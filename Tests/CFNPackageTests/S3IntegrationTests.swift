import CFNPackage
import Foundation
import Testing

/// Uploads to a real S3 API (moto_server in CI): `CFNKIT_TEST_S3_ENDPOINT=http://127.0.0.1:PORT`.
/// Skipped, with a message, when the variable is unset.
@Suite struct S3IntegrationTests {
    static let endpoint = ProcessInfo.processInfo.environment["CFNKIT_TEST_S3_ENDPOINT"]
    static let credentials = AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing")

    static func settings(bucket: String, endpoint: String, forceUpload: Bool = false, maxAttempts: Int = 4) -> S3Settings {
        S3Settings(bucket: bucket, region: "us-east-1", endpointURL: endpoint, credentials: credentials,
                   forceUpload: forceUpload, multipartThreshold: 6 << 20, partSize: 5 << 20, maxAttempts: maxAttempts,
                   retryDelay: 0.05)
    }

    static func bucketName() -> String { "cfnkit-test-" + UUID().uuidString.lowercased().prefix(13) }

    @Test func uploadsThenReadsBackEveryArtifact() throws {
        guard let endpoint = Self.endpoint else {
            print("skipping S3 integration test: CFNKIT_TEST_S3_ENDPOINT is not set (start moto_server and export it)")
            return
        }
        let bucket = Self.bucketName()
        let client = try S3Client(settings: Self.settings(bucket: bucket, endpoint: endpoint))
        try client.createBucket()

        let scratch = Fixtures.copy("compare-project")
        // A large file so one artifact goes up in parts (random, so it does not compress below the threshold).
        let big = FileHandle(forReadingAtPath: "/dev/urandom")!.readData(ofLength: 7 << 20)
        try big.write(to: URL(fileURLWithPath: scratch.path + "/project/src/hello/model.bin"))
        let result = try Packager(options: PackageOptions(templatePath: scratch.path + "/project/template.yaml", bucket: bucket,
                                                          prefix: "it", endpointURL: endpoint)).run()
        defer { result.discard() }
        #expect(result.template.contains("TemplateURL: \(endpoint)/\(bucket)/it/"))
        let summary = try PackagePublisher.publish(result, to: .s3(Self.settings(bucket: bucket, endpoint: endpoint)))
        #expect(summary.written.count == result.artifacts.count)
        #expect(result.artifacts.contains { $0.size > 6 << 20 })
        for artifact in result.artifacts {
            let body = try client.getObject(key: artifact.key)
            #expect(body == (try Data(contentsOf: URL(fileURLWithPath: artifact.contentPath))), "\(artifact.key)")
        }
        // HEAD before PUT: the second run sends nothing; --force-upload sends everything again.
        let again = try PackagePublisher.publish(result, to: .s3(Self.settings(bucket: bucket, endpoint: endpoint)))
        #expect(again.written.isEmpty)
        #expect(again.skipped.count == result.artifacts.count)
        let forced = try PackagePublisher.publish(result, to: .s3(Self.settings(bucket: bucket, endpoint: endpoint, forceUpload: true)))
        #expect(forced.written.count == result.artifacts.count)
    }

    @Test func missingBucketIsAClearError() throws {
        guard let endpoint = Self.endpoint else {
            print("skipping S3 integration test: CFNKIT_TEST_S3_ENDPOINT is not set")
            return
        }
        let scratch = Fixtures.copy("package/nested")
        let bucket = Self.bucketName()
        let result = try Packager(options: PackageOptions(templatePath: scratch.path + "/project/template.yaml", bucket: bucket,
                                                          endpointURL: endpoint)).run()
        defer { result.discard() }
        let error = expectError(.noSuchBucket) { () throws(PackageError) in
            _ = try PackagePublisher.publish(result, to: .s3(Self.settings(bucket: bucket, endpoint: endpoint)))
        }
        #expect(error?.message.contains(bucket) == true)
    }

    @Test func networkFailureIsRetriedThenReported() throws {
        // Port 9 (discard) on localhost: nothing listens, so every attempt fails to connect.
        let scratch = Fixtures.copy("package/nested")
        let result = try Packager(options: PackageOptions(templatePath: scratch.path + "/project/template.yaml", bucket: "b",
                                                          endpointURL: "http://127.0.0.1:9")).run()
        defer { result.discard() }
        let error = expectError(.network) { () throws(PackageError) in
            _ = try PackagePublisher.publish(result, to: .s3(Self.settings(bucket: "b", endpoint: "http://127.0.0.1:9", maxAttempts: 2)))
        }
        #expect(error?.message.contains("gave up after 2 attempts") == true, "\(String(describing: error))")
    }
}
