/// Body of a rejected admin request: `{"error":{"message":…}}`.
struct SimulatorAdminError: Encodable {
    struct Detail: Encodable {
        var message: String
    }

    var error: Detail
}
