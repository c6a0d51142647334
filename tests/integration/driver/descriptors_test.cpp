// Descriptors through the driver manager: header and record fields of the implicit
// ARD/APD/IRD/IPD and of explicitly allocated descriptors, the read-only IRD, the consistency
// check, binding through SQLSetDescField/SQLSetDescRec for fetch and execute, SQLCopyDesc.
#include "odbc_fixture.h"

#include <cstring>

namespace fabodbc::itest {
namespace {

#define ASSERT_ODBC_OK(rc, type, handle) \
  ASSERT_TRUE(SQL_SUCCEEDED(rc)) << "rc=" << (rc) << " " << ::fabodbc::itest::all_diagnostics(type, handle)
#define ASSERT_ODBC_OK_STMT(rc, stmt) ASSERT_ODBC_OK(rc, SQL_HANDLE_STMT, stmt)

SQLHDESC stmt_desc(SQLHSTMT s, SQLINTEGER which) {
  SQLHDESC d = SQL_NULL_HDESC;
  EXPECT_ODBC_OK(SQLGetStmtAttr(s, which, &d, SQL_IS_POINTER, nullptr), SQL_HANDLE_STMT, s);
  return d;
}

SQLSMALLINT get_small(SQLHDESC d, SQLSMALLINT rec, SQLSMALLINT field) {
  SQLSMALLINT v = -12345;
  SQLRETURN rc = SQLGetDescField(d, rec, field, &v, SQL_IS_SMALLINT, nullptr);
  EXPECT_EQ(rc, SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DESC, d);
  return v;
}

SQLLEN get_len(SQLHDESC d, SQLSMALLINT rec, SQLSMALLINT field) {
  SQLLEN v = -12345;
  SQLRETURN rc = SQLGetDescField(d, rec, field, &v, SQL_IS_INTEGER, nullptr);
  EXPECT_EQ(rc, SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DESC, d);
  return v;
}

void* get_ptr(SQLHDESC d, SQLSMALLINT rec, SQLSMALLINT field) {
  void* v = reinterpret_cast<void*>(0x1);
  SQLRETURN rc = SQLGetDescField(d, rec, field, &v, SQL_IS_POINTER, nullptr);
  EXPECT_EQ(rc, SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DESC, d);
  return v;
}

SQLPOINTER as_value(SQLLEN v) { return reinterpret_cast<SQLPOINTER>(static_cast<intptr_t>(v)); }

std::string desc_state(SQLHDESC d) { return sqlstate(SQL_HANDLE_DESC, d); }

TEST(Descriptors, HeaderFieldsOfTheImplicitDescriptorsFollowTheStatementAttributes) {
  Connection c;
  Statement s(c);
  SQLHDESC ard = stmt_desc(s, SQL_ATTR_APP_ROW_DESC);
  SQLHDESC ird = stmt_desc(s, SQL_ATTR_IMP_ROW_DESC);
  SQLHDESC apd = stmt_desc(s, SQL_ATTR_APP_PARAM_DESC);
  SQLHDESC ipd = stmt_desc(s, SQL_ATTR_IMP_PARAM_DESC);
  EXPECT_EQ(get_small(ard, 0, SQL_DESC_ALLOC_TYPE), SQL_DESC_ALLOC_AUTO);
  EXPECT_EQ(get_small(ipd, 0, SQL_DESC_ALLOC_TYPE), SQL_DESC_ALLOC_AUTO);

  ASSERT_ODBC_OK_STMT(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, as_value(7), 0), s);
  EXPECT_EQ(get_len(ard, 0, SQL_DESC_ARRAY_SIZE), 7);
  // And the other way: the descriptor field is the statement attribute.
  ASSERT_EQ(SQLSetDescField(apd, 0, SQL_DESC_ARRAY_SIZE, as_value(5), 0), SQL_SUCCESS);
  SQLULEN paramset = 0;
  ASSERT_ODBC_OK_STMT(SQLGetStmtAttr(s, SQL_ATTR_PARAMSET_SIZE, &paramset, 0, nullptr), s);
  EXPECT_EQ(paramset, 5u);

  // The driver manager refuses IRD calls (HY007) before the statement is prepared.
  // (Three columns: SQLBindCol below binds column 3, and a prepared statement's column count
  // bounds what can be bound.)
  ASSERT_ODBC_OK_STMT(SQLPrepare(s, (SQLCHAR*)"SELECT 1, 2, 3", SQL_NTS), s);
  SQLULEN fetched = 0;
  ASSERT_ODBC_OK_STMT(SQLSetStmtAttr(s, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), s);
  EXPECT_EQ(get_ptr(ird, 0, SQL_DESC_ROWS_PROCESSED_PTR), &fetched);
  SQLLEN offset = 0;
  ASSERT_ODBC_OK_STMT(SQLSetStmtAttr(s, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0), s);
  EXPECT_EQ(get_ptr(ard, 0, SQL_DESC_BIND_OFFSET_PTR), &offset);
  ASSERT_ODBC_OK_STMT(SQLSetStmtAttr(s, SQL_ATTR_ROW_BIND_TYPE, as_value(64), 0), s);
  SQLINTEGER bind_type = 0;
  ASSERT_EQ(SQLGetDescField(ard, 0, SQL_DESC_BIND_TYPE, &bind_type, SQL_IS_INTEGER, nullptr), SQL_SUCCESS);
  EXPECT_EQ(bind_type, 64);
  SQLUSMALLINT statuses[7];
  ASSERT_EQ(SQLSetDescField(ird, 0, SQL_DESC_ARRAY_STATUS_PTR, statuses, SQL_IS_POINTER), SQL_SUCCESS)
      << all_diagnostics(SQL_HANDLE_DESC, ird);
  SQLPOINTER status_attr = nullptr;
  ASSERT_ODBC_OK_STMT(SQLGetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, &status_attr, 0, nullptr), s);
  EXPECT_EQ(status_attr, static_cast<SQLPOINTER>(statuses));

  // COUNT is the highest bound record.
  SQLINTEGER a = 0;
  SQLLEN ind = 0;
  EXPECT_EQ(get_small(ard, 0, SQL_DESC_COUNT), 0);
  ASSERT_ODBC_OK_STMT(SQLBindCol(s, 3, SQL_C_SLONG, &a, 0, &ind), s);
  EXPECT_EQ(get_small(ard, 0, SQL_DESC_COUNT), 3);
  EXPECT_EQ(get_small(ard, 3, SQL_DESC_CONCISE_TYPE), SQL_C_SLONG);
  EXPECT_EQ(get_ptr(ard, 3, SQL_DESC_DATA_PTR), &a);
  EXPECT_EQ(get_ptr(ard, 3, SQL_DESC_INDICATOR_PTR), &ind);
  // A record beyond COUNT: SQL_NO_DATA.
  SQLSMALLINT v = 0;
  EXPECT_EQ(SQLGetDescField(ard, 4, SQL_DESC_CONCISE_TYPE, &v, 0, nullptr), SQL_NO_DATA);
  // Setting COUNT lower unbinds the records above it.
  ASSERT_EQ(SQLSetDescField(ard, 0, SQL_DESC_COUNT, as_value(1), 0), SQL_SUCCESS);
  EXPECT_EQ(get_small(ard, 0, SQL_DESC_COUNT), 1);
  EXPECT_EQ(SQLGetDescField(ard, 3, SQL_DESC_CONCISE_TYPE, &v, 0, nullptr), SQL_NO_DATA);
}

TEST(Descriptors, FieldsADescriptorDoesNotHaveOrCannotChange) {
  Connection c;
  Statement s(c);
  SQLHDESC ard = stmt_desc(s, SQL_ATTR_APP_ROW_DESC);
  SQLHDESC ipd = stmt_desc(s, SQL_ATTR_IMP_PARAM_DESC);
  char name[32];
  SQLINTEGER len = 0;
  // SQL_DESC_NAME is an IRD/IPD field.
  EXPECT_EQ(SQLGetDescField(ard, 1, SQL_DESC_NAME, name, sizeof name, &len), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY091");
  // ALLOC_TYPE is read-only.
  EXPECT_EQ(SQLSetDescField(ard, 0, SQL_DESC_ALLOC_TYPE, as_value(SQL_DESC_ALLOC_USER), 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY091");
  // Unknown field identifier.
  EXPECT_EQ(SQLGetDescField(ard, 0, 31999, name, sizeof name, &len), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY091");
  // Record 0 of a parameter descriptor / the bookmark record.
  EXPECT_EQ(SQLSetDescField(ipd, 0, SQL_DESC_TYPE, as_value(SQL_INTEGER), 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ipd), "07009");
  // The ARD's record 0 is the bookmark: only bookmark types.
  EXPECT_EQ(SQLSetDescField(ard, 0, SQL_DESC_TYPE, as_value(SQL_C_SLONG), 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY021");
  // The IRD has no record 0 while bookmarks are off.
  SQLHDESC ird = stmt_desc(s, SQL_ATTR_IMP_ROW_DESC);
  ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)"SELECT 1", SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLLEN number = 0;
  EXPECT_EQ(SQLGetDescField(ird, 0, SQL_DESC_TYPE, &number, 0, nullptr), SQL_ERROR);
  EXPECT_EQ(desc_state(ird), "07009");
  SQLCloseCursor(s);
}

TEST(Descriptors, RecordZeroIsTheBookmark) {
  Connection c;
  Statement s(c);
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0),
                 SQL_HANDLE_STMT, s.get());
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_USE_BOOKMARKS, reinterpret_cast<SQLPOINTER>(SQL_UB_VARIABLE), 0),
                 SQL_HANDLE_STMT, s.get());
  SQLHDESC ard = stmt_desc(s, SQL_ATTR_APP_ROW_DESC);
  SQLHDESC ird = stmt_desc(s, SQL_ATTR_IMP_ROW_DESC);
  // Bind the bookmark through the ARD's record 0 instead of SQLBindCol(0).
  SQLULEN bookmark = 0;
  SQLLEN bookmark_len = 0;
  ASSERT_ODBC_OK(SQLSetDescField(ard, 0, SQL_DESC_TYPE, as_value(SQL_C_VARBOOKMARK), 0), SQL_HANDLE_DESC, ard);
  ASSERT_ODBC_OK(SQLSetDescField(ard, 0, SQL_DESC_OCTET_LENGTH, as_value(sizeof bookmark), 0), SQL_HANDLE_DESC, ard);
  ASSERT_ODBC_OK(SQLSetDescField(ard, 0, SQL_DESC_INDICATOR_PTR, &bookmark_len, 0), SQL_HANDLE_DESC, ard);
  ASSERT_ODBC_OK(SQLSetDescField(ard, 0, SQL_DESC_OCTET_LENGTH_PTR, &bookmark_len, 0), SQL_HANDLE_DESC, ard);
  ASSERT_ODBC_OK(SQLSetDescField(ard, 0, SQL_DESC_DATA_PTR, &bookmark, 0), SQL_HANDLE_DESC, ard);
  EXPECT_EQ(get_small(ard, 0, SQL_DESC_CONCISE_TYPE), SQL_C_VARBOOKMARK);
  EXPECT_EQ(get_small(ard, 0, SQL_DESC_COUNT), 0);  // SQL_DESC_COUNT does not count the bookmark record

  ASSERT_ODBC_OK(SQLExecDirect(s, (SQLCHAR*)"SELECT 'a' UNION ALL SELECT 'b' UNION ALL SELECT 'c'", SQL_NTS),
                 SQL_HANDLE_STMT, s.get());
  // The IRD describes the bookmark column; SQLDescribeCol(0) agrees.
  EXPECT_EQ(get_small(ird, 0, SQL_DESC_CONCISE_TYPE), SQL_BINARY);
  SQLSMALLINT described = 0, nullable = -1;
  SQLULEN size = 0;
  ASSERT_ODBC_OK(SQLDescribeCol(s, 0, nullptr, 0, nullptr, &described, &size, nullptr, &nullable), SQL_HANDLE_STMT,
                 s.get());
  EXPECT_EQ(described, SQL_BINARY);
  EXPECT_EQ(size, sizeof(SQLULEN));
  EXPECT_EQ(nullable, SQL_NO_NULLS);

  ASSERT_ODBC_OK(SQLFetchScroll(s, SQL_FETCH_ABSOLUTE, 3), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(bookmark_len, static_cast<SQLLEN>(sizeof bookmark));
  EXPECT_EQ(bookmark, 3u);  // the row's position: the third row
  SQLCloseCursor(s);
}

TEST(Descriptors, TheIrdDescribesTheResultAndIsReadOnly) {
  Connection c;
  Statement s(c);
  SQLHDESC ird = stmt_desc(s, SQL_ATTR_IMP_ROW_DESC);
  SQLSMALLINT count = -1;
  // Neither prepared nor executed.
  EXPECT_EQ(SQLGetDescField(ird, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_ERROR);
  EXPECT_EQ(desc_state(ird), "HY007");

  s.exec("CREATE OR REPLACE TABLE desc_ird (id INT NOT NULL, label VARCHAR(20), born DATE)");
  ASSERT_ODBC_OK_STMT(SQLPrepare(s, (SQLCHAR*)"SELECT id, label AS tag, born FROM desc_ird", SQL_NTS), s);
  EXPECT_EQ(get_small(ird, 0, SQL_DESC_COUNT), 3);
  char name[32] = {0};
  SQLINTEGER len = 0;
  ASSERT_EQ(SQLGetDescField(ird, 2, SQL_DESC_NAME, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "tag");
  EXPECT_EQ(len, 3);
  ASSERT_EQ(SQLGetDescField(ird, 2, SQL_DESC_BASE_COLUMN_NAME, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "label");
  EXPECT_EQ(get_small(ird, 1, SQL_DESC_CONCISE_TYPE), SQL_INTEGER);
  EXPECT_EQ(get_small(ird, 1, SQL_DESC_NULLABLE), SQL_NO_NULLS);
  EXPECT_EQ(get_small(ird, 3, SQL_DESC_TYPE), SQL_DATETIME);
  EXPECT_EQ(get_small(ird, 3, SQL_DESC_CONCISE_TYPE), SQL_TYPE_DATE);
  EXPECT_EQ(get_small(ird, 3, SQL_DESC_DATETIME_INTERVAL_CODE), SQL_CODE_DATE);
  SQLSMALLINT v = 0;
  EXPECT_EQ(SQLGetDescField(ird, 4, SQL_DESC_CONCISE_TYPE, &v, 0, nullptr), SQL_NO_DATA);

  SQLCHAR rec_name[32];
  SQLSMALLINT name_len = 0, type = 0, subtype = 0, precision = -1, scale = -1, nullable = -1;
  SQLLEN length = 0;
  ASSERT_EQ(SQLGetDescRec(ird, 2, rec_name, sizeof rec_name, &name_len, &type, &subtype, &length, &precision,
                          &scale, &nullable),
            SQL_SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char*>(rec_name), "tag");
  EXPECT_EQ(type, SQL_VARCHAR);  // an ANSI application (SQLDriverConnect) sees the narrow text types
  EXPECT_EQ(nullable, SQL_NULLABLE);
  EXPECT_EQ(SQLGetDescRec(ird, 9, rec_name, sizeof rec_name, &name_len, &type, &subtype, &length, &precision,
                          &scale, &nullable),
            SQL_NO_DATA);

  // Read-only, except the two header pointers.
  EXPECT_EQ(SQLSetDescField(ird, 1, SQL_DESC_CONCISE_TYPE, as_value(SQL_CHAR), 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ird), "HY016");
  EXPECT_EQ(SQLSetDescField(ird, 0, SQL_DESC_COUNT, as_value(1), 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ird), "HY016");
  EXPECT_EQ(SQLSetDescRec(ird, 1, SQL_CHAR, 0, 10, 0, 0, nullptr, nullptr, nullptr), SQL_ERROR);
  EXPECT_EQ(desc_state(ird), "HY016");
  SQLULEN rows = 0;
  EXPECT_EQ(SQLSetDescField(ird, 0, SQL_DESC_ROWS_PROCESSED_PTR, &rows, SQL_IS_POINTER), SQL_SUCCESS);

  // The wide forms: strings in UTF-16, lengths in bytes (field) or characters (record).
  SQLWCHAR wname[16];
  ASSERT_EQ(SQLGetDescFieldW(ird, 2, SQL_DESC_NAME, wname, sizeof wname, &len), SQL_SUCCESS);
  EXPECT_EQ(len, static_cast<SQLINTEGER>(3 * sizeof(SQLWCHAR)));
  EXPECT_EQ(wname[0], 't');
  EXPECT_EQ(wname[2], 'g');
  EXPECT_EQ(wname[3], 0);
  ASSERT_EQ(SQLGetDescRecW(ird, 1, wname, 16, &name_len, &type, &subtype, &length, &precision, &scale, &nullable),
            SQL_SUCCESS);
  EXPECT_EQ(name_len, 2);
  EXPECT_EQ(wname[0], 'i');
  EXPECT_EQ(type, SQL_INTEGER);
}

TEST(Descriptors, BindingThroughSetDescFieldIsSQLBindCol) {
  Connection c;
  Statement s(c);
  SQLHDESC ard = stmt_desc(s, SQL_ATTR_APP_ROW_DESC);
  SQLINTEGER n = 0;
  SQLLEN n_ind = 0;
  char text[16] = {0};
  SQLLEN text_len = 0;
  SQL_DATE_STRUCT date{};
  SQLLEN date_ind = 0;
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_CONCISE_TYPE, as_value(SQL_C_SLONG), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_INDICATOR_PTR, &n_ind, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &n, 0), SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DESC, ard);
  ASSERT_EQ(SQLSetDescRec(ard, 2, SQL_C_CHAR, 0, sizeof text, 0, 0, text, &text_len, &text_len), SQL_SUCCESS)
      << all_diagnostics(SQL_HANDLE_DESC, ard);
  // SQL_DATETIME + interval code makes the concise type.
  ASSERT_EQ(SQLSetDescField(ard, 3, SQL_DESC_TYPE, as_value(SQL_DATETIME), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ard, 3, SQL_DESC_DATETIME_INTERVAL_CODE, as_value(SQL_CODE_DATE), 0), SQL_SUCCESS);
  EXPECT_EQ(get_small(ard, 3, SQL_DESC_CONCISE_TYPE), SQL_C_TYPE_DATE);
  ASSERT_EQ(SQLSetDescField(ard, 3, SQL_DESC_INDICATOR_PTR, &date_ind, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ard, 3, SQL_DESC_DATA_PTR, &date, 0), SQL_SUCCESS);
  EXPECT_EQ(get_small(ard, 0, SQL_DESC_COUNT), 3);

  EXPECT_EQ(get_len(ard, 2, SQL_DESC_OCTET_LENGTH), 16);
  EXPECT_EQ(get_small(ard, 2, SQL_DESC_CONCISE_TYPE), SQL_C_CHAR);
  EXPECT_EQ(get_ptr(ard, 2, SQL_DESC_DATA_PTR), text);
  s.exec("SELECT 41 + 1, 'hello', DATE '2024-02-29'");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(n, 42);
  EXPECT_EQ(n_ind, static_cast<SQLLEN>(sizeof(SQLINTEGER)));
  EXPECT_STREQ(text, "hello");
  EXPECT_EQ(text_len, 5);
  EXPECT_EQ(date.year, 2024);
  EXPECT_EQ(date.month, 2);
  EXPECT_EQ(date.day, 29);
  ASSERT_ODBC_OK_STMT(SQLCloseCursor(s), s);

  // Setting a field other than the three pointers unbinds the record: column 2 is not written.
  ASSERT_EQ(SQLSetDescField(ard, 2, SQL_DESC_OCTET_LENGTH, as_value(8), 0), SQL_SUCCESS);
  EXPECT_EQ(get_ptr(ard, 2, SQL_DESC_DATA_PTR), nullptr);
  std::strcpy(text, "unchanged");
  s.exec("SELECT 7, 'other', DATE '2000-01-01'");
  text_len = 0;
  ASSERT_TRUE(SQL_SUCCEEDED(SQLFetch(s))) << s.diagnostics();  // the indicator alone stays bound
  EXPECT_EQ(text_len, 5);
  EXPECT_EQ(n, 7);
  EXPECT_STREQ(text, "unchanged");
}

TEST(Descriptors, ConsistencyCheckWhenTheDataPointerIsSet) {
  Connection c;
  Statement s(c);
  SQLHDESC ard = stmt_desc(s, SQL_ATTR_APP_ROW_DESC);
  SQL_NUMERIC_STRUCT num{};
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_TYPE, as_value(SQL_C_NUMERIC), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_PRECISION, as_value(70), 0), SQL_SUCCESS);
  EXPECT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &num, 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY021");
  EXPECT_EQ(get_ptr(ard, 1, SQL_DESC_DATA_PTR), nullptr);  // the failed check bound nothing
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_PRECISION, as_value(10), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_SCALE, as_value(11), 0), SQL_SUCCESS);
  EXPECT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &num, 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY021");
  ASSERT_EQ(SQLSetDescField(ard, 1, SQL_DESC_SCALE, as_value(2), 0), SQL_SUCCESS);
  EXPECT_EQ(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &num, 0), SQL_SUCCESS);

  // SQL_DATETIME without its interval code is incomplete.
  SQL_DATE_STRUCT date{};
  ASSERT_EQ(SQLSetDescField(ard, 2, SQL_DESC_TYPE, as_value(SQL_DATETIME), 0), SQL_SUCCESS);
  EXPECT_EQ(SQLSetDescField(ard, 2, SQL_DESC_DATA_PTR, &date, 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY021");
  // An unknown C type.
  EXPECT_EQ(SQLSetDescField(ard, 3, SQL_DESC_CONCISE_TYPE, as_value(4321), 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ard), "HY021");
}

TEST(Descriptors, ParametersThroughTheApdAndIpd) {
  Connection c;
  Statement s(c);
  SQLHDESC apd = stmt_desc(s, SQL_ATTR_APP_PARAM_DESC);
  SQLHDESC ipd = stmt_desc(s, SQL_ATTR_IMP_PARAM_DESC);
  SQLINTEGER value = 41;
  SQLLEN ind = 0;
  ASSERT_EQ(SQLSetDescField(apd, 1, SQL_DESC_CONCISE_TYPE, as_value(SQL_C_SLONG), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(apd, 1, SQL_DESC_INDICATOR_PTR, &ind, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(apd, 1, SQL_DESC_DATA_PTR, &value, 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_CONCISE_TYPE, as_value(SQL_INTEGER), 0), SQL_SUCCESS);
  ASSERT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_PARAMETER_TYPE, as_value(SQL_PARAM_INPUT), 0), SQL_SUCCESS);
  EXPECT_EQ(SQLSetDescField(ipd, 1, SQL_DESC_PARAMETER_TYPE, as_value(99), 0), SQL_ERROR);
  EXPECT_EQ(desc_state(ipd), "HY105");
  EXPECT_EQ(get_small(ipd, 1, SQL_DESC_PARAMETER_TYPE), SQL_PARAM_INPUT);
  EXPECT_EQ(s.scalar("SELECT ? + 1"), "42");

  // SQLBindParameter fills the same records.
  char text[8] = "abc";
  SQLLEN text_len = SQL_NTS;
  ASSERT_ODBC_OK_STMT(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 3, text, sizeof text,
                                       &text_len),
                      s);
  EXPECT_EQ(get_small(ipd, 0, SQL_DESC_COUNT), 2);
  EXPECT_EQ(get_small(ipd, 2, SQL_DESC_CONCISE_TYPE), SQL_DECIMAL);
  EXPECT_EQ(get_small(ipd, 2, SQL_DESC_PRECISION), 12);
  EXPECT_EQ(get_small(ipd, 2, SQL_DESC_SCALE), 3);
  EXPECT_EQ(get_small(ipd, 2, SQL_DESC_PARAMETER_TYPE), SQL_PARAM_INPUT);
  EXPECT_EQ(get_small(ipd, 2, SQL_DESC_NULLABLE), SQL_NULLABLE);
  EXPECT_EQ(get_small(apd, 2, SQL_DESC_CONCISE_TYPE), SQL_C_CHAR);
  EXPECT_EQ(get_len(apd, 2, SQL_DESC_OCTET_LENGTH), static_cast<SQLLEN>(sizeof text));
  EXPECT_EQ(get_ptr(apd, 2, SQL_DESC_OCTET_LENGTH_PTR), &text_len);
  // A named IPD record.
  ASSERT_EQ(SQLSetDescField(ipd, 2, SQL_DESC_NAME, (SQLPOINTER) "amount", SQL_NTS), SQL_SUCCESS);
  char name[16];
  SQLINTEGER len = 0;
  ASSERT_EQ(SQLGetDescField(ipd, 2, SQL_DESC_NAME, name, sizeof name, &len), SQL_SUCCESS);
  EXPECT_STREQ(name, "amount");
  EXPECT_EQ(get_small(ipd, 2, SQL_DESC_UNNAMED), SQL_NAMED);
}

TEST(Descriptors, ExplicitDescriptorAsArdAndBackToTheImplicitOne) {
  Connection c;
  Statement s(c);
  SQLHDESC implicit_ard = stmt_desc(s, SQL_ATTR_APP_ROW_DESC);
  SQLHDESC mine = SQL_NULL_HDESC;
  ASSERT_ODBC_OK(SQLAllocHandle(SQL_HANDLE_DESC, c.dbc(), &mine), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(get_small(mine, 0, SQL_DESC_ALLOC_TYPE), SQL_DESC_ALLOC_USER);
  EXPECT_EQ(get_len(mine, 0, SQL_DESC_ARRAY_SIZE), 1);

  SQLINTEGER from_explicit = 0, from_implicit = 0;
  SQLLEN ind1 = 0, ind2 = 0;
  ASSERT_EQ(SQLSetDescRec(mine, 1, SQL_C_SLONG, 0, 0, 0, 0, &from_explicit, &ind1, &ind1), SQL_SUCCESS)
      << all_diagnostics(SQL_HANDLE_DESC, mine);
  ASSERT_ODBC_OK_STMT(SQLBindCol(s, 1, SQL_C_SLONG, &from_implicit, 0, &ind2), s);
  ASSERT_ODBC_OK_STMT(SQLSetStmtAttr(s, SQL_ATTR_APP_ROW_DESC, mine, 0), s);
  EXPECT_EQ(stmt_desc(s, SQL_ATTR_APP_ROW_DESC), mine);
  s.exec("SELECT 11");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(from_explicit, 11);
  EXPECT_EQ(from_implicit, 0);
  ASSERT_ODBC_OK_STMT(SQLCloseCursor(s), s);

  // SQL_NULL_HDESC goes back to the implicit ARD with its own bindings.
  ASSERT_ODBC_OK_STMT(SQLSetStmtAttr(s, SQL_ATTR_APP_ROW_DESC, SQL_NULL_HDESC, 0), s);
  // (The driver manager keeps answering SQL_ATTR_APP_ROW_DESC with the explicit handle here;
  // what counts is that fetching writes the implicit ARD's buffers again.)
  s.exec("SELECT 12");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS) << s.diagnostics();
  EXPECT_EQ(from_implicit, 12);
  EXPECT_EQ(from_explicit, 11);
  ASSERT_ODBC_OK_STMT(SQLCloseCursor(s), s);

  // The implicit IRD cannot be freed; the explicit one can, and a statement using it falls back.
  ASSERT_ODBC_OK_STMT(SQLSetStmtAttr(s, SQL_ATTR_APP_ROW_DESC, mine, 0), s);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, mine), SQL_SUCCESS);
  EXPECT_EQ(stmt_desc(s, SQL_ATTR_APP_ROW_DESC), implicit_ard);
}

TEST(Descriptors, CopyDescBetweenStatementsAndFromTheIrd) {
  Connection c;
  Statement s1(c);
  Statement s2(c);
  SQLINTEGER a = 0;
  char b[16] = {0};
  SQLLEN a_ind = 0, b_ind = 0;
  ASSERT_ODBC_OK_STMT(SQLBindCol(s1, 1, SQL_C_SLONG, &a, 0, &a_ind), s1);
  ASSERT_ODBC_OK_STMT(SQLBindCol(s1, 2, SQL_C_CHAR, b, sizeof b, &b_ind), s1);
  SQLHDESC ard1 = stmt_desc(s1, SQL_ATTR_APP_ROW_DESC);
  SQLHDESC ard2 = stmt_desc(s2, SQL_ATTR_APP_ROW_DESC);
  ASSERT_EQ(SQLCopyDesc(ard1, ard2), SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DESC, ard2);
  EXPECT_EQ(get_small(ard2, 0, SQL_DESC_COUNT), 2);
  s2.exec("SELECT 5, 'copied'");
  ASSERT_EQ(SQLFetch(s2), SQL_SUCCESS) << s2.diagnostics();
  EXPECT_EQ(a, 5);
  EXPECT_STREQ(b, "copied");
  ASSERT_ODBC_OK_STMT(SQLCloseCursor(s2), s2);

  // The IRD can be a source (after execution) but never a target.
  SQLHDESC ird1 = stmt_desc(s1, SQL_ATTR_IMP_ROW_DESC);
  EXPECT_EQ(SQLCopyDesc(ard1, ird1), SQL_ERROR);
  EXPECT_EQ(desc_state(ird1), "HY016");
  SQLHDESC mine = SQL_NULL_HDESC;
  ASSERT_ODBC_OK(SQLAllocHandle(SQL_HANDLE_DESC, c.dbc(), &mine), SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(SQLCopyDesc(ird1, mine), SQL_ERROR);  // s1 was never executed
  EXPECT_EQ(desc_state(mine), "HY007");
  s1.exec("SELECT CAST(1 AS SIGNED) AS x, 'y' AS y, 2.5 AS z");
  ASSERT_EQ(SQLCopyDesc(ird1, mine), SQL_SUCCESS) << all_diagnostics(SQL_HANDLE_DESC, mine);
  EXPECT_EQ(get_small(mine, 0, SQL_DESC_COUNT), 3);
  EXPECT_EQ(get_small(mine, 3, SQL_DESC_CONCISE_TYPE), SQL_DECIMAL);
  EXPECT_EQ(get_small(mine, 3, SQL_DESC_SCALE), 1);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, mine), SQL_SUCCESS);
}

TEST(Descriptors, GetFunctionsReportsTheDescriptorFunctions) {
  Connection c;
  for (SQLUSMALLINT id : {SQL_API_SQLGETDESCFIELD, SQL_API_SQLSETDESCFIELD, SQL_API_SQLGETDESCREC,
                          SQL_API_SQLSETDESCREC, SQL_API_SQLCOPYDESC}) {
    SQLUSMALLINT supported = SQL_FALSE;
    ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), id, &supported), SQL_HANDLE_DBC, c.dbc());
    EXPECT_EQ(supported, SQL_TRUE) << "function " << id;
  }
  SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE] = {0};
  ASSERT_ODBC_OK(SQLGetFunctions(c.dbc(), SQL_API_ODBC3_ALL_FUNCTIONS, bitmap), SQL_HANDLE_DBC, c.dbc());
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLCOPYDESC));
  EXPECT_TRUE(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLSETDESCREC));
}

}  // namespace
}  // namespace fabodbc::itest
