import Foundation

/// nginx as the plain reverse proxy platform engineers already run, in front of the same upstream: one worker, a
/// keep-alive pool to the upstream, no buffering (streams pass as they come), no access log. What a proxy with no
/// gateway logic costs on this machine, measured in the same run as Switchyard.
final class NginxProxy {
    let process: Subprocess
    let url: String
    let version: String

    /// The nginx executable (Debian's `nginx-light` puts it in /usr/sbin), if there is one.
    static func installed() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"] + path.split(separator: ":").map { "\($0)/nginx" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `executable` in the foreground proxying to `upstream` (http://127.0.0.1:PORT) and waits until it
    /// answers.
    init(executable: String, upstream: String, scratch: URL) throws {
        guard let upstreamURL = URLComponents(string: upstream), let host = upstreamURL.host, let upstreamPort = upstreamURL.port else {
            throw BenchError("nginx: not an http://host:port upstream: \(upstream)")
        }
        let directory = scratch.appendingPathComponent("nginx")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try HTTPProbe.freePort()
        url = "http://127.0.0.1:\(port)"
        let root = directory.path
        let config = """
            worker_processes 1;
            daemon off;
            pid \(root)/nginx.pid;
            error_log \(root)/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path \(root)/body;
                proxy_temp_path \(root)/proxy;
                upstream upstream { server \(host):\(upstreamPort); keepalive 64; }
                server {
                    listen 127.0.0.1:\(port);
                    location / {
                        proxy_pass http://upstream;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_buffering off;
                        proxy_request_buffering off;
                    }
                }
            }
            """
        let file = directory.appendingPathComponent("nginx.conf")
        try config.write(to: file, atomically: true, encoding: .utf8)
        version = Self.version(of: executable)
        process = try Subprocess(executable, ["-p", root, "-e", root + "/error.log", "-c", file.path])
        let deadline = Date().addingTimeInterval(15)
        while (try? HTTPProbe.send("GET", url + "/v1/models", timeout: 2)) == nil {
            guard Date() < deadline, process.process.isRunning else {
                let log = (try? String(contentsOfFile: root + "/error.log", encoding: .utf8)) ?? ""
                throw BenchError("nginx did not start: \(process.output)\(log.suffix(1_000))")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func stop() { process.stop() }

    private static func version(of executable: String) -> String {
        guard let probe = try? Subprocess(executable, ["-v"]) else { return "nginx" }
        _ = probe.waitUntilExit()
        return probe.output.split(separator: "\n").first.map { String($0).replacingOccurrences(of: "nginx version: ", with: "") }
            ?? "nginx"
    }
}
