// 整改指令单 and 整改回复单 (issue 24): the printed order — number, project, kind, deadline, basis,
// the problems with their clauses and photos, the issuing station's seal block — and, once the site
// has replied, on a new page the reply form: per round the measures, the site's photos, the
// supervision office's confirmation and the re-check, with signature blocks for each party.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/time.hpp"

#include "print/pdf.hpp"

namespace qsm::print {

struct RectificationPhoto {
  std::string thumbnail, caption;  // JPEG bytes; "第 n 项 · 拍摄 … · 张三"
};

struct RectificationForm {
  std::string number, status_label, kind_label, deadline, recheck_by, basis, issuer, issued_at;
  std::string registration_no, project_name, district, general_name, supervision_name;
  std::optional<std::string> source;  // "2026-10 抽查比对"
  struct Item {
    int position = 0;
    std::string clause, problem, status_label;
  };
  std::vector<Item> items;
  std::vector<RectificationPhoto> issue_photos;
  struct Reply {
    int position = 0;
    std::string measure, recheck;  // recheck: "通过" / "不通过：…" / "" (not yet)
  };
  struct Round {
    int round = 1;
    std::string deadline, replied, confirmation, rechecked;  // each "" when not yet
    std::vector<Reply> replies;
    std::vector<RectificationPhoto> photos;
  };
  std::vector<Round> rounds;  // the rounds with a reply
};

std::string rectification_pdf(const RectificationForm& f, const DocumentMark& mark);

}  // namespace qsm::print
