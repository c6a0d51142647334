// Executing: server errors as SQLSTATEs, prepare with metadata before execute, parameters,
// row counts, statement attributes, two statements on one connection.
#include "odbc_fixture.h"

namespace fabodbc::itest {
namespace {

class Execute : public ::testing::Test {
 protected:
  void SetUp() override {
    s.exec("CREATE TABLE IF NOT EXISTS exec_t (id INT PRIMARY KEY, name VARCHAR(32))");
    s.exec("DELETE FROM exec_t");
    s.exec("INSERT INTO exec_t VALUES (1,'one'),(2,'two'),(3,'three')");
  }
  Connection c;
  Statement s{c};
};

TEST_F(Execute, ServerErrorsMapToSqlstates) {
  struct Case {
    const char* sql;
    const char* state;
    int native;
  } cases[] = {
      {"SELEC 1", "42000", 1064},
      {"SELECT * FROM no_such_table_xyz", "42S02", 1146},
      {"SELECT no_such_column FROM exec_t", "42S22", 1054},
      {"INSERT INTO exec_t VALUES (1, 'dup')", "23000", 1062},
  };
  for (const Case& k : cases) {
    EXPECT_EQ(s.try_exec(k.sql), SQL_ERROR) << k.sql;
    EXPECT_EQ(s.state(), k.state) << k.sql << " " << s.diagnostics();
    SQLINTEGER native = 0;
    SQLGetDiagField(SQL_HANDLE_STMT, s, 1, SQL_DIAG_NATIVE, &native, 0, nullptr);
    EXPECT_EQ(native, k.native) << k.sql;
    std::string m = diag_message(SQL_HANDLE_STMT, s);
    EXPECT_EQ(m.rfind("[fabodbc]", 0), 0u) << m;
  }
  std::string m = (s.try_exec("SELECT * FROM no_such_table_xyz"), diag_message(SQL_HANDLE_STMT, s));
  EXPECT_NE(m.find("no_such_table_xyz"), std::string::npos) << m;
}

TEST_F(Execute, RowCountOfDml) {
  s.exec("UPDATE exec_t SET name = CONCAT(name, '!') WHERE id >= 2");
  // The header field describes the last execution (read before any other call on the handle).
  SQLLEN diag_rows = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_STMT, s, 0, SQL_DIAG_ROW_COUNT, &diag_rows, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(diag_rows, 2);
  SQLLEN n = 0;
  EXPECT_ODBC_OK(SQLRowCount(s, &n), SQL_HANDLE_STMT, s);
  EXPECT_EQ(n, 2);
}

TEST_F(Execute, PrepareGivesMetadataBeforeExecute) {
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"SELECT id, name FROM exec_t WHERE id > ? ORDER BY id", SQL_NTS),
                 SQL_HANDLE_STMT, s);
  SQLSMALLINT cols = 0, params = 0;
  EXPECT_ODBC_OK(SQLNumResultCols(s, &cols), SQL_HANDLE_STMT, s);
  EXPECT_EQ(cols, 2);
  EXPECT_ODBC_OK(SQLNumParams(s, &params), SQL_HANDLE_STMT, s);
  EXPECT_EQ(params, 1);
  SQLCHAR name[32];
  SQLSMALLINT name_len = 0, type = 0, digits = 0, nullable = 0;
  SQLULEN size = 0;
  EXPECT_ODBC_OK(SQLDescribeCol(s, 2, name, sizeof name, &name_len, &type, &size, &digits, &nullable),
                 SQL_HANDLE_STMT, s);
  EXPECT_STREQ(reinterpret_cast<char*>(name), "name");
  EXPECT_TRUE(type == SQL_VARCHAR || type == SQL_WVARCHAR) << type;
  EXPECT_EQ(size, 32u);

  SQLSMALLINT ptype = 0, pdigits = -1, pnullable = -1;
  SQLULEN psize = 0;
  EXPECT_ODBC_OK(SQLDescribeParam(s, 1, &ptype, &psize, &pdigits, &pnullable), SQL_HANDLE_STMT, s);
  EXPECT_EQ(ptype, SQL_VARCHAR);  // a marker in a WHERE clause: MySQL does not describe it
  EXPECT_EQ(pnullable, SQL_NULLABLE_UNKNOWN);
  EXPECT_EQ(SQLDescribeParam(s, 2, &ptype, &psize, &pdigits, &pnullable), SQL_ERROR);
  EXPECT_EQ(s.state(), "07009");
  SQLINTEGER min_id = 1;
  SQLLEN ind = 0;
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &min_id, 0, &ind),
                 SQL_HANDLE_STMT, s);
  ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
  auto r = s.rows();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0][1], "two");
  // Re-execute with another value: same prepared statement.
  min_id = 2;
  ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
  r = s.rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "3");
}

TEST_F(Execute, ExecDirectWithBoundParameters) {
  char name[] = "it's \"quoted\" \\ ok";
  SQLLEN name_ind = SQL_NTS;
  SQLINTEGER id = 10;
  SQLLEN id_ind = 0;
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind),
                 SQL_HANDLE_STMT, s);
  ASSERT_ODBC_OK(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 32, 0, name, 0, &name_ind),
                 SQL_HANDLE_STMT, s);
  s.exec("INSERT INTO exec_t VALUES (?, ?) /* a ? in a comment */");
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT name FROM exec_t WHERE id = 10"), name);
}

TEST_F(Execute, DataAtExecutionParameters) {
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    SQLFreeStmt(s, SQL_CLOSE);
    SQLFreeStmt(s, SQL_RESET_PARAMS);
    SQLINTEGER id = prepared ? 21 : 20;
    SQLLEN id_ind = 0;
    SQLLEN name_ind = SQL_LEN_DATA_AT_EXEC(0);
    int token = 7;  // what SQLParamData hands back for the parameter
    ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind),
                   SQL_HANDLE_STMT, s);
    ASSERT_ODBC_OK(SQLBindParameter(s, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 32, 0, &token, 0, &name_ind),
                   SQL_HANDLE_STMT, s);
    const char* sql = "INSERT INTO exec_t VALUES (?, ?)";
    SQLRETURN rc;
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s);
      rc = SQLExecute(s);
    } else {
      rc = SQLExecDirect(s, (SQLCHAR*)sql, SQL_NTS);
    }
    ASSERT_EQ(rc, SQL_NEED_DATA) << s.diagnostics();
    SQLPOINTER got = nullptr;
    ASSERT_EQ(SQLParamData(s, &got), SQL_NEED_DATA) << s.diagnostics();
    EXPECT_EQ(got, &token);
    ASSERT_ODBC_OK(SQLPutData(s, (SQLPOINTER) "in ", 3), SQL_HANDLE_STMT, s);
    ASSERT_ODBC_OK(SQLPutData(s, (SQLPOINTER) "pieces", SQL_NTS), SQL_HANDLE_STMT, s);
    ASSERT_ODBC_OK(SQLParamData(s, &got), SQL_HANDLE_STMT, s);
  }
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(name ORDER BY id) FROM exec_t WHERE id IN (20, 21)"),
            "in pieces,in pieces");
}

TEST_F(Execute, EscapeSequencesAreTranslated) {
  // ODBC LENGTH counts characters without trailing blanks; MySQL's LENGTH counts bytes.
  EXPECT_EQ(s.scalar("SELECT {fn LENGTH('h\xC3\xA9  ')}"), "2");
  ASSERT_ODBC_OK(SQLPrepare(s, (SQLCHAR*)"SELECT {fn UCASE(?)}, {d '2024-01-02'}", SQL_NTS), SQL_HANDLE_STMT, s);
  char in[] = "ab";
  SQLLEN in_ind = SQL_NTS;
  ASSERT_ODBC_OK(SQLBindParameter(s, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 2, 0, in, 0, &in_ind),
                 SQL_HANDLE_STMT, s);
  ASSERT_ODBC_OK(SQLExecute(s), SQL_HANDLE_STMT, s);
  auto r = s.rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0][0], "AB");
  EXPECT_EQ(r[0][1], "2024-01-02");
  SQLFreeStmt(s, SQL_RESET_PARAMS);
  // SQL_ATTR_NOSCAN: the text goes to the server as written.
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_NOSCAN, reinterpret_cast<SQLPOINTER>(SQL_NOSCAN_ON), 0), SQL_HANDLE_STMT, s);
  EXPECT_EQ(s.scalar("SELECT {fn LENGTH('ab  ')}"), "4");
  // SQLNativeSql shows the translation.
  SQLCHAR out[256];
  SQLINTEGER len = 0;
  ASSERT_ODBC_OK(SQLNativeSql(c.dbc(), (SQLCHAR*)"SELECT {fn UCASE('x')}", SQL_NTS, out, sizeof out, &len),
                 SQL_HANDLE_DBC, c.dbc());
  EXPECT_EQ(std::string(reinterpret_cast<char*>(out)).find("{fn"), std::string::npos) << out;
}

TEST_F(Execute, ParameterArraysColumnWise) {
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "direct");
    Statement st(c);
    const SQLINTEGER base = prepared ? 200 : 100;
    SQLINTEGER ids[3] = {base + 1, 2, base + 3};  // id 2 exists already: the middle set fails
    SQLLEN id_ind[3] = {0, 0, 0};
    char names[3][8] = {"a", "b", "c"};
    SQLLEN name_ind[3] = {SQL_NTS, SQL_NTS, SQL_NULL_DATA};
    SQLUSMALLINT status[3] = {99, 99, 99};
    SQLULEN processed = 0;
    // A query timeout keeps the set-by-set path (the bulk protocol cannot carry the SET
    // STATEMENT prefix), whose statuses are per set; param_array_bulk_test.cpp covers bulk.
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(30), 0), SQL_HANDLE_STMT,
                   st);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(3), 0), SQL_HANDLE_STMT, st);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), SQL_HANDLE_STMT, st);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0), SQL_HANDLE_STMT, st);
    ASSERT_ODBC_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, id_ind),
                   SQL_HANDLE_STMT, st);
    ASSERT_ODBC_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 7, 0, names, sizeof names[0],
                                    name_ind),
                   SQL_HANDLE_STMT, st);
    const char* sql = "INSERT INTO exec_t VALUES (?, ?)";
    SQLRETURN rc;
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(st, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, st);
      rc = SQLExecute(st);
    } else {
      rc = SQLExecDirect(st, (SQLCHAR*)sql, SQL_NTS);
    }
    EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO) << st.diagnostics();
    EXPECT_EQ(st.state(), "23000");
    EXPECT_EQ(processed, 3u);
    EXPECT_EQ(status[0], SQL_PARAM_SUCCESS);
    EXPECT_EQ(status[1], SQL_PARAM_ERROR);
    EXPECT_EQ(status[2], SQL_PARAM_SUCCESS);
    SQLLEN count = 0;
    EXPECT_ODBC_OK(SQLRowCount(st, &count), SQL_HANDLE_STMT, st);
    EXPECT_EQ(count, 2);
    SQLFreeStmt(st, SQL_RESET_PARAMS);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0), SQL_HANDLE_STMT, st);
    std::string check = "SELECT CONCAT(id, ':', COALESCE(name, 'NULL')) FROM exec_t WHERE id IN (" +
                        std::to_string(base + 1) + "," + std::to_string(base + 3) + ") ORDER BY id";
    st.exec(check);
    auto r = st.rows();
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0][0], std::to_string(base + 1) + ":a");
    EXPECT_EQ(r[1][0], std::to_string(base + 3) + ":NULL");
  }
}

TEST_F(Execute, ParameterArraysRowWiseWithIgnoredSets) {
  struct Row {
    SQLINTEGER id;
    SQLLEN id_ind;
    char name[8];
    SQLLEN name_ind;
  } rows[3] = {{301, 0, "x", SQL_NTS}, {302, 0, "y", SQL_NTS}, {303, 0, "z", SQL_NTS}};
  SQLUSMALLINT operations[3] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED};
  SQLUSMALLINT status[3] = {99, 99, 99};
  Statement st(c);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(Row)), 0),
                 SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(3), 0), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_OPERATION_PTR, operations, 0), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &rows[0].id, 0,
                                  &rows[0].id_ind),
                 SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 7, 0, rows[0].name,
                                  sizeof rows[0].name, &rows[0].name_ind),
                 SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLPrepare(st, (SQLCHAR*)"INSERT INTO exec_t VALUES (?, ?)", SQL_NTS), SQL_HANDLE_STMT, st);
  ASSERT_EQ(SQLExecute(st), SQL_SUCCESS) << st.diagnostics();
  EXPECT_EQ(status[0], SQL_PARAM_SUCCESS);
  EXPECT_EQ(status[1], SQL_PARAM_UNUSED);
  EXPECT_EQ(status[2], SQL_PARAM_SUCCESS);
  EXPECT_EQ(s.scalar("SELECT GROUP_CONCAT(name ORDER BY id) FROM exec_t WHERE id > 300"), "x,z");
}

TEST_F(Execute, MissingParameterIs07002) {
  EXPECT_EQ(s.try_exec("SELECT ? + 1"), SQL_ERROR);
  EXPECT_EQ(s.state(), "07002");
}

TEST_F(Execute, ExecuteWithoutPrepareIsHY010) {
  // The driver manager catches this sequence error itself; the SQLSTATE is what matters.
  EXPECT_EQ(SQLExecute(s), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY010");
}

TEST_F(Execute, MaxRowsStopsFetching) {
  EXPECT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(2), 0), SQL_HANDLE_STMT, s);
  s.exec("SELECT seq FROM seq_1_to_1000");
  EXPECT_EQ(s.rows().size(), 2u);
  // The rest was dropped: the connection is usable at once.
  EXPECT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(0), 0), SQL_HANDLE_STMT, s);
  EXPECT_EQ(s.scalar("SELECT COUNT(*) FROM exec_t"), "3");
}

TEST_F(Execute, CursorTypeAttributes) {
  Statement s(c);  // fresh: statement attributes are set before execution
  SQLRETURN rc = SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_DYNAMIC), 0);
  EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(s.state(), "01S02");
  SQLULEN type = 99;
  EXPECT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr), SQL_HANDLE_STMT, s);
  EXPECT_EQ(type, static_cast<SQLULEN>(SQL_CURSOR_STATIC));  // the closest supported type
  EXPECT_EQ(SQLSetStmtAttr(s, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_FORWARD_ONLY), 0),
            SQL_SUCCESS);
  EXPECT_EQ(SQLSetStmtAttr(s, 424242, nullptr, 0), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY092");
  EXPECT_EQ(SQLSetStmtAttr(s, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(0), 0), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY024");
}

TEST_F(Execute, ForwardOnlyCursorRefusesScrolling) {
  s.exec("SELECT seq FROM seq_1_to_3");
  EXPECT_EQ(SQLFetchScroll(s, SQL_FETCH_LAST, 0), SQL_ERROR);
  EXPECT_EQ(s.state(), "HY106");
}

TEST_F(Execute, StaticCursorScrolls) {
  for (bool prepared : {false, true}) {
    SCOPED_TRACE(prepared ? "prepared" : "text");
    Statement st(c);
    ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0),
                   SQL_HANDLE_STMT, st);
    const char* sql = "SELECT seq FROM seq_1_to_10";
    if (prepared) {
      ASSERT_ODBC_OK(SQLPrepare(st, (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, st);
      ASSERT_ODBC_OK(SQLExecute(st), SQL_HANDLE_STMT, st);
    } else {
      st.exec(sql);
    }
    SQLINTEGER v = 0;
    SQLLEN ind = 0;
    ASSERT_ODBC_OK(SQLBindCol(st, 1, SQL_C_SLONG, &v, 0, &ind), SQL_HANDLE_STMT, st);
    struct Step {
      SQLSMALLINT orientation;
      SQLLEN offset;
      SQLRETURN rc;
      SQLINTEGER value;
    } steps[] = {
        {SQL_FETCH_NEXT, 0, SQL_SUCCESS, 1},      {SQL_FETCH_LAST, 0, SQL_SUCCESS, 10},
        {SQL_FETCH_PRIOR, 0, SQL_SUCCESS, 9},     {SQL_FETCH_ABSOLUTE, 3, SQL_SUCCESS, 3},
        {SQL_FETCH_RELATIVE, 2, SQL_SUCCESS, 5},  {SQL_FETCH_ABSOLUTE, -2, SQL_SUCCESS, 9},
        {SQL_FETCH_FIRST, 0, SQL_SUCCESS, 1},     {SQL_FETCH_PRIOR, 0, SQL_NO_DATA, 0},
        {SQL_FETCH_NEXT, 0, SQL_SUCCESS, 1},      {SQL_FETCH_ABSOLUTE, 11, SQL_NO_DATA, 0},
        {SQL_FETCH_PRIOR, 0, SQL_SUCCESS, 10},    {SQL_FETCH_NEXT, 0, SQL_NO_DATA, 0},
    };
    for (const Step& step : steps) {
      v = 0;
      EXPECT_EQ(SQLFetchScroll(st, step.orientation, step.offset), step.rc)
          << "orientation " << step.orientation << " offset " << step.offset << " " << st.diagnostics();
      if (step.rc == SQL_SUCCESS) {
        EXPECT_EQ(v, step.value) << "orientation " << step.orientation;
      }
    }
  }
}

TEST_F(Execute, RowArraysColumnWise) {
  Statement st(c);
  SQLINTEGER values[4];
  SQLLEN ind[4];
  char names[4][8];
  SQLLEN name_ind[4];
  SQLULEN fetched = 0;
  SQLUSMALLINT status[4];
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(4), 0), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0), SQL_HANDLE_STMT, st);
  st.exec("SELECT seq, CONCAT('n', seq) FROM seq_1_to_10");
  ASSERT_ODBC_OK(SQLBindCol(st, 1, SQL_C_SLONG, values, 0, ind), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLBindCol(st, 2, SQL_C_CHAR, names, sizeof names[0], name_ind), SQL_HANDLE_STMT, st);
  std::vector<SQLINTEGER> seen;
  std::vector<SQLULEN> sizes;
  SQLRETURN rc;
  while ((rc = SQLFetch(st)) == SQL_SUCCESS) {
    sizes.push_back(fetched);
    for (SQLULEN i = 0; i < fetched; ++i) {
      EXPECT_EQ(status[i], SQL_ROW_SUCCESS);
      EXPECT_EQ(std::string(names[i]), "n" + std::to_string(values[i]));
      seen.push_back(values[i]);
    }
  }
  EXPECT_EQ(rc, SQL_NO_DATA);
  EXPECT_EQ(sizes, (std::vector<SQLULEN>{4, 4, 2}));
  EXPECT_EQ(seen, (std::vector<SQLINTEGER>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

TEST_F(Execute, RowArraysRowWiseOnAStaticCursor) {
  struct Row {
    SQLINTEGER value;
    SQLLEN ind;
  } rows[3];
  Statement st(c);
  SQLULEN fetched = 0;
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0),
                 SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(3), 0), SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(Row)), 0),
                 SQL_HANDLE_STMT, st);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_HANDLE_STMT, st);
  st.exec("SELECT seq FROM seq_1_to_10");
  ASSERT_ODBC_OK(SQLBindCol(st, 1, SQL_C_SLONG, &rows[0].value, 0, &rows[0].ind), SQL_HANDLE_STMT, st);
  ASSERT_EQ(SQLFetchScroll(st, SQL_FETCH_LAST, 0), SQL_SUCCESS);
  EXPECT_EQ(fetched, 3u);
  EXPECT_EQ(rows[0].value, 8);
  EXPECT_EQ(rows[2].value, 10);
  ASSERT_EQ(SQLFetchScroll(st, SQL_FETCH_PRIOR, 0), SQL_SUCCESS);
  EXPECT_EQ(rows[0].value, 5);
  ASSERT_EQ(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 9), SQL_SUCCESS);
  EXPECT_EQ(fetched, 2u);
  EXPECT_EQ(rows[0].value, 9);
  EXPECT_EQ(rows[1].value, 10);
  // SQL_GD_BLOCK: SQLGetData reads the rowset's first row until SQLSetPos names another.
  SQLINTEGER v = 0;
  EXPECT_ODBC_OK(SQLGetData(st, 1, SQL_C_SLONG, &v, 0, nullptr), SQL_HANDLE_STMT, st);
  EXPECT_EQ(v, 9);
  ASSERT_ODBC_OK(SQLSetPos(st, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st);
  EXPECT_ODBC_OK(SQLGetData(st, 1, SQL_C_SLONG, &v, 0, nullptr), SQL_HANDLE_STMT, st);
  EXPECT_EQ(v, 10);
}

TEST_F(Execute, ImplicitDescriptorsAreRealHandles) {
  SQLHDESC ard = nullptr, ird = nullptr;
  EXPECT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_HANDLE_STMT, s);
  EXPECT_ODBC_OK(SQLGetStmtAttr(s, SQL_ATTR_IMP_ROW_DESC, &ird, 0, nullptr), SQL_HANDLE_STMT, s);
  EXPECT_NE(ard, nullptr);
  EXPECT_NE(ird, nullptr);
  EXPECT_NE(ard, ird);
  // An implicit descriptor cannot be freed.
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_DESC, ard), SQL_ERROR);
}

TEST_F(Execute, TwoStatementsShareTheConnection) {
  Statement other(c);
  s.exec("SELECT seq FROM seq_1_to_5000");
  ASSERT_ODBC_OK(SQLFetch(s), SQL_HANDLE_STMT, s);
  SQLINTEGER v = 0;
  SQLLEN ind = 0;
  ASSERT_ODBC_OK(SQLGetData(s, 1, SQL_C_SLONG, &v, 0, &ind), SQL_HANDLE_STMT, s);
  EXPECT_EQ(v, 1);
  // A second statement runs while the first result is still streaming.
  EXPECT_EQ(other.scalar("SELECT name FROM exec_t WHERE id = 2"), "two");
  // The first one continues where it was (its value was already read: SQL_NO_DATA).
  EXPECT_EQ(SQLGetData(s, 1, SQL_C_SLONG, &v, 0, &ind), SQL_NO_DATA);
  long long sum = 1, rows = 1;
  while (SQLFetch(s) == SQL_SUCCESS) {
    SQLGetData(s, 1, SQL_C_SLONG, &v, 0, &ind);
    sum += v;
    ++rows;
  }
  EXPECT_EQ(rows, 5000);
  EXPECT_EQ(sum, 5000LL * 5001 / 2);
}

TEST_F(Execute, FreeingAPreparedStatementWhileAnotherStreams) {
  // Closing a server-side prepared statement sends a command: the streaming result of the
  // other statement must be set aside first, not corrupted.
  SQLHSTMT prepared = SQL_NULL_HSTMT;
  ASSERT_EQ(SQLAllocHandle(SQL_HANDLE_STMT, c.dbc(), &prepared), SQL_SUCCESS);
  ASSERT_ODBC_OK(SQLPrepare(prepared, (SQLCHAR*)"SELECT name FROM exec_t WHERE id = ?", SQL_NTS), SQL_HANDLE_STMT,
                 prepared);
  s.exec("SELECT seq FROM seq_1_to_3000");
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, prepared), SQL_SUCCESS);
  long rows = 1;
  while (SQLFetch(s) == SQL_SUCCESS) ++rows;
  EXPECT_EQ(rows, 3000);
  EXPECT_EQ(s.scalar("SELECT 42"), "42");
}

TEST_F(Execute, ExtendedFetchAndStaticRowCount) {
  Statement st(c);
  ASSERT_ODBC_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0),
                 SQL_HANDLE_STMT, st);
  st.exec("SELECT seq FROM seq_1_to_7");
  SQLLEN count = 0;
  EXPECT_ODBC_OK(SQLRowCount(st, &count), SQL_HANDLE_STMT, st);
  EXPECT_EQ(count, 7);  // a static cursor knows its rows
  SQLINTEGER v = 0;
  SQLLEN ind = 0;
  ASSERT_ODBC_OK(SQLBindCol(st, 1, SQL_C_SLONG, &v, 0, &ind), SQL_HANDLE_STMT, st);
  SQLULEN rows = 0;
  SQLUSMALLINT status = 99;
  ASSERT_EQ(SQLExtendedFetch(st, SQL_FETCH_ABSOLUTE, 5, &rows, &status), SQL_SUCCESS) << st.diagnostics();
  EXPECT_EQ(v, 5);
  EXPECT_EQ(rows, 1u);
  EXPECT_EQ(status, SQL_ROW_SUCCESS);
  ASSERT_EQ(SQLExtendedFetch(st, SQL_FETCH_NEXT, 0, &rows, &status), SQL_SUCCESS);
  EXPECT_EQ(v, 6);
}

TEST_F(Execute, BoundColumnsAndRowStatus) {
  SQLINTEGER id = 0;
  char name[8];
  SQLLEN id_ind = 0, name_ind = 0;
  SQLULEN fetched = 0;
  SQLUSMALLINT status = 99;
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_HANDLE_STMT, s);
  ASSERT_ODBC_OK(SQLSetStmtAttr(s, SQL_ATTR_ROW_STATUS_PTR, &status, 0), SQL_HANDLE_STMT, s);
  s.exec("SELECT id, name FROM exec_t ORDER BY id");
  ASSERT_ODBC_OK(SQLBindCol(s, 1, SQL_C_SLONG, &id, 0, &id_ind), SQL_HANDLE_STMT, s);
  ASSERT_ODBC_OK(SQLBindCol(s, 2, SQL_C_CHAR, name, 4, &name_ind), SQL_HANDLE_STMT, s);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  EXPECT_EQ(id, 1);
  EXPECT_STREQ(name, "one");
  EXPECT_EQ(fetched, 1u);
  EXPECT_EQ(status, SQL_ROW_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS);
  ASSERT_EQ(SQLFetch(s), SQL_SUCCESS_WITH_INFO);  // "three" does not fit in 4 bytes
  EXPECT_EQ(s.state(), "01004");
  EXPECT_STREQ(name, "thr");
  EXPECT_EQ(name_ind, 5);
  EXPECT_EQ(status, SQL_ROW_SUCCESS_WITH_INFO);
  EXPECT_EQ(SQLFetch(s), SQL_NO_DATA);
  EXPECT_EQ(fetched, 0u);
}

}  // namespace
}  // namespace fabodbc::itest
