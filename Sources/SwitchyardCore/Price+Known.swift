extension Price {
    /// False for a price of 0 in and 0 out: the catalog does not know what the deployment costs, so a
    /// computed cost of 0 is unknown rather than free.
    public var isKnown: Bool { inputPerMTok != 0 || outputPerMTok != 0 }
}
