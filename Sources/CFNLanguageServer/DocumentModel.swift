import CFNTemplate

/// What the server knows about one version of an open document: its text and positions, and the
/// template when this version loads. A version that does not load (a half-typed line) keeps the
/// last version that did, for hover and completion.
struct DocumentModel: Sendable {
    /// A version that loaded: its template, its reference index and its own text's positions.
    struct Loaded: Sendable {
        var version: Int
        var template: Template
        var index: ReferenceIndex
        var converter: PositionConverter
    }

    var uri: String
    var version: Int
    var text: String
    var converter: PositionConverter
    /// This version, when it loads.
    var current: Loaded?
    /// This version when it loads, else the newest earlier one that did.
    var lastGood: Loaded?
}
