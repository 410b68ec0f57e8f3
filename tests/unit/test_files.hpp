// Reading the JSON fixtures of tests/data and share/.
#pragma once
#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace qsm::test {

inline std::string source_dir() {
  const char* env = std::getenv("QSM_SOURCE_DIR");
  return env ? env : QSM_SOURCE_DIR;
}

inline boost::json::value read_json(const std::string& relative) {
  std::ifstream in(source_dir() + "/" + relative);
  std::ostringstream buf;
  buf << in.rdbuf();
  return boost::json::parse(buf.str());
}

}  // namespace qsm::test
