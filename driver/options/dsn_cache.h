// The DSN sections a process has read, kept while the odbc.ini files stay as they were.
//
// Why: odbcinst opens and parses both odbc.ini files (and reads /etc/passwd for the home
// directory) on every SQLGetPrivateProfileString call, one call per entry: about 50 system
// calls per connect, a third of what the driver added to a connect on its own (0.27 ms
// against raw libmysqlclient's 0.17 ms). A cached section is used after two stat() calls
// show that neither file (the user file $ODBCINI or ~/.odbc.ini, the system file in
// odbcinst's system directory) changed; any change (mtime, ctime, size, inode), a different
// file, or another config mode reads the section again.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fabodbc {

// (canonical keyword name, value) for each keyword entry of a DSN's section.
using DsnSection = std::vector<std::pair<std::string, std::string>>;

// Reads the section through odbcinst (dsn_reader.cpp). Throws OdbcError IM002 when the DSN
// does not exist.
DsnSection read_dsn_section(const std::string& dsn);

// read_dsn_section(dsn), or what it returned before while the files are unchanged.
DsnSection cached_dsn_section(const std::string& dsn);

// Drops every kept section. For a process that serves odbc.ini without files, where no stamp
// can change (the connection-string fuzzer defines its own SQLGetPrivateProfileString).
void forget_cached_dsn_sections();

}  // namespace fabodbc
