/// Thrown by an ``OptionType`` parser for a value that does not meet the requirement; `detail` says
/// which part, when that helps (`entry 2 '-1' is not a finite number >= 0`, `got 4 entries`).
struct ValueRejection: Error {
    var detail: String?
    init(_ detail: String? = nil) { self.detail = detail }
}
