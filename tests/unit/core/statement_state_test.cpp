// Statement state machine and attribute checks that need no server: a Statement on a
// connection that was never opened.
#include "driver/connection/connection.h"
#include "driver/environment.h"
#include "driver/error.h"
#include "driver/statement/statement.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

namespace fabodbc {
namespace {

std::string state_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
  return "";
}

class StatementState : public ::testing::Test {
 protected:
  StatementState() {
    env_ = std::make_unique<Environment>();
    env_->set_attr(SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    connection_ = env_->allocate_connection();
    statement_ = std::make_unique<Statement>(*connection_);
  }
  ~StatementState() override {
    statement_.reset();
    env_->free_connection(connection_);
  }
  std::unique_ptr<Environment> env_;
  Connection* connection_ = nullptr;
  std::unique_ptr<Statement> statement_;
};

TEST_F(StatementState, NothingExecutedYet) {
  Statement& s = *statement_;
  EXPECT_EQ(state_of([&] { s.fetch(); }), "HY010");
  EXPECT_EQ(state_of([&] { s.num_result_cols(); }), "HY010");
  EXPECT_EQ(state_of([&] { s.row_count(); }), "HY010");
  EXPECT_EQ(state_of([&] { s.execute(); }), "HY010");
  EXPECT_EQ(state_of([&] { s.num_params(); }), "HY010");
  EXPECT_EQ(state_of([&] { s.column(1); }), "HY010");
  EXPECT_EQ(state_of([&] { s.param_data(nullptr); }), "HY010");
  EXPECT_EQ(state_of([&] { s.put_data(nullptr, 0); }), "HY010");
  char buf[4];
  SQLLEN ind;
  EXPECT_EQ(state_of([&] { s.get_data(1, SQL_C_CHAR, buf, sizeof buf, &ind); }), "HY010");
  EXPECT_EQ(state_of([&] { s.close_cursor(true); }), "24000");
  EXPECT_EQ(s.more_results(), SQL_NO_DATA);
  // Executing needs an open connection.
  EXPECT_EQ(state_of([&] { s.exec_direct("SELECT 1"); }), "08003");
}

TEST_F(StatementState, BindingChecks) {
  Statement& s = *statement_;
  SQLINTEGER v;
  SQLLEN ind;
  EXPECT_EQ(state_of([&] { s.bind_col(0, SQL_C_SLONG, &v, 0, &ind); }), "07009");
  EXPECT_EQ(state_of([&] { s.bind_col(1, 4242, &v, 0, &ind); }), "HY003");
  EXPECT_EQ(state_of([&] { s.bind_col(1, SQL_C_CHAR, &v, -1, &ind); }), "HY090");
  EXPECT_EQ(state_of([&] { s.bind_col(2, SQL_C_SLONG, &v, 0, &ind); }), "");
  EXPECT_EQ(s.ard().count(), 2);
  s.bind_col(2, SQL_C_SLONG, nullptr, 0, nullptr);  // unbinds
  EXPECT_EQ(s.ard().count(), 0);
  EXPECT_EQ(state_of([&] { s.bind_parameter(0, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, &ind); }),
            "07009");
  // Output parameters are accepted (procedure calls); streamed output is not; 77 is no type.
  EXPECT_EQ(state_of([&] { s.bind_parameter(1, SQL_PARAM_OUTPUT_STREAM, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, &ind); }),
            "HYC00");
  EXPECT_EQ(state_of([&] { s.bind_parameter(1, 77, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, &ind); }), "HY105");
  s.bind_parameter(3, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, &ind);
  EXPECT_EQ(s.apd().count(), 3);
  EXPECT_EQ(s.ipd().find(3)->sql_type, SQL_INTEGER);
  s.reset_params();
  EXPECT_EQ(s.apd().count(), 0);
}

TEST_F(StatementState, Attributes) {
  Statement& s = *statement_;
  EXPECT_EQ(s.set_attr(SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0), SQL_SUCCESS);
  EXPECT_EQ(s.get_attr(SQL_ATTR_CURSOR_TYPE), static_cast<SQLULEN>(SQL_CURSOR_STATIC));
  EXPECT_EQ(s.get_attr(SQL_ATTR_CURSOR_SCROLLABLE), static_cast<SQLULEN>(SQL_SCROLLABLE));
  EXPECT_EQ(s.set_attr(SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_KEYSET_DRIVEN), 0),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_STREQ(s.diagnostics().record(1).sqlstate, "01S02");
  EXPECT_EQ(state_of([&] { s.set_attr(SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(77), 0); }), "HY024");
  EXPECT_EQ(state_of([&] { s.set_attr(SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(0), 0); }), "HY024");
  EXPECT_EQ(s.set_attr(SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(50), 0), SQL_SUCCESS);
  EXPECT_EQ(s.get_attr(SQL_ATTR_ROW_ARRAY_SIZE), 50u);
  EXPECT_EQ(s.ard().array_size, 50u);  // the attribute is the ARD header field
  EXPECT_EQ(s.set_attr(SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(8), 0), SQL_SUCCESS);
  EXPECT_EQ(s.apd().array_size, 8u);
  EXPECT_EQ(state_of([&] { s.set_attr(SQL_ATTR_USE_BOOKMARKS, reinterpret_cast<SQLPOINTER>(SQL_UB_VARIABLE), 0); }),
            "");
  EXPECT_EQ(s.get_attr(SQL_ATTR_USE_BOOKMARKS), static_cast<SQLULEN>(SQL_UB_VARIABLE));
  EXPECT_EQ(state_of([&] { s.set_attr(SQL_ATTR_USE_BOOKMARKS, reinterpret_cast<SQLPOINTER>(9), 0); }), "HY024");
  EXPECT_EQ(state_of([&] { s.set_attr(SQL_ATTR_IMP_ROW_DESC, nullptr, 0); }), "HY092");
  EXPECT_EQ(state_of([&] { s.get_attr(987654); }), "HY092");
  s.set_attr(SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(30), 0);
  EXPECT_EQ(s.get_attr(SQL_ATTR_QUERY_TIMEOUT), 30u);
  // The implicit descriptors are distinct objects that the attributes hand out.
  SQLULEN ard = s.get_attr(SQL_ATTR_APP_ROW_DESC), ird = s.get_attr(SQL_ATTR_IMP_ROW_DESC);
  EXPECT_EQ(ard, reinterpret_cast<SQLULEN>(static_cast<SQLHANDLE>(&s.ard())));
  EXPECT_NE(ard, ird);
  // Only descriptors allocated on this connection can replace the implicit ones.
  Descriptor foreign(*connection_, Descriptor::Role::Explicit);
  EXPECT_EQ(state_of([&] { s.set_attr(SQL_ATTR_APP_ROW_DESC, &foreign, 0); }), "HY024");
}

TEST_F(StatementState, ForwardOnlyCursorsDoNotScroll) {
  Statement& s = *statement_;
  EXPECT_EQ(state_of([&] { s.fetch_scroll(SQL_FETCH_LAST, 0); }), "HY106");
}

}  // namespace
}  // namespace fabodbc
