// Loads the built libfabodbc.so the way the driver manager does (dlopen), resolves every entry
// point of the export list, and checks the library exports nothing else.
#include "driver/function_list.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>

namespace {

std::set<std::string> expected_names() {
  std::set<std::string> names;
  for (size_t i = 0; i < fabodbc::exported_function_count(); ++i) {
    const fabodbc::ExportedFunction& f = fabodbc::exported_functions()[i];
    names.insert(f.name);
    if (f.has_wide_form) {
      names.insert(std::string(f.name) + "W");
      names.insert(std::string(f.name) + "A");  // the same function (odbc_api/entry_point_aliases.cmake)
    }
  }
  return names;
}

// Every name also under libltdl's per-module prefix, which unixODBC's lt_dlsym asks for first.
std::set<std::string> with_libtool_names(std::set<std::string> names) {
  std::set<std::string> all = names;
  for (const std::string& name : names) all.insert("libfabodbc_LTX_" + name);
  return all;
}

TEST(Load, EveryListedEntryPointResolves) {
  void* lib = dlopen(FABODBC_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  ASSERT_NE(lib, nullptr) << dlerror();
  for (const std::string& name : expected_names()) {
    EXPECT_NE(dlsym(lib, name.c_str()), nullptr) << name;
  }
  // An "A" name is the ANSI entry point itself.
  EXPECT_EQ(dlsym(lib, "SQLColumnsA"), dlsym(lib, "SQLColumns"));
  EXPECT_EQ(dlsym(lib, "SQLDriverConnectA"), dlsym(lib, "SQLDriverConnect"));
  // libltdl's name is the entry point itself, for every listed name.
  for (const std::string& name : expected_names()) {
    EXPECT_EQ(dlsym(lib, ("libfabodbc_LTX_" + name).c_str()), dlsym(lib, name.c_str())) << name;
  }
  EXPECT_EQ(dlsym(lib, "libfabodbc_LTX_SQLColumnsA"), dlsym(lib, "SQLColumns"));
  EXPECT_EQ(dlsym(lib, "libfabodbc_LTX_SQLSetScrollOptions"), nullptr);
  // Something not implemented is not exported either.
  EXPECT_EQ(dlsym(lib, "SQLAllocHandleStd"), nullptr);
  EXPECT_EQ(dlsym(lib, "SQLSetScrollOptions"), nullptr);
  dlclose(lib);
}

TEST(Load, ExportsOnlyTheListedEntryPoints) {
  std::string command = std::string("nm -D --defined-only ") + FABODBC_LIBRARY;
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::set<std::string> exported;
  char line[1024];
  while (fgets(line, sizeof line, pipe)) {
    std::istringstream in(line);
    std::string address, kind, name;
    in >> address >> kind >> name;
    if (name.empty()) continue;
    exported.insert(name);
  }
  ASSERT_EQ(pclose(pipe), 0);
  std::set<std::string> expected = with_libtool_names(expected_names());
  for (const std::string& name : exported) {
    EXPECT_TRUE(expected.count(name)) << "unexpected export: " << name;
  }
  for (const std::string& name : expected) {
    EXPECT_TRUE(exported.count(name)) << "missing export: " << name;
  }
}

TEST(Load, FunctionListFeedsGetFunctions) {
  SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
  fabodbc::fill_odbc3_function_bitmap(bitmap);
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLFETCH));
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLGETDIAGFIELD));
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLBROWSECONNECT));
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLBULKOPERATIONS));
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLSETPOS));
  SQLUSMALLINT odbc2[100];
  fabodbc::fill_odbc2_function_array(odbc2);
  EXPECT_EQ(odbc2[SQL_API_SQLFETCH], SQL_TRUE);
  EXPECT_EQ(odbc2[SQL_API_SQLSETPOS], SQL_TRUE);
  EXPECT_EQ(odbc2[SQL_API_SQLSETSCROLLOPTIONS], SQL_FALSE);
}

}  // namespace
