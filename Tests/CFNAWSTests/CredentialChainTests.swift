import CFNAWS
import Foundation
import Testing

/// The credential chain, one source at a time and in the AWS CLI's precedence; HOME is a scratch
/// folder, AssumeRole a recorder: no network.
@Suite struct CredentialChainTests {
    let home = ScratchFolder()
    let assumer = RecordingAssumer()

    func chain(profile: String? = nil, _ environment: [String: String] = [:]) -> AWSCredentialChain {
        AWSCredentialChain(profile: profile, region: "eu-west-1", environment: ["HOME": home.path].merging(environment) { $1 },
                           assumer: assumer)
    }

    func resolve(profile: String? = nil, _ environment: [String: String] = [:]) throws -> ResolvedCredentials {
        try chain(profile: profile, environment).resolve()
    }

    func failure(profile: String? = nil, _ environment: [String: String] = [:]) -> AWSError? {
        do { _ = try chain(profile: profile, environment).resolve(); return nil } catch { return error }
    }

    @Test func environmentVariables() throws {
        let r = try resolve(["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "tok"])
        #expect(r.credentials == AWSCredentials(accessKeyId: "AKENV", secretAccessKey: "s", sessionToken: "tok"))
        #expect(r.source.contains("environment"))
        let partial = failure(["AWS_ACCESS_KEY_ID": "AKENV"])
        #expect(partial?.kind == .credentials)
        #expect(partial?.message.contains("AWS_SECRET_ACCESS_KEY") == true)
    }

    @Test func environmentBeatsFilesUnlessProfileIsExplicit() throws {
        home.write(".aws/credentials", "[default]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = s\n[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = s\n")
        let env = ["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s"]
        #expect(try resolve(env).credentials.accessKeyId == "AKENV")
        // AWS_PROFILE does not skip the environment's keys (botocore), --profile does.
        #expect(try resolve(env.merging(["AWS_PROFILE": "dev"]) { $1 }).credentials.accessKeyId == "AKENV")
        #expect(try resolve(profile: "dev", env).credentials.accessKeyId == "AKDEV")
        #expect(try resolve(["AWS_PROFILE": "dev"]).credentials.accessKeyId == "AKDEV")
        #expect(try resolve().credentials.accessKeyId == "AKDEFAULT")
    }

    @Test func credentialsFileBeatsConfigFileAndFilesCanMove() throws {
        home.write(".aws/config", "[profile dev]\naws_access_key_id = AKCONFIG\naws_secret_access_key = s\nregion = ap-south-1\n[dev]\naws_access_key_id = NOTAPROFILE\naws_secret_access_key = s\n")
        #expect(try resolve(profile: "dev").credentials.accessKeyId == "AKCONFIG")
        home.write(".aws/credentials", "[dev]\naws_access_key_id = AKCRED\naws_secret_access_key = s\naws_session_token = t\n")
        let r = try resolve(profile: "dev")
        #expect(r.credentials == AWSCredentials(accessKeyId: "AKCRED", secretAccessKey: "s", sessionToken: "t"))
        #expect(r.source.contains(home.path + "/.aws/credentials"))
        let elsewhere = home.write("other/creds", "[dev]\naws_access_key_id = AKMOVED\naws_secret_access_key = s\n")
        #expect(try resolve(profile: "dev", ["AWS_SHARED_CREDENTIALS_FILE": elsewhere]).credentials.accessKeyId == "AKMOVED")
        let config = home.write("other/config", "[profile x]\naws_access_key_id = AKX\naws_secret_access_key = s\n")
        #expect(try resolve(profile: "x", ["AWS_CONFIG_FILE": config]).credentials.accessKeyId == "AKX")
    }

    @Test func credentialProcess() throws {
        let script = home.write("bin/creds", """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "s", "SessionToken": "'"$1"'"}'
            """, executable: true)
        home.write(".aws/config", "[profile p]\ncredential_process = \(script) \"token with space\"\n[profile bad]\ncredential_process = /bin/false\n[profile slow]\ncredential_process = /bin/sleep 30\n")
        let r = try resolve(profile: "p")
        #expect(r.credentials == AWSCredentials(accessKeyId: "AKPROC", secretAccessKey: "s", sessionToken: "token with space"))
        #expect(failure(profile: "bad")?.message.contains("exited with status 1") == true)
        // Static keys in the credentials file come before the process.
        home.write(".aws/credentials", "[p]\naws_access_key_id = AKSTATIC\naws_secret_access_key = s\n")
        #expect(try resolve(profile: "p").credentials.accessKeyId == "AKSTATIC")
    }

    @Test func credentialProcessIsBounded() {
        home.write(".aws/config", "[profile slow]\ncredential_process = /bin/sleep 30\n")
        let chain = AWSCredentialChain(profile: "slow", region: "us-east-1", environment: ["HOME": home.path], assumer: assumer,
                                       processTimeout: 0.5)
        do { _ = try chain.resolve(); Issue.record("a process that never finishes must fail") } catch {
            #expect(error.kind == .timeout)
        }
    }

    @Test func commandSplitting() {
        #expect(CredentialProcess.split(#"a "b c" 'd e' f\ g "h\"i""#) == ["a", "b c", "d e", "f g", #"h"i"#])
        #expect(CredentialProcess.split("  ") == [])
    }

    @Test func assumeRoleWithSourceProfile() throws {
        home.write(".aws/credentials", "[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s\n")
        home.write(".aws/config", """
            [profile admin]
            role_arn = arn:aws:iam::123456789012:role/Admin
            source_profile = base
            external_id = ext-1
            role_session_name = me
            duration_seconds = 900
            [profile chained]
            role_arn = arn:aws:iam::123456789012:role/Deploy
            source_profile = admin
            """)
        let r = try resolve(profile: "admin")
        #expect(r.credentials.accessKeyId == "ASIA-Admin")
        let (request, used) = try #require(assumer.calls.first)
        #expect(request == AssumeRoleRequest(roleArn: "arn:aws:iam::123456789012:role/Admin", sessionName: "me", externalId: "ext-1", durationSeconds: 900))
        #expect(used.accessKeyId == "AKBASE")
        // A role whose source is another role: assumed in order.
        _ = try resolve(profile: "chained")
        #expect(assumer.calls.map(\.0.roleArn).suffix(2) == ["arn:aws:iam::123456789012:role/Admin", "arn:aws:iam::123456789012:role/Deploy"])
        #expect(assumer.calls.last?.1.accessKeyId == "ASIA-Admin")
    }

    @Test func assumeRoleBeatsStaticKeysAndCredentialSource() throws {
        home.write(".aws/credentials", "[r]\naws_access_key_id = AKSELF\naws_secret_access_key = s\n")
        home.write(".aws/config", "[profile r]\nrole_arn = arn:aws:iam::1:role/Self\nsource_profile = r\n[profile e]\nrole_arn = arn:aws:iam::1:role/FromEnv\ncredential_source = Environment\n")
        #expect(try resolve(profile: "r").credentials.accessKeyId == "ASIA-Self")
        #expect(assumer.calls.last?.1.accessKeyId == "AKSELF")
        _ = try resolve(profile: "e", ["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s"])
        #expect(assumer.calls.last?.1.accessKeyId == "AKENV")
    }

    @Test func profileProblemsSayWhatToDo() {
        home.write(".aws/config", """
            [profile loop1]
            role_arn = arn:aws:iam::1:role/A
            source_profile = loop2
            [profile loop2]
            role_arn = arn:aws:iam::1:role/B
            source_profile = loop1
            [profile sso]
            sso_session = corp
            [profile mfa]
            role_arn = arn:aws:iam::1:role/M
            source_profile = sso
            mfa_serial = arn:aws:iam::1:mfa/me
            [profile empty]
            region = us-west-2
            """)
        #expect(failure(profile: "loop1")?.message.contains("source_profile loop") == true)
        #expect(failure(profile: "sso")?.message.contains("IAM Identity Center") == true)
        #expect(failure(profile: "mfa")?.message.contains("MFA") == true)
        #expect(failure(profile: "empty")?.message.contains("has no credentials") == true)
        let missing = failure(profile: "nope")
        #expect(missing?.message.contains("'nope' is in neither") == true)
        #expect(missing?.message.contains("loop1") == true)
    }

    @Test func noCredentialsNamesWhereItLooked() {
        let error = failure()
        #expect(error?.kind == .credentials)
        #expect(error?.message.contains("AWS_ACCESS_KEY_ID") == true)
        #expect(error?.message.contains(home.path + "/.aws/credentials") == true)
        #expect(error?.message.contains(home.path + "/.aws/config") == true)
    }

    @Test func regionPrecedence() {
        home.write(".aws/config", "[default]\nregion = eu-central-1\n[profile dev]\nregion = ap-south-1\n")
        let env = ["HOME": home.path]
        #expect(AWSCredentialChain.region(explicit: "us-west-1", profile: "dev", environment: env.merging(["AWS_REGION": "x"]) { $1 }) == "us-west-1")
        #expect(AWSCredentialChain.region(explicit: nil, profile: nil, environment: env.merging(["AWS_REGION": "r1", "AWS_DEFAULT_REGION": "r2"]) { $1 }) == "r1")
        #expect(AWSCredentialChain.region(explicit: nil, profile: nil, environment: env.merging(["AWS_DEFAULT_REGION": "r2"]) { $1 }) == "r2")
        #expect(AWSCredentialChain.region(explicit: nil, profile: "dev", environment: env) == "ap-south-1")
        #expect(AWSCredentialChain.region(explicit: nil, profile: nil, environment: env.merging(["AWS_PROFILE": "dev"]) { $1 }) == "ap-south-1")
        #expect(AWSCredentialChain.region(explicit: nil, profile: nil, environment: env) == "eu-central-1")
        #expect(AWSCredentialChain.region(explicit: nil, profile: nil, environment: ["HOME": home.path + "/none"]) == nil)
    }

    @Test func iniDialect() {
        let parsed = INIFile.parse("# comment\n[default]\n; other\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 10\noutput=json\n")
        #expect(parsed["default"] == ["region": "us-east-1", "output": "json"])
    }
}
