// The registry import file (SPEC §6): typed records, and every check the file alone can make.
// References to records the file does not define are resolved against the database by the store.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "domain/points.hpp"
#include "domain/problems.hpp"
#include "domain/time.hpp"

namespace qsm::domain::registry {

enum class EnterpriseKind { construction, supervision };
enum class ContractKind { general, supervision };

std::string_view to_string(EnterpriseKind k);
std::string_view to_string(ContractKind k);
std::string_view label(ContractKind k);  // 施工总包合同 / 监理合同
std::optional<EnterpriseKind> enterprise_kind_from(std::string_view s);
std::optional<ContractKind> contract_kind_from(std::string_view s);

extern const std::vector<std::string_view> kShanghaiDistricts;
bool is_shanghai_district(std::string_view d);

struct Authority { std::string code, name, district; };
struct Enterprise { std::string uscc, name; EnterpriseKind kind; };
struct Person { std::string id_number, name, mobile, enterprise_uscc; };
struct Project {
  std::string registration_no, name, address, district, authority_code, structure_type;
  Points floor_area;
  Date planned_start, planned_finish;
};
struct Contract {
  std::string report_no, project_registration_no;
  ContractKind kind;
  std::string enterprise_uscc, manager_id_number;
};

struct File {
  std::vector<Authority> authorities;
  std::vector<Enterprise> enterprises;
  std::vector<Person> persons;
  std::vector<Project> projects;
  std::vector<Contract> contracts;
};

struct Parsed {
  File file;
  Problems problems;
};

// Formats, checksums, lengths, duplicate keys within the file, references among its own records.
Parsed parse(const boost::json::value& root);

// Keys the file references without defining them: the store looks these up.
struct Unresolved {
  std::set<std::string> authority_codes, enterprise_usccs, person_ids, project_nos;
};
Unresolved unresolved(const File& f);

// What the database holds for the unresolved keys (absent keys are unknown references).
struct Existing {
  std::set<std::string> authority_codes;
  std::map<std::string, EnterpriseKind> enterprises;           // uscc → kind
  std::map<std::string, std::string> person_enterprise;         // id number → enterprise uscc
  std::set<std::string> project_nos;
  // (project registration no, kind) → report no of the contract already in the database
  std::map<std::pair<std::string, ContractKind>, std::string> contracts;
};
void check_references(const File& f, const Existing& existing, Problems& problems);

}  // namespace qsm::domain::registry
