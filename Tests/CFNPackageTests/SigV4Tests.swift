import CFNPackage
import Foundation
import Testing

/// AWS's published Signature Version 4 examples.
@Suite struct SigV4Tests {
    // The SigV4 test suite's credentials and scope (service "service", us-east-1, 2015-08-30 12:36:00 UTC).
    static let suite = SigV4Signer(
        credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")

    static func suiteSignature(query: [(String, String)]) -> String {
        let request = SignableRequest(method: "GET", host: "example.amazonaws.com", encodedPath: "/", query: query,
                                      headers: ["X-Amz-Date": "20150830T123600Z"])
        let headers = suite.sign(request, payloadHash: SigV4Signer.emptyPayloadHash, date: Date())
        return String(headers["Authorization"]!.split(separator: "=").last!)
    }

    @Test func getVanillaQueryOrderKeyCase() {
        // GET /?Param2=value2&Param1=value1
        #expect(Self.suiteSignature(query: [("Param2", "value2"), ("Param1", "value1")])
                == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    @Test func getVanillaQueryOrderValue() {
        // GET /?Param1=value2&Param1=value1
        #expect(Self.suiteSignature(query: [("Param1", "value2"), ("Param1", "value1")])
                == "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694")
    }

    @Test func getVanillaEmptyQueryKey() {
        #expect(Self.suiteSignature(query: [("Param1", "value1")])
                == "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb")
    }

    @Test func canonicalRequestSortsQueryAndHeaders() {
        let request = SignableRequest(method: "GET", host: "example.amazonaws.com", encodedPath: "/",
                                      query: [("Param2", "value2"), ("Param1", "value1")],
                                      headers: ["X-Amz-Date": "20150830T123600Z"])
        #expect(Self.suite.canonicalRequest(request, payloadHash: SigV4Signer.emptyPayloadHash) == """
            GET
            /
            Param1=value1&Param2=value2
            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
    }

    /// The S3 documentation's signed GET Object example (examplebucket/test.txt, Range bytes=0-9, 2013-05-24).
    @Test func s3GetObjectExample() {
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "s3")
        let request = SignableRequest(method: "GET", host: "examplebucket.s3.amazonaws.com", encodedPath: "/test.txt",
                                      headers: ["Range": "bytes=0-9", "x-amz-date": "20130524T000000Z"])
        let headers = signer.sign(request, payloadHash: SigV4Signer.emptyPayloadHash, date: Date())
        #expect(headers["Authorization"] == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(headers["x-amz-content-sha256"] == SigV4Signer.emptyPayloadHash)
    }

    @Test func amzDateAndEncoding() {
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_440_938_160)) == "20150830T123600Z")
        #expect(SigV4Signer.uriEncode("a b/c~d*", encodeSlash: false) == "a%20b/c~d%2A")
        #expect(SigV4Signer.uriEncode("a/b") == "a%2Fb")
    }
}
