import Foundation

/// The structural check of a CA bundle named in the config: a readable PEM file holding at least one
/// `CERTIFICATE` block whose base64 decodes to a DER sequence. The TLS library parses the certificates
/// themselves when the gateway starts.
enum PEMCertificateFile {
    /// Largest bundle read: a system bundle is a few hundred kilobytes.
    static let maxBytes = 16 << 20

    /// The problem with the file at `path`, or nil when it holds certificates.
    static func problem(path: String) -> String? {
        // A FIFO or a device would block or never end.
        var info = stat()
        guard stat(path, &info) == 0 else { return "cannot read the CA file \(path): \(String(cString: strerror(errno)))" }
        guard info.st_mode & mode_t(S_IFMT) == mode_t(S_IFREG) else { return "the CA file \(path) is not a regular file" }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            return "cannot read the CA file \(path): \(GatewayConfig.reason(error))"
        }
        guard data.count <= maxBytes else { return "the CA file \(path) is larger than \(maxBytes >> 20) MB" }
        guard let text = String(data: data, encoding: .utf8) else { return "the CA file \(path) is not PEM text" }
        var certificates = 0
        var body: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let line = line.trimmingCharacters(in: .whitespaces)
            if line == "-----BEGIN CERTIFICATE-----" || line == "-----BEGIN TRUSTED CERTIFICATE-----" {
                body = ""
            } else if line == "-----END CERTIFICATE-----" || line == "-----END TRUSTED CERTIFICATE-----" {
                guard let encoded = body, let der = Data(base64Encoded: encoded), der.first == 0x30 else {
                    return "certificate \(certificates + 1) in the CA file \(path) is not valid PEM"
                }
                certificates += 1
                body = nil
            } else if body != nil {
                body? += line
            }
        }
        if body != nil { return "certificate \(certificates + 1) in the CA file \(path) has no END line" }
        return certificates == 0 ? "the CA file \(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)" : nil
    }

}
