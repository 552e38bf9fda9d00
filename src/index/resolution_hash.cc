// The resolution-relevant content of an item tree, hashed (see resolution_hash.h).
#include "index/resolution_hash.h"

#include <string>

#include "index/content_hash.h"

namespace ferret::index {

namespace {

class Writer {
 public:
  explicit Writer(const ItemTree& t) : t_(t) {}

  void u(uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void s(Str x) {
    u(x.size);
    out_.append(t_.str(x));
  }
  void cfg(uint32_t c) {
    if (c == kNone || c >= t_.cfgs.size()) {
      u(kNone);
      return;
    }
    const CfgExpr& e = t_.cfgs[c];
    u(static_cast<uint64_t>(e.kind));
    s(e.key);
    s(e.value);
    u(e.children_end - e.children_begin);
    for (uint32_t k = e.children_begin; k < e.children_end && k < t_.cfg_children.size(); ++k) cfg(t_.cfg_children[k]);
  }
  void path(uint32_t p, int depth = 0) {
    if (p == kNone || p >= t_.paths.size() || depth > 32) {
      u(kNone);
      return;
    }
    const Path& x = t_.paths[p];
    u(static_cast<uint64_t>(x.kind));
    u(x.super_count);
    u(x.segments_end - x.segments_begin);
    for (uint32_t k = x.segments_begin; k < x.segments_end && k < t_.segments.size(); ++k) {
      const PathSegment& seg = t_.segments[k];
      s(seg.name);
      u(seg.args_end - seg.args_begin);
      for (uint32_t a = seg.args_begin; a < seg.args_end && a < t_.generic_args.size(); ++a) {
        u(static_cast<uint64_t>(t_.generic_args[a].kind));
        s(t_.generic_args[a].name);
        type(t_.generic_args[a].type, depth + 1);
      }
    }
    type(x.qualified_self, depth + 1);
    path(x.qualified_trait, depth + 1);
  }
  void type(uint32_t ty, int depth = 0) {
    if (ty == kNone || ty >= t_.types.size() || depth > 32) {
      u(kNone);
      return;
    }
    const TypeRef& r = t_.types[ty];
    u(static_cast<uint64_t>(r.kind));
    u(r.mut_);
    if (r.kind == TypeKind::Path) {
      path(r.a, depth + 1);
    } else if (r.kind == TypeKind::Ref || r.kind == TypeKind::Ptr || r.kind == TypeKind::Slice ||
               r.kind == TypeKind::Array) {
      type(r.a, depth + 1);
    }
    if (r.kind == TypeKind::Tuple) {
      u(r.list_end - r.list_begin);
      for (uint32_t k = r.list_begin; k < r.list_end && k < t_.type_lists.size(); ++k) type(t_.type_lists[k], depth + 1);
    }
  }
  const std::string& bytes() const { return out_; }

 private:
  const ItemTree& t_;
  std::string out_;
};

}  // namespace

uint64_t resolution_hash(const ItemTree& t) {
  Writer w(t);
  w.u(t.file_flags);
  w.cfg(t.file_cfg);
  for (const Attr& a : t.file_attrs) {
    w.u(static_cast<uint64_t>(a.kind));
    w.cfg(a.cfg);
  }
  w.u(t.items.size());
  for (const Item& it : t.items) {
    w.u(static_cast<uint64_t>(it.kind));
    w.u(static_cast<uint64_t>(it.vis));
    w.u(it.flags);
    w.s(it.name);
    w.u(it.parent);
    w.u(it.subtree_end);
    w.cfg(it.cfg);
    w.path(it.vis_path);
    for (uint32_t a = it.attrs_begin; a < it.attrs_end && a < t.attrs.size(); ++a) {
      w.u(static_cast<uint64_t>(t.attrs[a].kind));
      w.cfg(t.attrs[a].cfg);
      w.s(t.attrs[a].value);
    }
    if (it.data == kNone) continue;
    switch (it.kind) {
      case ItemKind::Use: {
        const UseData& use = t.uses[it.data];
        for (uint32_t k = use.imports_begin; k < use.imports_end && k < t.imports.size(); ++k) {
          const Import& imp = t.imports[k];
          w.u(static_cast<uint64_t>(imp.kind) | uint64_t{imp.underscore} << 8 | uint64_t{imp.self_import} << 16);
          w.path(imp.path);
          w.s(imp.alias);
        }
        break;
      }
      case ItemKind::ExternCrate:
        w.s(t.extern_crates[it.data].crate_name);
        w.s(t.extern_crates[it.data].alias);
        break;
      case ItemKind::MacroRules:
      case ItemKind::MacroDef:
      case ItemKind::MacroCall: {
        const MacroData& m = t.macros[it.data];
        w.path(m.path);
        w.s(m.params);
        w.s(m.body);
        break;
      }
      case ItemKind::Module: w.s(t.modules[it.data].path_attr); break;
      case ItemKind::Impl: {
        const ImplData& d = t.impls[it.data];
        w.type(d.self_type);
        w.path(d.trait_path);
        break;
      }
      default: break;
    }
  }
  return content_hash(w.bytes());
}

}  // namespace ferret::index
