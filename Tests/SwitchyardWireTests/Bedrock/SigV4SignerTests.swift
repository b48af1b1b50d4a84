import Foundation
@testable import SwitchyardWire
import Testing

/// Signatures checked against vectors computed independently (botocore's SigV4Auth on the same inputs), and
/// the steps of the signature from a fixed clock.
@Suite struct SigV4SignerTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var credentials: AWSCredentials
        var region: String
        var request: SigV4Signer.Request
        var timestamp: String
        var authorization: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "model id with a colon",
            credentials: AWSCredentials(accessKeyID: "AKIDTESTVECTOR1", secretAccessKey: "test/secret+key"),
            region: "us-east-1",
            request: .init(method: "POST", path: "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse",
                           host: "bedrock-runtime.us-east-1.amazonaws.com", body: Array(#"{"messages":[]}"#.utf8)),
            timestamp: "20240315T120000Z",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDTESTVECTOR1/20240315/us-east-1/bedrock/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=a0dbd24c340f4e258f2b1bbb906c898f3a3900a7d311b6b163c6dc06785c7e95"),
        Vector(
            name: "inference profile ARN with a session token",
            credentials: AWSCredentials(accessKeyID: "ASIATESTVECTOR2", secretAccessKey: "another-Secret-000",
                                        sessionToken: "session/token+value=="),
            region: "eu-west-3",
            request: .init(
                method: "POST",
                path: "/model/arn%3Aaws%3Abedrock%3Aeu-west-3%3A111122223333%3Ainference-profile%2F"
                    + "eu.meta.llama3-2-3b-instruct-v1%3A0/converse-stream",
                host: "bedrock-runtime.eu-west-3.amazonaws.com",
                body: Array(#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#.utf8)),
            timestamp: "20231231T235959Z",
            authorization: "AWS4-HMAC-SHA256 Credential=ASIATESTVECTOR2/20231231/eu-west-3/bedrock/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-security-token, "
                + "Signature=2c8c12d789fb77a3f1e5c1b68148f9326e06ed5984dbf37707bee5ac258f1804"),
        Vector(
            name: "query sorted, host with a port, empty body",
            credentials: AWSCredentials(accessKeyID: "AKIDTESTVECTOR3", secretAccessKey: "s3cr3t"),
            region: "ap-south-1",
            request: .init(method: "GET", path: "/list", query: "b=2&a=1&a=0", host: "127.0.0.1:8080", body: []),
            timestamp: "20250101T000000Z",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDTESTVECTOR3/20250101/ap-south-1/bedrock/aws4_request, "
                + "SignedHeaders=host;x-amz-date, "
                + "Signature=2ea2a456875d62a2790d4ed5106ba9711b932d046c5072e560bdb3c9ec803a23"),
    ]

    @Test(arguments: vectors) func signsLikeTheReference(_ vector: Vector) {
        let signer = SigV4Signer(credentials: vector.credentials, region: vector.region)
        #expect(signer.authorization(for: vector.request, timestamp: vector.timestamp) == vector.authorization)
    }

    @Test func canonicalRequestEncodesThePathTwice() {
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKIDTESTVECTOR1", secretAccessKey: "x"),
                                 region: "us-east-1")
        let canonical = signer.canonicalRequest(for: Self.vectors[0].request, timestamp: "20240315T120000Z")
        #expect(canonical == """
            POST
            /model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse

            host:bedrock-runtime.us-east-1.amazonaws.com
            x-amz-date:20240315T120000Z

            host;x-amz-date
            5e4ce7b36ba37b78a5d5f9fd08e6b7b54ba6879d651aa46ec9e1d6fa24ebe30a
            """)
        #expect(signer.stringToSign(for: Self.vectors[0].request, timestamp: "20240315T120000Z")
            .hasPrefix("AWS4-HMAC-SHA256\n20240315T120000Z\n20240315/us-east-1/bedrock/aws4_request\n"))
    }

    @Test func headersFromAFixedClock() throws {
        let vector = Self.vectors[1]
        let signer = SigV4Signer(credentials: vector.credentials, region: vector.region)
        // 2023-12-31T23:59:59Z
        let headers = signer.headers(for: vector.request, date: Date(timeIntervalSince1970: 1_704_067_199))
        #expect(headers.map(\.name) == ["x-amz-date", "x-amz-security-token", "authorization"])
        #expect(headers[0].value == "20231231T235959Z")
        #expect(headers[1].value == "session/token+value==")
        #expect(headers[2].value == vector.authorization)
    }

    @Test func aChangedByteChangesTheSignature() {
        let vector = Self.vectors[0]
        let signer = SigV4Signer(credentials: vector.credentials, region: vector.region)
        var request = vector.request
        request.body[0] = UInt8(ascii: " ")
        #expect(signer.authorization(for: request, timestamp: vector.timestamp) != vector.authorization)
        let otherRegion = SigV4Signer(credentials: vector.credentials, region: "us-east-2")
        #expect(otherRegion.authorization(for: vector.request, timestamp: vector.timestamp) != vector.authorization)
    }

    @Test func encodingKeepsOnlyUnreservedCharacters() {
        #expect(SigV4Signer.encode("a-b_c.d~e/f:g h%", keepingSlash: true) == "a-b_c.d~e/f%3Ag%20h%25")
        #expect(SigV4Signer.encode("é/", keepingSlash: false) == "%C3%A9%2F")
        #expect(SigV4Signer.canonicalURI("") == "/")
        #expect(SigV4Signer.canonicalQuery("x=a%20b&w") == "w=&x=a%20b")
        #expect(SigV4Signer.timestamp(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
    }
}
