// Recursive evaluation (within the nesting budget) of all/any/not over atoms and key-value pairs.
#include "sema/cfg_eval.h"

#include <string>

#include "syntax/nesting_limit.h"

namespace ferret::sema {

namespace {

bool eval(const index::ItemTree& t, uint32_t c, const base::CfgOptions& o, int depth) {
  // Deeper than the budget (or a damaged tree): taken as true, as an invalid predicate.
  if (depth > kMaxNesting || c >= t.cfgs.size()) return true;
  const index::CfgExpr& e = t.cfgs[c];
  switch (e.kind) {
    case index::CfgKind::Atom: return o.has_atom(std::string(t.str(e.key)));
    case index::CfgKind::KeyValue:
      return o.has_key_value(std::string(t.str(e.key)), std::string(t.str(e.value)));
    case index::CfgKind::All:
      for (uint32_t i = e.children_begin; i < e.children_end; ++i) {
        if (!eval(t, t.cfg_children[i], o, depth + 1)) return false;
      }
      return true;
    case index::CfgKind::Any:
      for (uint32_t i = e.children_begin; i < e.children_end; ++i) {
        if (eval(t, t.cfg_children[i], o, depth + 1)) return true;
      }
      return false;
    case index::CfgKind::Not:
      return e.children_end > e.children_begin && !eval(t, t.cfg_children[e.children_begin], o, depth + 1);
    case index::CfgKind::Invalid: return true;
  }
  return true;
}

}  // namespace

bool cfg_enabled(const index::ItemTree& tree, uint32_t cfg, const base::CfgOptions& options) {
  if (cfg == index::kNone || cfg >= tree.cfgs.size()) return true;
  return eval(tree, cfg, options, 0);
}

}  // namespace ferret::sema
