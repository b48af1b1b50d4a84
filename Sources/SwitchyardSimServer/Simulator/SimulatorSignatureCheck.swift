import Foundation
import SwitchyardWire

/// Checks a Bedrock call's SigV4 signature the way AWS does, with the simulator's key as the secret: the access
/// key id, region and session token are taken from the request, so any well-signed call with that secret passes.
struct SimulatorSignatureCheck {
    var authorization: String?
    var date: String?
    var token: String?
    var host: String?
    var path: String
    var query: String
    var body: [UInt8]

    /// Why the call is refused (AWS's exception name and message), or nil when its signature is right.
    func problem(secret: String) -> (type: String, message: String)? {
        guard let authorization, authorization.hasPrefix("AWS4-HMAC-SHA256 "), let date else {
            return ("MissingAuthenticationTokenException", "Missing Authentication Token")
        }
        // Credential=AKID/20240101/us-east-1/bedrock/aws4_request
        guard let credential = Self.field("Credential", in: authorization) else {
            return ("IncompleteSignatureException", "Authorization header requires 'Credential' parameter.")
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request", date.hasPrefix(scope[1]) else {
            return ("IncompleteSignatureException", "Credential should be scoped to a valid region and service.")
        }
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: scope[0], secretAccessKey: secret, sessionToken: token),
            region: scope[2], service: scope[3])
        let expected = signer.authorization(
            for: SigV4Signer.Request(method: "POST", path: path, query: query, host: host ?? "", body: body),
            timestamp: date)
        guard expected == authorization else {
            return ("InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. "
                        + "Check your AWS Secret Access Key and signing method.")
        }
        return nil
    }

    /// `name=value` from the comma-separated parameters after the algorithm.
    private static func field(_ name: String, in authorization: String) -> String? {
        for part in authorization.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(name + "=") { return String(trimmed.dropFirst(name.count + 1)) }
        }
        return nil
    }
}
