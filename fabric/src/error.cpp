#include "fabric/error.h"

namespace fabodbc::fabric {

const char* to_string(ErrorCategory c) noexcept {
    switch (c) {
        case ErrorCategory::Unreachable: return "Unreachable";
        case ErrorCategory::Timeout: return "Timeout";
        case ErrorCategory::TlsError: return "TlsError";
        case ErrorCategory::AuthFailed: return "AuthFailed";
        case ErrorCategory::Forbidden: return "Forbidden";
        case ErrorCategory::HttpError: return "HttpError";
        case ErrorCategory::Fault: return "Fault";
        case ErrorCategory::InBandError: return "InBandError";
        case ErrorCategory::Malformed: return "Malformed";
        case ErrorCategory::UnknownGroup: return "UnknownGroup";
        case ErrorCategory::UnknownTable: return "UnknownTable";
        case ErrorCategory::KeyBelowLowerBound: return "KeyBelowLowerBound";
        case ErrorCategory::BadKey: return "BadKey";
        case ErrorCategory::NoPrimary: return "NoPrimary";
        case ErrorCategory::NoServer: return "NoServer";
        case ErrorCategory::TablesInDifferentGroups: return "TablesInDifferentGroups";
        case ErrorCategory::InvalidRequest: return "InvalidRequest";
        case ErrorCategory::Config: return "Config";
    }
    return "Unknown";
}

bool FabricError::is_communication_failure() const noexcept {
    switch (category_) {
        case ErrorCategory::Unreachable:
        case ErrorCategory::Timeout:
        case ErrorCategory::TlsError:
        case ErrorCategory::HttpError:
        case ErrorCategory::Malformed:
            return true;
        default:
            return false;
    }
}

}  // namespace fabodbc::fabric
