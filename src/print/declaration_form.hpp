// 申报表: the printed declaration form.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/time.hpp"
#include "print/trail.hpp"

#include "print/pdf.hpp"

namespace qsm::print {

// What the 申报表 shows, filled by the caller from the declaration and its project.
struct DeclarationForm {
  struct Party {
    std::string enterprise_name, enterprise_uscc, report_no;
  };
  struct Manager {
    std::string name, mobile;
  };
  std::string registration_no, status;  // the declaration's state code
  std::string project_name, address, district, authority_name, structure_type;
  std::int64_t floor_area_centi = 0;
  std::string project_planned_start, project_planned_finish;
  std::optional<Party> general, supervision;  // the project's contracts
  std::string quality_target, planned_start, planned_finish, overview;
  Manager contractor_manager, supervision_manager;
  // The supervisor's 通过 of the current round (issue 26).
  struct Review {
    std::string reviewer, opinion;  // opinion empty when none was given
    domain::Instant at;
  };
  std::optional<Review> review;
};

std::string declaration_pdf(const DeclarationForm& d, const std::vector<TrailEntry>& trail, const DocumentMark& mark);

}  // namespace qsm::print
