// The files the package ships next to the binaries stay consistent with the code: every keyword
// and value in packaging/odbc.ini.example passes the keyword table's validation, and the Tableau
// TDC is well-formed and names the driver.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "setup/dsn_store.h"
#include "tests/setup/setup_test_util.h"

using namespace fabodbc::setup_test;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
  return s;
}

TEST(ShippedFiles, ExampleOdbcIniUsesOnlyValidKeywords) {
  std::istringstream in(read_file(FABODBC_SOURCE_DIR "/packaging/odbc.ini.example"));
  std::string line, section;
  std::vector<std::pair<std::string, std::string>> attrs;
  int sections = 0;
  auto check = [&] {
    if (section.empty()) return;
    ++sections;
    SCOPED_TRACE(section);
    bool has_driver = false;
    std::vector<std::pair<std::string, std::string>> keywords;
    for (auto& [k, v] : attrs) {
      if (k == "Driver") has_driver = (v == "fabodbc");
      else keywords.emplace_back(k, v);
    }
    EXPECT_TRUE(has_driver) << "Driver = fabodbc";
    try {
      fabodbc::setup::validate_attributes(keywords);
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
    attrs.clear();
  };
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == ';' || line[0] == '#') continue;
    if (line[0] == '[') {
      check();
      section = line.substr(1, line.find(']') - 1);
      continue;
    }
    const size_t eq = line.find('=');
    ASSERT_NE(eq, std::string::npos) << line;
    attrs.emplace_back(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
  }
  check();
  EXPECT_GE(sections, 3);
}

TEST(ShippedFiles, TableauTdcIsWellFormedAndNamesTheDriver) {
  xmlDocPtr doc = xmlReadFile(FABODBC_SOURCE_DIR "/docs/fabodbc.tdc", nullptr, XML_PARSE_NONET);
  ASSERT_NE(doc, nullptr);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  ASSERT_NE(root, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->name), "connection-customization");
  xmlChar* cls = xmlGetProp(root, BAD_CAST "class");
  EXPECT_STREQ(reinterpret_cast<const char*>(cls), "genericodbc");
  xmlFree(cls);
  std::string driver;
  int customizations = 0;
  bool forward_only = false, limit = false;
  for (xmlNodePtr n = root->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const std::string name = reinterpret_cast<const char*>(n->name);
    if (name == "driver") {
      xmlChar* d = xmlGetProp(n, BAD_CAST "name");
      driver = reinterpret_cast<const char*>(d);
      xmlFree(d);
    }
    if (name != "customizations") continue;
    for (xmlNodePtr c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      ++customizations;
      xmlChar* cn = xmlGetProp(c, BAD_CAST "name");
      xmlChar* cv = xmlGetProp(c, BAD_CAST "value");
      ASSERT_NE(cn, nullptr);
      ASSERT_NE(cv, nullptr);
      const std::string key = reinterpret_cast<const char*>(cn), value = reinterpret_cast<const char*>(cv);
      EXPECT_TRUE(key.rfind("CAP_", 0) == 0 || key.rfind("SQL_", 0) == 0) << key;
      if (key.rfind("CAP_", 0) == 0) {
        EXPECT_TRUE(value == "yes" || value == "no") << key << "=" << value;
      }
      if (key == "CAP_ODBC_CURSOR_FORWARD_ONLY") forward_only = value == "yes";
      if (key == "CAP_QUERY_TOPSTYLE_LIMIT") limit = value == "yes";
      xmlFree(cn);
      xmlFree(cv);
    }
  }
  xmlFreeDoc(doc);
  EXPECT_NE(driver.find("fabodbc"), std::string::npos) << driver;
  EXPECT_GT(customizations, 20);
  EXPECT_TRUE(forward_only);
  EXPECT_TRUE(limit);
}

}  // namespace
