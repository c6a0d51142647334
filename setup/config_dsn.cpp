// ConfigDSN and ConfigDriver: the entry points unixODBC's installer (SQLConfigDataSource,
// SQLConfigDriver, `odbcinst`) calls in libfabodbcS.so. No GUI: hwndParent is ignored.
#include "setup/dsn_store.h"
#include "setup/utf16.h"

#include <odbcinst.h>

#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <strings.h>
#include <string>

using fabodbc::setup::SetupError;

namespace {

// Every failure is posted to the installer error stack; nothing throws across extern "C".
template <typename F>
BOOL guarded(F f) noexcept {
  try {
    f();
    return 1;
  } catch (const SetupError& e) {
    SQLPostInstallerError(e.installer_code(), e.what());
  } catch (const std::bad_alloc&) {
    SQLPostInstallerError(ODBC_ERROR_OUT_OF_MEM, "Out of memory");
  } catch (const std::exception& e) {
    SQLPostInstallerError(ODBC_ERROR_GENERAL_ERR, e.what());
  } catch (...) {
    SQLPostInstallerError(ODBC_ERROR_GENERAL_ERR, "Unexpected error in the fabodbc setup library");
  }
  return 0;
}

// unixODBC's SQLConfigDataSource sets the config mode and maps the *_SYS_DSN requests to the
// plain ones before calling ConfigDSN; a direct caller may still pass them.
void config_dsn(WORD request, const char* driver, const char* attributes) {
  using namespace fabodbc::setup;
  std::optional<ConfigModeGuard> mode;
  switch (request) {
    case ODBC_ADD_SYS_DSN: mode.emplace(Scope::System); request = ODBC_ADD_DSN; break;
    case ODBC_CONFIG_SYS_DSN: mode.emplace(Scope::System); request = ODBC_CONFIG_DSN; break;
    case ODBC_REMOVE_SYS_DSN: mode.emplace(Scope::System); request = ODBC_REMOVE_DSN; break;
    case ODBC_ADD_DSN:
    case ODBC_CONFIG_DSN:
    case ODBC_REMOVE_DSN:
    case ODBC_REMOVE_DEFAULT_DSN:
      break;
    default:
      throw SetupError(ODBC_ERROR_INVALID_REQUEST_TYPE, "Unknown ConfigDSN request " + std::to_string(request));
  }
  const std::vector<Attribute> attrs = validate_attributes(split_attribute_list(attributes));
  switch (request) {
    case ODBC_ADD_DSN:
      add_dsn(dsn_from(attrs), driver && *driver ? driver : kDriverName, attrs);
      break;
    case ODBC_CONFIG_DSN:
      configure_dsn(dsn_from(attrs), attrs);
      break;
    case ODBC_REMOVE_DSN:
      remove_dsn(dsn_from(attrs));
      break;
    case ODBC_REMOVE_DEFAULT_DSN:
      remove_dsn("Default");
      break;
  }
}

// unixODBC's own odbcinst.ini keys of a driver section (ODBC_CONFIG_DRIVER accepts only these).
bool is_driver_key(const std::string& key) {
  static const char* const kKeys[] = {"Description", "Driver",     "Driver64",      "Setup",        "Setup64",
                                      "Threading",   "FileUsage",  "CPTimeout",     "CPTimeToLive", "DontDLClose",
                                      "APILevel",    "ConnectFunctions", "DriverODBCVer", "SQLLevel", "FileExtns",
                                      "IconvEncoding", "DisableGetFunctions"};
  for (const char* k : kKeys)
    if (strcasecmp(k, key.c_str()) == 0) return true;
  return false;
}

void config_driver(WORD request, const char* driver, const char* args, std::string* message) {
  using namespace fabodbc::setup;
  switch (request) {
    case ODBC_INSTALL_DRIVER:
      *message = "fabodbc driver installed";
      return;
    case ODBC_REMOVE_DRIVER:
      *message = "fabodbc driver removed";
      return;
    case ODBC_CONFIG_DRIVER: {
      const std::string name = driver && *driver ? driver : kDriverName;
      for (const auto& [key, value] : split_attribute_list(args)) {
        if (!is_driver_key(key))
          throw SetupError(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                           "'" + key.substr(0, 64) + "' is not a driver setting of odbcinst.ini "
                           "(DSN keywords belong in odbc.ini)");
        if (!SQLWritePrivateProfileString(name.c_str(), key.c_str(), value.empty() ? nullptr : value.c_str(),
                                          "odbcinst.ini"))
          throw SetupError(ODBC_ERROR_REQUEST_FAILED, "Could not write " + key + " of driver '" + name + "'");
      }
      *message = "fabodbc driver configured";
      return;
    }
    default:
      throw SetupError(ODBC_ERROR_INVALID_REQUEST_TYPE, "Unknown ConfigDriver request " + std::to_string(request));
  }
}

void copy_message(const std::string& text, LPSTR out, WORD max, WORD* out_len) {
  if (out_len) *out_len = static_cast<WORD>(text.size() > 0xFFFF ? 0xFFFF : text.size());
  if (!out || max == 0) return;
  const size_t n = text.size() < static_cast<size_t>(max - 1) ? text.size() : static_cast<size_t>(max - 1);
  std::memcpy(out, text.data(), n);
  out[n] = '\0';
}

}  // namespace

extern "C" {

BOOL INSTAPI ConfigDSN(HWND hwndParent, WORD fRequest, LPCSTR lpszDriver, LPCSTR lpszAttributes) {
  (void)hwndParent;
  return guarded([&] { config_dsn(fRequest, lpszDriver, lpszAttributes); });
}

BOOL INSTAPI ConfigDSNW(HWND hwndParent, WORD fRequest, LPCWSTR lpszDriver, LPCWSTR lpszAttributes) {
  (void)hwndParent;
  return guarded([&] {
    const std::string driver = fabodbc::setup::utf16_to_utf8(lpszDriver);
    const std::string attrs = fabodbc::setup::utf16_multi_to_utf8(lpszAttributes);
    config_dsn(fRequest, driver.c_str(), attrs.c_str());
  });
}

BOOL INSTAPI ConfigDriver(HWND hwndParent, WORD fRequest, LPCSTR lpszDriver, LPCSTR lpszArgs, LPSTR lpszMsg,
                          WORD cbMsgMax, WORD* pcbMsgOut) {
  (void)hwndParent;
  std::string message;
  const BOOL ok = guarded([&] { config_driver(fRequest, lpszDriver, lpszArgs, &message); });
  copy_message(message, lpszMsg, cbMsgMax, pcbMsgOut);
  return ok;
}

BOOL INSTAPI ConfigDriverW(HWND hwndParent, WORD fRequest, LPCWSTR lpszDriver, LPCWSTR lpszArgs, LPWSTR lpszMsg,
                           WORD cbMsgMax, WORD* pcbMsgOut) {
  (void)hwndParent;
  std::string message;
  const BOOL ok = guarded([&] {
    const std::string driver = fabodbc::setup::utf16_to_utf8(lpszDriver);
    const std::string args = fabodbc::setup::utf16_multi_to_utf8(lpszArgs);
    config_driver(fRequest, driver.c_str(), args.c_str(), &message);
  });
  const std::u16string wide = fabodbc::setup::utf8_to_utf16(message);
  if (pcbMsgOut) *pcbMsgOut = static_cast<WORD>(wide.size());
  if (lpszMsg && cbMsgMax > 0) {
    const size_t n = wide.size() < static_cast<size_t>(cbMsgMax - 1) ? wide.size() : static_cast<size_t>(cbMsgMax - 1);
    for (size_t i = 0; i < n; ++i) lpszMsg[i] = static_cast<SQLWCHAR>(wide[i]);
    lpszMsg[n] = 0;
  }
  return ok;
}

}  // extern "C"
