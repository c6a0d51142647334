// libfabodbcS.so through the installer API, as unixODBC's tools use it: SQLConfigDataSource and
// SQLConfigDriver load it from the Setup= entry of a private odbcinst.ini, ODBCINSTGetProperties
// is called both after dlopen (as odbcinst's ODBCINSTConstructProperties does) and through
// ODBCINSTConstructProperties itself.
#include <dlfcn.h>
#include <odbcinstext.h>
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "driver/options/keywords.h"
#include "tests/setup/setup_test_util.h"

using namespace fabodbc::setup_test;

namespace {

struct InstallerError {
  DWORD code = 0;
  std::string message;
};

std::vector<InstallerError> installer_errors() {
  std::vector<InstallerError> out;
  for (WORD i = 1; i <= 8; ++i) {
    InstallerError e;
    char msg[1024] = {0};
    WORD len = 0;
    const RETCODE rc = SQLInstallerError(i, &e.code, msg, sizeof msg, &len);
    if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) break;
    e.message = msg;
    out.push_back(e);
  }
  return out;
}

// "A=1", "B=2" -> "A=1\0B=2\0\0"
std::string attrs(std::initializer_list<const char*> items) {
  std::string s;
  for (const char* i : items) s.append(i).push_back('\0');
  s.push_back('\0');
  return s;
}

// unixODBC remembers the ODBCSYSINI directory after its first use in a process, so all tests
// share one private directory and use DSN names of their own.
IniDir& shared_ini() {
  static IniDir dir{"/nonexistent/libfabodbc.so", FABODBC_SETUP_LIBRARY};
  return dir;
}

class SetupLibrary : public ::testing::Test {
 protected:
  IniDir& ini = shared_ini();

  bool config(WORD request, std::initializer_list<const char*> items) {
    const std::string a = attrs(items);
    return SQLConfigDataSource(nullptr, request, "fabodbc", a.c_str());
  }
};

TEST(SetupLibraryExports, OnlyTheInstallerEntryPoints) {
  void* h = dlopen(FABODBC_SETUP_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr) << dlerror();
  for (const char* sym : {"ConfigDSN", "ConfigDSNW", "ConfigDriver", "ConfigDriverW", "ODBCINSTGetProperties"})
    EXPECT_NE(dlsym(h, sym), nullptr) << sym;
  // Internals (the keyword table, the DSN helpers) stay hidden behind the version script.
  EXPECT_EQ(dlsym(h, "_ZN7fabodbc13keyword_tableEv"), nullptr);
  EXPECT_EQ(dlsym(h, "_ZN7fabodbc12find_keywordESt17basic_string_viewIcSt11char_traitsIcEE"), nullptr);
  dlclose(h);
}

TEST(SetupLibraryProperties, OnePropertyPerKeywordAfterDlopen) {
  void* h = dlopen(FABODBC_SETUP_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr) << dlerror();
  auto get = reinterpret_cast<int (*)(HODBCINSTPROPERTY)>(dlsym(h, "ODBCINSTGetProperties"));
  ASSERT_NE(get, nullptr);
  // What ODBCINSTConstructProperties hands over: its own last property ("Driver").
  auto* first = static_cast<HODBCINSTPROPERTY>(calloc(1, sizeof(ODBCINSTPROPERTY)));
  std::strcpy(first->szName, "Driver");
  EXPECT_EQ(get(first), ODBCINST_SUCCESS);
  dlclose(h);  // odbcinst unloads the library before the editor uses the list

  std::vector<HODBCINSTPROPERTY> props;
  for (HODBCINSTPROPERTY p = first->pNext; p; p = p->pNext) props.push_back(p);
  const fabodbc::KeywordDef* table = fabodbc::keyword_table();
  std::vector<const fabodbc::KeywordDef*> expected;
  for (size_t i = 0; i < fabodbc::keyword_count(); ++i)
    if (table[i].name != "DSN" && table[i].name != "DRIVER" && table[i].name != "DESCRIPTION") expected.push_back(&table[i]);
  ASSERT_EQ(props.size(), expected.size());
  for (size_t i = 0; i < props.size(); ++i) {
    const auto& k = *expected[i];
    const HODBCINSTPROPERTY p = props[i];
    SCOPED_TRACE(std::string(k.name));
    EXPECT_EQ(std::string(p->szName), std::string(k.name));
    EXPECT_EQ(std::string(p->szValue), std::string(k.default_value));
    ASSERT_NE(p->pszHelp, nullptr);
    EXPECT_NE(std::string(p->pszHelp).find(std::string(k.help)), std::string::npos);
    switch (k.type) {
      case fabodbc::KeywordType::Password:
        EXPECT_EQ(p->nPromptType, ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD);
        break;
      case fabodbc::KeywordType::Path:
        EXPECT_EQ(p->nPromptType, ODBCINST_PROMPTTYPE_FILENAME);
        break;
      case fabodbc::KeywordType::Choice: {
        EXPECT_EQ(p->nPromptType, ODBCINST_PROMPTTYPE_LISTBOX);
        ASSERT_NE(p->aPromptData, nullptr);
        std::string joined;
        for (char** c = p->aPromptData; *c; ++c) joined += (joined.empty() ? "" : "|") + std::string(*c);
        EXPECT_EQ(joined, std::string(k.choices));
        break;
      }
      case fabodbc::KeywordType::Boolean:
        EXPECT_EQ(p->nPromptType, ODBCINST_PROMPTTYPE_LISTBOX);
        ASSERT_NE(p->aPromptData, nullptr);
        EXPECT_STREQ(p->aPromptData[0], "0");
        EXPECT_STREQ(p->aPromptData[1], "1");
        EXPECT_EQ(p->aPromptData[2], nullptr);
        break;
      default:
        EXPECT_EQ(p->nPromptType, ODBCINST_PROMPTTYPE_TEXTEDIT);
        EXPECT_EQ(p->aPromptData, nullptr);
    }
  }
  // Freed exactly as ODBCINSTDestructProperties does: aPromptData and pszHelp with free().
  for (HODBCINSTPROPERTY p = first; p;) {
    HODBCINSTPROPERTY next = p->pNext;
    free(p->aPromptData);
    free(p->pszHelp);
    free(p);
    p = next;
  }
}

TEST_F(SetupLibrary, ConstructPropertiesThroughOdbcinst) {
  HODBCINSTPROPERTY first = nullptr;
  char driver[] = "fabodbc";
  ASSERT_EQ(ODBCINSTConstructProperties(driver, &first), ODBCINST_SUCCESS);
  std::vector<std::string> names;
  HODBCINSTPROPERTY sslmode = nullptr, pwd = nullptr;
  for (HODBCINSTPROPERTY p = first; p; p = p->pNext) {
    names.push_back(p->szName);
    if (names.back() == "SSLMODE") sslmode = p;
    if (names.back() == "PWD") pwd = p;
  }
  ASSERT_GE(names.size(), 4u);
  EXPECT_EQ(names[0], "Name");
  EXPECT_EQ(names[1], "Description");
  EXPECT_EQ(names[2], "Driver");
  EXPECT_EQ(names[3], "SERVER");
  EXPECT_EQ(names.size(), 3 + fabodbc::keyword_count() - 3);
  ASSERT_NE(sslmode, nullptr);
  EXPECT_STREQ(sslmode->szValue, "PREFERRED");
  EXPECT_STREQ(sslmode->aPromptData[2], "REQUIRED");  // still readable after odbcinst unloaded us
  ASSERT_NE(pwd, nullptr);
  EXPECT_EQ(pwd->nPromptType, ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD);
  EXPECT_EQ(ODBCINSTDestructProperties(&first), ODBCINST_SUCCESS);
}

TEST_F(SetupLibrary, AddDsnWritesCanonicalKeywords) {
  ASSERT_TRUE(config(ODBC_ADD_DSN, {"DSN=add_shop", "Server=db1.example.com", "User=app", "Password=s3cret", "port=3307",
                                    "SSLMODE=REQUIRED", "FABRIC_MODE=READ_ONLY"}))
      << (installer_errors().empty() ? "" : installer_errors()[0].message);
  auto s = ini_section(ini.user_ini(), "add_shop");
  EXPECT_EQ(s["Driver"], "fabodbc");
  EXPECT_EQ(s["SERVER"], "db1.example.com");
  EXPECT_EQ(s["UID"], "app");
  EXPECT_EQ(s["PWD"], "s3cret");
  EXPECT_EQ(s["PORT"], "3307");
  EXPECT_EQ(s["SSLMODE"], "REQUIRED");
  EXPECT_EQ(s["FABRIC_MODE"], "READ_ONLY");
  EXPECT_EQ(s.count("User"), 0u);
  EXPECT_FALSE(ini_has_section(ini.system_ini(), "add_shop"));
}

TEST_F(SetupLibrary, AddSystemDsnGoesToTheSystemFile) {
  ASSERT_TRUE(config(ODBC_ADD_SYS_DSN, {"DSN=sys1", "SERVER=10.0.0.5"}));
  EXPECT_EQ(ini_section(ini.system_ini(), "sys1")["SERVER"], "10.0.0.5");
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "sys1"));
  ASSERT_TRUE(config(ODBC_REMOVE_SYS_DSN, {"DSN=sys1"}));
  EXPECT_FALSE(ini_has_section(ini.system_ini(), "sys1"));
}

TEST_F(SetupLibrary, BadValueIsRefusedWithAMessageNamingTheKeyword) {
  EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=bad_shop", "PWD=topsecret", "PORT=33o6"}));
  auto errors = installer_errors();
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_KEYWORD_VALUE));
  EXPECT_NE(errors[0].message.find("PORT"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("33o6"), std::string::npos) << errors[0].message;
  for (const auto& e : errors) EXPECT_EQ(e.message.find("topsecret"), std::string::npos);
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "bad_shop"));  // nothing half-written

  EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=bad_shop", "SSLMODE=SOMETIMES"}));
  errors = installer_errors();
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].message.find("SSLMODE"), std::string::npos);
  EXPECT_NE(errors[0].message.find("VERIFY_IDENTITY"), std::string::npos) << "lists the choices";

  EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=bad_shop", "NO_CACHE=maybe"}));
  ASSERT_FALSE(installer_errors().empty());
  EXPECT_NE(installer_errors()[0].message.find("NO_CACHE"), std::string::npos);
}

TEST_F(SetupLibrary, UnknownKeywordIsRefused) {
  EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=unk_shop", "SERVER=db1", "SERVR=db2"}));
  const auto errors = installer_errors();
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_KEYWORD_VALUE));
  EXPECT_NE(errors[0].message.find("Unknown keyword 'SERVR'"), std::string::npos) << errors[0].message;
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "unk_shop"));
}

TEST_F(SetupLibrary, DsnNameIsRequiredAndChecked) {
  EXPECT_FALSE(config(ODBC_ADD_DSN, {"SERVER=db1"}));
  auto errors = installer_errors();
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_DSN));
  EXPECT_NE(errors[0].message.find("DSN"), std::string::npos);

  EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=bad[name]", "SERVER=db1"}));
  errors = installer_errors();
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_DSN));
  EXPECT_NE(errors[0].message.find("bad[name]"), std::string::npos);
}

TEST_F(SetupLibrary, AttributeWithoutEqualsIsRefused) {
  EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=noeq_shop", "SERVER"}));
  ASSERT_FALSE(installer_errors().empty());
  EXPECT_EQ(installer_errors()[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_KEYWORD_VALUE));
}

TEST_F(SetupLibrary, ConfigureChangesRemovesAndReplacesAliases) {
  // A section as another tool wrote it: the alias spelling User instead of UID.
  ASSERT_TRUE(config(ODBC_ADD_DSN, {"DSN=cfg_shop", "SERVER=db1", "PORT=3306", "DATABASE=shop"}));
  SQLSetConfigMode(ODBC_USER_DSN);
  ASSERT_TRUE(SQLWritePrivateProfileString("cfg_shop", "User", "old", "odbc.ini"));
  SQLSetConfigMode(ODBC_BOTH_DSN);
  ASSERT_EQ(ini_section(ini.user_ini(), "cfg_shop")["User"], "old");
  ASSERT_TRUE(config(ODBC_CONFIG_DSN, {"DSN=cfg_shop", "UID=new", "PORT=", "SERVER=db2"}))
      << (installer_errors().empty() ? "" : installer_errors()[0].message);
  auto s = ini_section(ini.user_ini(), "cfg_shop");
  EXPECT_EQ(s["SERVER"], "db2");
  EXPECT_EQ(s["UID"], "new");
  EXPECT_EQ(s.count("User"), 0u) << "the alias spelling is replaced, not duplicated";
  EXPECT_EQ(s.count("PORT"), 0u) << "an empty value removes the keyword";
  EXPECT_EQ(s["DATABASE"], "shop") << "keywords not mentioned stay";
  EXPECT_EQ(s["Driver"], "fabodbc");

  EXPECT_FALSE(config(ODBC_CONFIG_DSN, {"DSN=nosuch", "SERVER=db3"}));
  ASSERT_FALSE(installer_errors().empty());
  EXPECT_EQ(installer_errors()[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_DSN));
  EXPECT_NE(installer_errors()[0].message.find("nosuch"), std::string::npos);
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "nosuch"));

  EXPECT_FALSE(config(ODBC_CONFIG_DSN, {"DSN=cfg_shop", "CONNECT_TIMEOUT=-1"}));
  EXPECT_EQ(ini_section(ini.user_ini(), "cfg_shop").count("CONNECT_TIMEOUT"), 0u);
}

TEST_F(SetupLibrary, RemoveDeletesTheSection) {
  ASSERT_TRUE(config(ODBC_ADD_DSN, {"DSN=rm_a", "SERVER=db1"}));
  ASSERT_TRUE(config(ODBC_ADD_DSN, {"DSN=rm_b", "SERVER=db2"}));
  ASSERT_TRUE(config(ODBC_REMOVE_DSN, {"DSN=rm_a"}));
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "rm_a"));
  EXPECT_TRUE(ini_has_section(ini.user_ini(), "rm_b"));
  EXPECT_FALSE(config(ODBC_REMOVE_DSN, {"DSN=rm_a"}));
  ASSERT_FALSE(installer_errors().empty());
  EXPECT_EQ(installer_errors()[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_DSN));
}

TEST_F(SetupLibrary, RemoveDefaultDsn) {
  SQLSetConfigMode(ODBC_USER_DSN);
  ASSERT_TRUE(SQLWriteDSNToIni("Default", "fabodbc"));
  SQLSetConfigMode(ODBC_BOTH_DSN);
  ASSERT_TRUE(ini_has_section(ini.user_ini(), "Default"));
  EXPECT_TRUE(config(ODBC_REMOVE_DEFAULT_DSN, {})) << (installer_errors().empty() ? "" : installer_errors()[0].message);
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "Default"));
  // Adding a DSN under the reserved name is refused.
  EXPECT_FALSE(config(ODBC_ADD_DSN, {"DSN=Default", "SERVER=x"}));
  EXPECT_FALSE(ini_has_section(ini.user_ini(), "Default"));
}

TEST_F(SetupLibrary, UnknownRequestIsRefused) {
  EXPECT_FALSE(config(42, {"DSN=x"}));
  ASSERT_FALSE(installer_errors().empty());
  EXPECT_EQ(installer_errors()[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_REQUEST_TYPE));
}

// Called directly: unixODBC 2.3's SQLConfigDriver never forwards ODBC_CONFIG_DRIVER to the setup
// library and, on 64-bit builds, refuses any driver that has a Setup entry (inverted check).
TEST_F(SetupLibrary, ConfigDriverWritesOnlyDriverSettings) {
  void* h = dlopen(FABODBC_SETUP_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr);
  auto config_driver = reinterpret_cast<BOOL (*)(HWND, WORD, LPCSTR, LPCSTR, LPSTR, WORD, WORD*)>(
      dlsym(h, "ConfigDriver"));
  ASSERT_NE(config_driver, nullptr);
  const std::string ok = attrs({"Threading=0", "CPTimeout=60"});
  char msg[256] = {0};
  WORD len = 0;
  ASSERT_TRUE(config_driver(nullptr, ODBC_CONFIG_DRIVER, "fabodbc", ok.c_str(), msg, sizeof msg, &len));
  EXPECT_EQ(std::string(msg), "fabodbc driver configured");
  EXPECT_EQ(len, std::string(msg).size());
  auto s = ini_section(ini.odbcinst_ini(), "fabodbc");
  EXPECT_EQ(s["Threading"], "0");
  EXPECT_EQ(s["CPTimeout"], "60");
  EXPECT_EQ(s["Setup"], FABODBC_SETUP_LIBRARY);

  const std::string bad = attrs({"SERVER=db1"});
  EXPECT_FALSE(config_driver(nullptr, ODBC_CONFIG_DRIVER, "fabodbc", bad.c_str(), msg, sizeof msg, &len));
  ASSERT_FALSE(installer_errors().empty());
  EXPECT_EQ(installer_errors()[0].code, static_cast<DWORD>(ODBC_ERROR_INVALID_KEYWORD_VALUE));
  EXPECT_NE(installer_errors()[0].message.find("SERVER"), std::string::npos);
  EXPECT_EQ(ini_section(ini.odbcinst_ini(), "fabodbc").count("SERVER"), 0u);

  EXPECT_TRUE(config_driver(nullptr, ODBC_INSTALL_DRIVER, "fabodbc", nullptr, msg, sizeof msg, &len));
  EXPECT_FALSE(config_driver(nullptr, 42, "fabodbc", nullptr, msg, sizeof msg, &len));
  dlclose(h);
}

TEST_F(SetupLibrary, WideConfigDsn) {
  void* h = dlopen(FABODBC_SETUP_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(h, nullptr);
  auto config_w = reinterpret_cast<BOOL (*)(HWND, WORD, LPCWSTR, LPCWSTR)>(dlsym(h, "ConfigDSNW"));
  ASSERT_NE(config_w, nullptr);
  // "DSN=wide\0DESCRIPTION=Café ☕\0\0" in UTF-16
  std::u16string list = u"DSN=wide";
  list.push_back(0);
  list += u"DESCRIPTION=Caf\u00e9 \u2615";
  list.push_back(0);
  list.push_back(0);
  const std::u16string driver = u"fabodbc";
  EXPECT_TRUE(config_w(nullptr, ODBC_ADD_DSN, reinterpret_cast<LPCWSTR>(driver.c_str()),
                       reinterpret_cast<LPCWSTR>(list.c_str())));
  EXPECT_EQ(ini_section(ini.user_ini(), "wide")["DESCRIPTION"], "Caf\xc3\xa9 \xe2\x98\x95");
  dlclose(h);
}

}  // namespace
