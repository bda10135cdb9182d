import CFNAWS
import Foundation
import Testing

/// The real libcurl transport against tiny local servers: bounded waits and the errors users see.
@Suite(.serialized) struct TransportErrorTests {
    static func client(_ url: String, timeout: Double = 1) -> CloudFormationClient {
        try! CloudFormationClient(region: "us-east-1", credentials: testCredentials, endpointURL: url, timeout: timeout,
                                  retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01))
    }

    func failure(_ client: CloudFormationClient) -> AWSError? {
        do { _ = try client.describeStack("s"); return nil } catch { return error }
    }

    @Test func serverThatNeverAnswersTimesOut() {
        let server = LocalHTTPServer([nil])
        let e = failure(Self.client(server.url, timeout: 1))
        #expect(e?.kind == .timeout)
        #expect(server.requests == 1)  // a timeout is not retried: the wait stays bounded
    }

    @Test func forbidden() {
        let server = LocalHTTPServer([LocalHTTPServer.response(403, errorXML("AccessDenied", "not authorized"))])
        let e = failure(Self.client(server.url))
        #expect(e?.kind == .accessDenied)
        #expect(e?.message.contains("cloudformation:DescribeStacks") == true)
    }

    @Test func throttlingThenSuccess() throws {
        let server = LocalHTTPServer([
            LocalHTTPServer.response(400, errorXML("Throttling", "Rate exceeded")),
            LocalHTTPServer.response(200, CloudFormationClientTests.describe),
        ])
        #expect(try Self.client(server.url).describeStack("sqs").name == "sqs")
        #expect(server.requests == 2)
    }

    @Test func stoppedServerIsUnreachable() {
        // A port that was just listening and is now closed: connection refused.
        let port = LocalHTTPServer.closedPort()
        let e = failure(Self.client("http://127.0.0.1:\(port)"))
        #expect(e?.kind == .unreachable)
        #expect(e?.message.contains("cannot reach") == true)
    }
}
