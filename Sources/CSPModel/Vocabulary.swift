/// The closed vocabularies of the input contract. Each parses case-insensitively, with spaces
/// or underscores accepted for hyphens, because Excel users type "Targeted activity".
public protocol Vocabulary: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// How the report shows the value to a reader.
    var label: String { get }
}

extension Vocabulary {
    public static func parse(_ raw: String) -> Self? {
        // Almost every cell is written exactly as the contract spells it: no normalising then.
        if let exact = Self(rawValue: raw) { return exact }
        let key = normalise(raw)
        if let v = Self(rawValue: key) { return v }
        return allCases.first { normalise($0.rawValue) == key }
    }

    public static var spellings: [String] { allCases.map(\.rawValue) }

    static func normalise(_ s: String) -> String {
        var out = ""
        for scalar in s.lowercased().unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{A0}":
                if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
            case "_", "-":
                if !out.hasSuffix("-") { out += "-" }
            default: out.unicodeScalars.append(scalar)
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}

/// Operation Carmel's four steps.
public enum CarmelStep: String, Vocabulary {
    case engagement
    case targetedActivity = "targeted-activity"
    case problemSolving = "problem-solving"
    case thinkCommunities = "think-communities"

    /// 0–3 in the order of the steps: for keys hashed once a row (a raw-value enum hashes its
    /// raw String).
    public var ordinal: Int {
        switch self {
        case .engagement: return 0
        case .targetedActivity: return 1
        case .problemSolving: return 2
        case .thinkCommunities: return 3
        }
    }

    public var label: String {
        switch self {
        case .engagement: return "Engagement"
        case .targetedActivity: return "Targeted activity"
        case .problemSolving: return "Problem solving"
        case .thinkCommunities: return "Think Communities"
        }
    }
}

public enum CaseStatus: String, Vocabulary {
    case open, monitoring, closed
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    /// Monitoring cases are still the PSG's: they count as open.
    public var isOpen: Bool { self != .closed }
}

public enum CaseOutcome: String, Vocabulary {
    case resolved, improved
    case noChange = "no-change"
    case referredOn = "referred-on"
    public var label: String {
        switch self {
        case .resolved: return "Resolved"
        case .improved: return "Improved"
        case .noChange: return "No change"
        case .referredOn: return "Referred on"
        }
    }
}

public enum BlockerStatus: String, Vocabulary {
    case open, resolved
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public enum ProjectStage: String, Vocabulary {
    case idea, scoping, active, completed, paused
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public enum ReferralRoute: String, Vocabulary {
    case childProtection = "child-protection"
    case earlyHelp = "early-help"
    case multiAgency = "multi-agency"
    case other
    public var label: String {
        switch self {
        case .childProtection: return "Child protection"
        case .earlyHelp: return "Early help"
        case .multiAgency: return "Multi-agency"
        case .other: return "Other"
        }
    }
}
