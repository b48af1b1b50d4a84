import Foundation

/// A throwaway CA and a server certificate it signed for localhost and 127.0.0.1, made with openssl, for tests
/// of TLS upstreams and proxies.
public struct TestCertificates: Sendable {
    public let caPath: String
    public let certificatePath: String
    public let keyPath: String

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Makes the files in a new temporary directory; `authority` names the CA in its subject.
    public static func make(authority: String = "Switchyard Test CA") throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchyard-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", "\(directory)/ca.key", "-out", "\(directory)/ca.pem", "-days", "2",
                     "-subj", "/CN=\(authority)", "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try openssl(["req"] + ec + ["-keyout", "\(directory)/server.key", "-out", "\(directory)/server.csr",
                     "-subj", "/CN=localhost"])
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
            .write(toFile: "\(directory)/ext.cnf", atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", "\(directory)/server.csr", "-CA", "\(directory)/ca.pem",
                     "-CAkey", "\(directory)/ca.key", "-CAcreateserial", "-out", "\(directory)/server.pem",
                     "-days", "2", "-extfile", "\(directory)/ext.cnf"])
        return TestCertificates(caPath: "\(directory)/ca.pem", certificatePath: "\(directory)/server.pem",
                                keyPath: "\(directory)/server.key")
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "openssl \(arguments[0]) failed") }
    }
}
