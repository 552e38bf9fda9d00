// Usable associated items of impl and trait blocks.
#include "ide/assoc_matches.h"

#include "sema/assoc_items.h"
#include "sema/cfg_eval.h"
#include "sema/scope_lookup.h"

namespace ferret::ide {

namespace {

// Whether an impl's item (`pub fn`, `fn`, `pub(crate) fn`) can be used from the query.
bool assoc_visible(Query& q, const index::Item& it, const sema::ImplRef* impl) {
  if (impl == nullptr || impl->trait || it.vis == index::VisKind::Public) return true;
  if (impl->krate != q.krate) return false;
  const sema::DefMap& dm = q.db.def_map(impl->krate);
  switch (it.vis) {
    case index::VisKind::Crate:
    case index::VisKind::InPath: return true;
    case index::VisKind::Super: {
      sema::ModuleId parent = impl->module < dm.modules.size() ? dm.modules[impl->module].parent : sema::kNoIndex;
      return sema::is_ancestor_module(dm, parent == sema::kNoIndex ? 0 : parent, q.module);
    }
    default: return sema::is_ancestor_module(dm, impl->module, q.module);
  }
}

}  // namespace

void for_each_usable_assoc_item(Query& q, sema::CrateId owner, sema::FileId file, uint32_t item,
                                const sema::ImplRef* impl,
                                const std::function<void(const sema::ItemLoc&, std::string_view)>& f) {
  if (owner == base::kNoCrate) owner = q.krate;
  const base::CfgOptions& cfg = q.db.graph()[owner].cfg;
  sema::for_each_assoc_item(q.db, owner, file, item, [&](sema::FileId in, uint32_t c) {
    const index::ItemTree& t = q.db.item_tree(in);
    const index::Item& it = t.items[c];
    if (it.kind != index::ItemKind::Fn && it.kind != index::ItemKind::Const && it.kind != index::ItemKind::TypeAlias) {
      return;
    }
    if (!(impl != nullptr && impl->inactive) && !sema::cfg_enabled(t, it.cfg, cfg)) return;
    if (!assoc_visible(q, it, impl)) return;
    f(sema::ItemLoc{in, c, sema::kNoIndex}, t.str(it.name));
  });
}

}  // namespace ferret::ide
