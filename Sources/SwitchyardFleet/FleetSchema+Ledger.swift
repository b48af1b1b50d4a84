extension FleetSchema {
    /// The shared ledger: every replica's rows, each named by the replica that journaled it and the id its local
    /// ledger gave it. The pair is unique, so shipping a row twice (after a crash between the insert and learning
    /// it committed) leaves one row.
    static let ledgerMigration: [String] = [
        """
        CREATE TABLE switchyard_ledger (
            id bigserial PRIMARY KEY,
            replica text NOT NULL,
            local_id bigint NOT NULL,
            time double precision NOT NULL,
            request_id text NOT NULL,
            key text,
            team text,
            model text NOT NULL,
            deployment text,
            input_tokens bigint NOT NULL,
            output_tokens bigint NOT NULL,
            cost double precision NOT NULL,
            cost_known boolean NOT NULL,
            status integer NOT NULL,
            shipped_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (replica, local_id))
        """,
        "CREATE INDEX switchyard_ledger_time ON switchyard_ledger (time)",
        "CREATE INDEX switchyard_ledger_request ON switchyard_ledger (request_id)",
    ]
}
