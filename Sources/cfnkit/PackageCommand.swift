import ArgumentParser
import CFNPackage
import Foundation

struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Package nested templates and local code into content-addressed artifacts, reproducibly.",
        discussion: """
            Local paths in the properties `aws cloudformation package` handles are zipped (folders, Lambda code) or
            taken as they are, named by their MD5, and the template is rewritten to point at s3://BUCKET/PREFIX/KEY.
            Where the bytes go: --output-dir (a folder laid out like the bucket), --bundle (one zip with a manifest),
            or, with neither, S3 itself. Nothing is written unless the whole package succeeds.
            """
    )

    @Argument(help: "The root template (as every other command takes it; or --template-file, as aws-cli does).")
    var template: String?

    @Option(name: .long, help: "The root template (aws cloudformation package's spelling).")
    var templateFile: String?

    /// The root template, from whichever of the two spellings was used.
    private var rootTemplate: String { template ?? templateFile ?? "" }

    func validate() throws {
        switch (template, templateFile) {
        case (nil, nil): throw ValidationError("give the template: cfnkit package TEMPLATE (or --template-file TEMPLATE)")
        case (.some(let a), .some(let b)) where a != b:
            throw ValidationError("two root templates given: '\(a)' and --template-file '\(b)'; give one")
        default: break
        }
    }

    @Option(name: .customLong("s3-bucket"), help: "The bucket the packaged templates point at.")
    var s3Bucket: String

    @Option(name: .customLong("s3-prefix"), help: "Key prefix inside the bucket.")
    var s3Prefix: String = ""

    @Option(name: .long, help: "Write artifacts under this folder as they would lie in the bucket (no network).")
    var outputDir: String?

    @Option(name: .long, help: "Write one zip: the packaged template, every artifact and manifest.json (no network).")
    var bundle: String?

    @Option(name: .long, help: "Write the packaged template here (atomically); standard output when absent.")
    var outputTemplateFile: String?

    @Flag(name: .long, help: "Write the packaged root template as JSON.")
    var useJson = false

    @Option(name: .long, help: "Paths must stay inside this folder (default: the template's folder).")
    var projectRoot: String?

    @Flag(name: .long, help: "Package paths outside the project root (by .. or a symlink).")
    var allowOutsideRoot = false

    @Option(name: .long, help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1).")
    var region: String?

    @Option(name: .long, help: "S3 endpoint, e.g. http://127.0.0.1:5000 (path-style addressing).")
    var endpointUrl: String?

    @Option(name: .long, help: "Encrypt uploads with this KMS key (default: SSE AES256).")
    var kmsKeyId: String?

    @Flag(name: .long, help: "Upload even when an object with the same key exists.")
    var forceUpload = false

    @Option(name: .long, help: "Profile of ~/.aws/credentials and ~/.aws/config (default: the environment's keys, else AWS_PROFILE, else default).")
    var profile: String?

    func run() throws {
        if outputDir != nil && bundle != nil {
            throw ValidationError("--output-dir and --bundle are two destinations; give one")
        }
        let regionName = AWSCredentialChain.region(explicit: region, profile: profile) ?? "us-east-1"
        var excluded: [String] = []
        if let outputDir { excluded.append(outputDir) }
        if let bundle { excluded.append(bundle) }
        if let outputTemplateFile { excluded.append(outputTemplateFile) }
        let options = PackageOptions(
            templatePath: rootTemplate, bucket: s3Bucket, prefix: s3Prefix, projectRoot: projectRoot,
            allowOutsideRoot: allowOutsideRoot, useJSON: useJson, region: regionName, endpointURL: endpointUrl,
            excludedPaths: excluded, progress: ProgressReporter.terminal())
        do throws(PackageError) {
            let destination: PackageDestination
            if let outputDir {
                destination = .directory(outputDir)
            } else if let bundle {
                destination = .bundle(bundle)
            } else {
                let credentials: AWSCredentials
                do throws(AWSError) {
                    credentials = try AWSCredentialChain(profile: profile, region: regionName).resolve().credentials
                } catch {
                    throw PackageError(.credentials, error.message)
                }
                destination = .s3(S3Settings(bucket: s3Bucket, region: regionName, endpointURL: endpointUrl,
                                             credentials: credentials, kmsKeyId: kmsKeyId, forceUpload: forceUpload))
            }
            let result = try Packager(options: options).run()
            defer { result.discard() }
            let summary = try PackagePublisher.publish(result, to: destination, progress: options.progress)
            try PackagePublisher.writeTemplate(result, to: outputTemplateFile)
            CommandSupport.printError("packaged \(result.artifacts.count) artifact(s): \(summary.written.count) written, \(summary.skipped.count) already present")
        } catch {
            CommandSupport.printError(error.description)
            throw ExitCode(error.location != nil || error.kind == .missingPath ? 2 : 1)
        }
    }
}
