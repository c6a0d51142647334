#include "driver/function_list.h"

#include <cstring>

namespace fabodbc {

namespace {

constexpr ExportedFunction kFunctions[] = {
    {"SQLAllocHandle", SQL_API_SQLALLOCHANDLE, false},
    {"SQLFreeHandle", SQL_API_SQLFREEHANDLE, false},
    {"SQLFreeStmt", SQL_API_SQLFREESTMT, false},
    {"SQLSetEnvAttr", SQL_API_SQLSETENVATTR, false},
    {"SQLGetEnvAttr", SQL_API_SQLGETENVATTR, false},
    {"SQLConnect", SQL_API_SQLCONNECT, true},
    {"SQLDriverConnect", SQL_API_SQLDRIVERCONNECT, true},
    {"SQLBrowseConnect", SQL_API_SQLBROWSECONNECT, true},
    {"SQLDisconnect", SQL_API_SQLDISCONNECT, false},
    {"SQLSetConnectAttr", SQL_API_SQLSETCONNECTATTR, true},
    {"SQLGetConnectAttr", SQL_API_SQLGETCONNECTATTR, true},
    {"SQLSetStmtAttr", SQL_API_SQLSETSTMTATTR, true},
    {"SQLGetStmtAttr", SQL_API_SQLGETSTMTATTR, true},
    {"SQLEndTran", SQL_API_SQLENDTRAN, false},
    {"SQLExecDirect", SQL_API_SQLEXECDIRECT, true},
    {"SQLPrepare", SQL_API_SQLPREPARE, true},
    {"SQLExecute", SQL_API_SQLEXECUTE, false},
    {"SQLBindParameter", SQL_API_SQLBINDPARAMETER, false},
    {"SQLSetParam", SQL_API_SQLSETPARAM, false},  // ODBC 1, kept by old applications
    {"SQLNumParams", SQL_API_SQLNUMPARAMS, false},
    {"SQLDescribeParam", SQL_API_SQLDESCRIBEPARAM, false},
    {"SQLParamData", SQL_API_SQLPARAMDATA, false},
    {"SQLPutData", SQL_API_SQLPUTDATA, false},
    {"SQLRowCount", SQL_API_SQLROWCOUNT, false},
    {"SQLMoreResults", SQL_API_SQLMORERESULTS, false},
    {"SQLCloseCursor", SQL_API_SQLCLOSECURSOR, false},
    {"SQLCancel", SQL_API_SQLCANCEL, false},
    {"SQLNativeSql", SQL_API_SQLNATIVESQL, true},
    {"SQLNumResultCols", SQL_API_SQLNUMRESULTCOLS, false},
    {"SQLDescribeCol", SQL_API_SQLDESCRIBECOL, true},
    {"SQLColAttribute", SQL_API_SQLCOLATTRIBUTE, true},
    {"SQLBindCol", SQL_API_SQLBINDCOL, false},
    {"SQLFetch", SQL_API_SQLFETCH, false},
    {"SQLFetchScroll", SQL_API_SQLFETCHSCROLL, false},
    {"SQLExtendedFetch", SQL_API_SQLEXTENDEDFETCH, false},  // ODBC 2; PHP's odbc extension calls it
    {"SQLGetData", SQL_API_SQLGETDATA, false},
    {"SQLGetDiagRec", SQL_API_SQLGETDIAGREC, true},
    {"SQLGetDiagField", SQL_API_SQLGETDIAGFIELD, true},
    {"SQLGetInfo", SQL_API_SQLGETINFO, true},
    {"SQLGetFunctions", SQL_API_SQLGETFUNCTIONS, false},
    {"SQLGetTypeInfo", SQL_API_SQLGETTYPEINFO, true},
    {"SQLTables", SQL_API_SQLTABLES, true},
    {"SQLColumns", SQL_API_SQLCOLUMNS, true},
    {"SQLPrimaryKeys", SQL_API_SQLPRIMARYKEYS, true},
    {"SQLStatistics", SQL_API_SQLSTATISTICS, true},
    {"SQLForeignKeys", SQL_API_SQLFOREIGNKEYS, true},
    {"SQLGetDescField", SQL_API_SQLGETDESCFIELD, true},
    {"SQLSetDescField", SQL_API_SQLSETDESCFIELD, true},
    {"SQLGetDescRec", SQL_API_SQLGETDESCREC, true},
    {"SQLSetDescRec", SQL_API_SQLSETDESCREC, false},
    {"SQLCopyDesc", SQL_API_SQLCOPYDESC, false},
    {"SQLProcedures", SQL_API_SQLPROCEDURES, true},
    {"SQLProcedureColumns", SQL_API_SQLPROCEDURECOLUMNS, true},
    {"SQLSpecialColumns", SQL_API_SQLSPECIALCOLUMNS, true},
    {"SQLTablePrivileges", SQL_API_SQLTABLEPRIVILEGES, true},
    {"SQLColumnPrivileges", SQL_API_SQLCOLUMNPRIVILEGES, true},
    {"SQLSetPos", SQL_API_SQLSETPOS, false},
    {"SQLBulkOperations", SQL_API_SQLBULKOPERATIONS, false},
    {"SQLGetCursorName", SQL_API_SQLGETCURSORNAME, true},
    {"SQLSetCursorName", SQL_API_SQLSETCURSORNAME, true},
    {"SQLCancelHandle", SQL_API_SQLCANCELHANDLE, false},
};

}  // namespace

const ExportedFunction* exported_functions() { return kFunctions; }
size_t exported_function_count() { return sizeof(kFunctions) / sizeof(kFunctions[0]); }

bool is_function_implemented(SQLUSMALLINT api_id) {
  for (const ExportedFunction& f : kFunctions) {
    if (f.api_id == api_id) return true;
  }
  return false;
}

void fill_odbc3_function_bitmap(SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE]) {
  std::memset(bitmap, 0, sizeof(SQLUSMALLINT) * SQL_API_ODBC3_ALL_FUNCTIONS_SIZE);
  for (const ExportedFunction& f : kFunctions) {
    bitmap[f.api_id >> 4] |= static_cast<SQLUSMALLINT>(1u << (f.api_id & 0xF));
  }
}

void fill_odbc2_function_array(SQLUSMALLINT flags[100]) {
  std::memset(flags, 0, sizeof(SQLUSMALLINT) * 100);
  for (const ExportedFunction& f : kFunctions) {
    if (f.api_id < 100) flags[f.api_id] = SQL_TRUE;
  }
}

}  // namespace fabodbc
