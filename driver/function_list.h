// The one list of ODBC functions this driver exports and implements. SQLGetFunctions answers
// from it, and the load test checks the built library exports exactly these names.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstddef>

namespace fabodbc {

struct ExportedFunction {
  const char* name;        // ANSI name, e.g. "SQLConnect"
  SQLUSMALLINT api_id;     // SQL_API_SQLCONNECT
  bool has_wide_form;      // "SQLConnectW" is exported too
};

const ExportedFunction* exported_functions();
size_t exported_function_count();

// SQLGetFunctions(SQL_API_ODBC3_ALL_FUNCTIONS): the bitmap; (SQL_API_ALL_FUNCTIONS): the
// ODBC 2 array of 100 flags; a single id: whether it is implemented.
void fill_odbc3_function_bitmap(SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE]);
void fill_odbc2_function_array(SQLUSMALLINT flags[100]);
bool is_function_implemented(SQLUSMALLINT api_id);

}  // namespace fabodbc
