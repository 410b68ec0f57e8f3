// GET /api/dictionary: what the web UI shows of the workflows, read from their specs (issue 22): each
// workflow's states (code, label, tag colour) and actions (code, label, whether an opinion is required,
// the roles that take it), the role names, the grades, the kinds of lateness and of to-do item. The
// answer is the same for everyone and for the life of the process: built once, sent with an ETag.
#include <boost/json.hpp>

#include "api/context.hpp"
#include "api/handlers.hpp"
#include "domain/grade.hpp"
#include "domain/scoring/engine.hpp"
#include "domain/workflow/overdue.hpp"
#include "domain/workflow/specs.hpp"
#include "service/task_service.hpp"
#include "util/json.hpp"

namespace qsm::api::system {
namespace {

namespace wf = domain::workflow;

// The states a record of the spec can be in (the first, and each a step leads to) and the actions it has
// steps for: a termination shares the request machine's enums but is never withdrawn, so its
// dictionary offers neither 已撤回 nor 撤回.
boost::json::object workflow_json(const wf::Machine& m) {
  boost::json::array states, actions;
  for (std::size_t s = 0; s < m.states.size(); ++s) {
    bool reached = s == 0;
    for (const auto& t : m.steps) reached = reached || t.to == s;
    if (!reached) continue;
    const auto& st = m.states[s];
    states.push_back(boost::json::object{{"code", st.code}, {"label", st.label}, {"tag", wf::to_string(st.tag)}});
  }
  for (std::size_t a = 0; a < m.actions.size(); ++a) {
    const auto& spec = m.actions[a];
    bool stepped = false;
    for (const auto& t : m.steps) stepped = stepped || t.action == a;
    if (!stepped) continue;
    boost::json::array roles;
    for (auto r : domain::all_roles())
      if (m.actors(a) & domain::bit(r)) roles.emplace_back(domain::to_string(r));
    actions.push_back(boost::json::object{
        {"code", spec.code}, {"label", spec.label}, {"opinion_required", spec.opinion_required()}, {"roles", std::move(roles)}});
  }
  return {{"name", m.name}, {"states", std::move(states)}, {"actions", std::move(actions)}};
}

struct Built {
  std::string body, etag;
};

const Built& built() {
  static const Built b = [] {
    boost::json::object workflows;
    for (const auto* m : wf::all_machines()) workflows[m->entity] = workflow_json(*m);
    boost::json::array roles, grades, lateness, kinds;
    for (auto r : domain::all_roles()) roles.push_back(boost::json::object{{"code", domain::to_string(r)}, {"label", domain::label(r)}});
    const std::pair<domain::Grade, wf::Tag> kGrades[] = {
        {domain::Grade::excellent, wf::Tag::success}, {domain::Grade::qualified, wf::Tag::primary}, {domain::Grade::unqualified, wf::Tag::danger}};
    for (const auto& [g, tag] : kGrades)
      grades.push_back(boost::json::object{{"code", domain::to_string(g)}, {"label", domain::label(g)}, {"tag", wf::to_string(tag)}});
    namespace od = domain::overdue;
    const std::tuple<std::string_view, od::Lateness, wf::Tag> kLateness[] = {{"submission", od::Lateness::submission, wf::Tag::danger},
                                                                              {"review", od::Lateness::review, wf::Tag::warning},
                                                                              {"rectification", od::Lateness::rectification, wf::Tag::danger}};
    for (const auto& [code, l, tag] : kLateness)
      lateness.push_back(boost::json::object{{"code", code}, {"label", od::label(l)}, {"tag", wf::to_string(tag)}});
    for (const auto& k : service::task_kinds()) kinds.push_back(boost::json::object{{"code", k.code}, {"label", k.label}});
    // SPEC §3.4's deductions by occurrence, from the table the engine itself reads.
    boost::json::array occurrences;
    for (const auto& r : domain::scoring::kOccurrenceRules)
      occurrences.push_back(boost::json::object{{"from_n", r.from_n}, {"basis", domain::scoring::to_string(r.basis)}, {"percent", r.percent}});
    Built out;
    out.body = json::serialize(boost::json::object{{"roles", std::move(roles)},
                                                   {"workflows", std::move(workflows)},
                                                   {"grades", std::move(grades)},
                                                   {"lateness", std::move(lateness)},
                                                   {"task_kinds", std::move(kinds)},
                                                   {"scoring", boost::json::object{{"occurrences", std::move(occurrences)}}}});
    out.etag = "\"" + std::to_string(std::hash<std::string>{}(out.body)) + "\"";
    return out;
  }();
  return b;
}

}  // namespace

http::Response dictionary(Context& ctx) {
  const auto& b = built();
  http::Response r;
  // The client checks it on every start-up: 304 while it is the same dictionary.
  r.set_header("ETag", b.etag);
  r.set_header("Cache-Control", "no-cache");
  if (ctx.req.header("if-none-match") == b.etag) {
    r.status = 304;
    return r;
  }
  r.body = b.body;
  return r;
}

}  // namespace qsm::api::system
