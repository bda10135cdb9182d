import Foundation

/// Credentials together with where they came from (named in errors: "the credentials of profile dev").
public struct ResolvedCredentials: Sendable {
    public var credentials: AWSCredentials
    public var source: String
}

/// What an AssumeRole call needs (STS's parameters).
public struct AssumeRoleRequest: Sendable, Hashable {
    public var roleArn: String
    public var sessionName: String
    public var externalId: String?
    public var durationSeconds: Int?

    public init(roleArn: String, sessionName: String, externalId: String? = nil, durationSeconds: Int? = nil) {
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.externalId = externalId
        self.durationSeconds = durationSeconds
    }
}

/// Calls STS AssumeRole; `STSClient` is the real one, tests pass their own.
public protocol RoleAssumer: Sendable {
    func assumeRole(_ request: AssumeRoleRequest, with credentials: AWSCredentials, region: String) throws(AWSError) -> AWSCredentials
}

/// Finds credentials as the AWS CLI does (botocore's provider order):
///
/// 1. the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), unless `--profile`
///    names a profile explicitly (then only profiles count; `AWS_PROFILE` does not skip the environment);
/// 2. the profile (`--profile`, else `AWS_PROFILE`, else `default`), merged from both shared files:
///    `role_arn` (with `source_profile` or `credential_source = Environment`) through STS AssumeRole;
///    the credentials file's static keys; `credential_process`; the config file's static keys.
///
/// SSO, web identity and instance metadata are not read (cfnkit says so rather than guessing).
public struct AWSCredentialChain: Sendable {
    public var profile: String?
    public var environment: [String: String]
    public var files: AWSSharedConfig
    public var region: String
    public var assumer: any RoleAssumer
    public var processTimeout: Double

    public init(profile: String?, region: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                files: AWSSharedConfig? = nil, assumer: (any RoleAssumer)? = nil, processTimeout: Double = 30) {
        self.profile = profile.flatMap { $0.isEmpty ? nil : $0 }
        self.environment = environment
        self.files = files ?? AWSSharedConfig.load(environment: environment)
        self.region = region
        self.assumer = assumer ?? STSClient(environment: environment)
        self.processTimeout = processTimeout
    }

    /// The profile the CLI would use: `--profile`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, `default`.
    public var profileName: String { profile ?? Self.nonEmpty(environment["AWS_PROFILE"]) ?? Self.nonEmpty(environment["AWS_DEFAULT_PROFILE"]) ?? "default" }

    public func resolve() throws(AWSError) -> ResolvedCredentials {
        if profile == nil, let fromEnvironment = try environmentCredentials() {
            return ResolvedCredentials(credentials: fromEnvironment, source: "the environment (AWS_ACCESS_KEY_ID)")
        }
        let name = profileName
        guard let settings = files.profile(name) else {
            if name != "default" || profile != nil {
                throw AWSError(.credentials, "the profile '\(name)' is in neither \(files.credentialsPath) nor \(files.configPath)\(knownProfiles)")
            }
            throw AWSError(.credentials, "no AWS credentials found: looked in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then for a [default] profile in \(files.credentialsPath) and \(files.configPath); set the variables, add the profile, or name one with --profile")
        }
        var visited: [String] = []
        return try credentials(ofProfile: name, settings: settings, visited: &visited)
    }

    /// The region as the CLI chooses it: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`.
    public static func region(explicit: String?, profile: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              files: AWSSharedConfig? = nil) -> String? {
        if let explicit = nonEmpty(explicit) { return explicit }
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] { if let r = nonEmpty(environment[name]) { return r } }
        let files = files ?? AWSSharedConfig.load(environment: environment)
        let name = nonEmpty(profile) ?? nonEmpty(environment["AWS_PROFILE"]) ?? nonEmpty(environment["AWS_DEFAULT_PROFILE"]) ?? "default"
        return nonEmpty(files.profile(name)?["region"])
    }

    // MARK: Sources

    func environmentCredentials() throws(AWSError) -> AWSCredentials? {
        guard let id = Self.nonEmpty(environment["AWS_ACCESS_KEY_ID"]) else { return nil }
        guard let secret = Self.nonEmpty(environment["AWS_SECRET_ACCESS_KEY"]) else {
            throw AWSError(.credentials, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or unset AWS_ACCESS_KEY_ID to use a profile")
        }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: Self.nonEmpty(environment["AWS_SESSION_TOKEN"]))
    }

    func credentials(ofProfile name: String, settings: [String: String], visited: inout [String]) throws(AWSError) -> ResolvedCredentials {
        if let roleArn = Self.nonEmpty(settings["role_arn"]) {
            return try assumedRole(roleArn, profile: name, settings: settings, visited: &visited)
        }
        if let keys = staticKeys(files.credentialProfiles[name]) {
            return ResolvedCredentials(credentials: keys, source: "profile \(name) in \(files.credentialsPath)")
        }
        if let command = Self.nonEmpty(settings["credential_process"]) {
            let credentials = try CredentialProcess(command: command, timeout: processTimeout).run(profile: name)
            return ResolvedCredentials(credentials: credentials, source: "the credential_process of profile \(name)")
        }
        if let keys = staticKeys(files.configProfiles[name]) {
            return ResolvedCredentials(credentials: keys, source: "profile \(name) in \(files.configPath)")
        }
        if let partial = settings["aws_access_key_id"] ?? settings["aws_secret_access_key"], !partial.isEmpty {
            throw AWSError(.credentials, "profile \(name) has only one of aws_access_key_id and aws_secret_access_key: give both")
        }
        for (key, what) in [("sso_session", "IAM Identity Center (SSO)"), ("sso_start_url", "IAM Identity Center (SSO)"),
                            ("web_identity_token_file", "web identity")] where settings[key] != nil {
            throw AWSError(.credentials, "profile \(name) uses \(what) (\(key)), which cfnkit does not read: run `aws configure export-credentials --profile \(name) --format env` and use the variables it prints, or give the profile a credential_process")
        }
        throw AWSError(.credentials, "profile \(name) has no credentials: looked for role_arn, aws_access_key_id/aws_secret_access_key and credential_process in \(files.credentialsPath) and \(files.configPath)")
    }

    func assumedRole(_ roleArn: String, profile name: String, settings: [String: String], visited: inout [String]) throws(AWSError) -> ResolvedCredentials {
        if visited.contains(name) {
            throw AWSError(.credentials, "profiles \((visited + [name]).joined(separator: " -> ")) form a source_profile loop")
        }
        visited.append(name)
        if settings["mfa_serial"] != nil {
            throw AWSError(.credentials, "profile \(name) assumes its role with MFA (mfa_serial), which needs a token cfnkit does not ask for: get temporary credentials with `aws sts assume-role` and export them")
        }
        let source: ResolvedCredentials
        if let sourceName = Self.nonEmpty(settings["source_profile"]) {
            guard let sourceSettings = files.profile(sourceName) else {
                throw AWSError(.credentials, "profile \(name) names source_profile \(sourceName), which is in neither \(files.credentialsPath) nor \(files.configPath)")
            }
            if sourceName == name {
                // A profile that is its own source uses its static keys (botocore's rule).
                guard let keys = staticKeys(sourceSettings) else {
                    throw AWSError(.credentials, "profile \(name) is its own source_profile but has no aws_access_key_id/aws_secret_access_key")
                }
                source = ResolvedCredentials(credentials: keys, source: "profile \(name)")
            } else {
                source = try credentials(ofProfile: sourceName, settings: sourceSettings, visited: &visited)
            }
        } else if let credentialSource = settings["credential_source"] {
            guard credentialSource == "Environment" else {
                throw AWSError(.credentials, "profile \(name) has credential_source = \(credentialSource); cfnkit reads only Environment (instance and container metadata are not read)")
            }
            guard let keys = try environmentCredentials() else {
                throw AWSError(.credentials, "profile \(name) has credential_source = Environment but AWS_ACCESS_KEY_ID is not set")
            }
            source = ResolvedCredentials(credentials: keys, source: "the environment")
        } else {
            throw AWSError(.credentials, "profile \(name) has role_arn but neither source_profile nor credential_source: add one")
        }
        let request = AssumeRoleRequest(
            roleArn: roleArn,
            sessionName: Self.nonEmpty(settings["role_session_name"]) ?? "cfnkit-\(Int(Date().timeIntervalSince1970))",
            externalId: Self.nonEmpty(settings["external_id"]),
            durationSeconds: settings["duration_seconds"].flatMap { Int($0) })
        let assumed = try assumer.assumeRole(request, with: source.credentials, region: region)
        return ResolvedCredentials(credentials: assumed, source: "role \(roleArn) of profile \(name) (assumed with \(source.source))")
    }

    func staticKeys(_ section: [String: String]?) -> AWSCredentials? {
        guard let section, let id = Self.nonEmpty(section["aws_access_key_id"]),
              let secret = Self.nonEmpty(section["aws_secret_access_key"]) else { return nil }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: Self.nonEmpty(section["aws_session_token"]))
    }

    var knownProfiles: String {
        let names = files.profileNames
        return names.isEmpty ? "" : " (profiles there: \(names.joined(separator: ", ")))"
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
