import Logging
import SwitchyardCore

extension OTLPTraceExporter {
    /// The exporter a gateway's `tracing` section and environment ask for, or nil when they ask for none; its
    /// attempt spans name `providers`. Logs the environment values it ignored, and that traces cannot be
    /// exported while tracing is off.
    public static func make(
        tracing: TracingConfig, providers: [ProviderSpec], environment: [String: String],
        logger: Logger = Logger(label: "switchyard.otlp")
    ) -> OTLPTraceExporter? {
        let settings = OTLPExporterSettings.resolve(
            config: tracing.otlp, environment: environment, warn: { logger.warning("\($0)") })
        guard let settings else { return nil }
        if !tracing.enabled {
            logger.warning("tracing is off (tracing.enabled: false): no traces to export to \(settings.endpoint)")
            return nil
        }
        return OTLPTraceExporter(
            settings: settings, upstreams: OTLPUpstream.directory(providers),
            version: SwitchyardVersion.current, logger: logger)
    }
}
