// Rendering of item tree data back to Rust-like text.
#include "index/item_tree_dump.h"

namespace ferret::index {

namespace {

std::string generic_args(const ItemTree& t, const PathSegment& s) {
  if (s.args_begin == s.args_end && !s.fn_sugar) return "";
  std::string out = s.fn_sugar ? "(" : "<";
  for (uint32_t i = s.args_begin; i < s.args_end; ++i) {
    if (i > s.args_begin) out += ", ";
    const GenericArg& a = t.generic_args[i];
    switch (a.kind) {
      case GenericArgKind::Type: out += render_type(t, a.type); break;
      case GenericArgKind::Lifetime:
      case GenericArgKind::Const: out += t.str(a.name); break;
      case GenericArgKind::AssocType:
        out += std::string(t.str(a.name)) + " = " + render_type(t, a.type);
        break;
      case GenericArgKind::AssocBound:
        out += std::string(t.str(a.name)) + ": " + render_bounds(t, a.bounds_begin, a.bounds_end);
        break;
    }
  }
  out += s.fn_sugar ? ")" : ">";
  if (s.fn_sugar && s.fn_sugar_ret != kNone) out += " -> " + render_type(t, s.fn_sugar_ret);
  return out;
}

}  // namespace

std::string render_path(const ItemTree& t, uint32_t p) {
  if (p == kNone) return "?";
  const Path& path = t.paths[p];
  std::string out;
  switch (path.kind) {
    case PathKind::Plain: break;
    case PathKind::Crate: out = "crate"; break;
    case PathKind::SelfModule: out = "self"; break;
    case PathKind::Super:
      for (int i = 0; i < path.super_count; ++i) out += i ? "::super" : "super";
      break;
    case PathKind::DollarCrate: out = "$crate"; break;
    case PathKind::Absolute: out = ""; break;
  }
  if (path.qualified_self != kNone) {
    out = "<" + render_type(t, path.qualified_self);
    if (path.qualified_trait != kNone) out += " as " + render_path(t, path.qualified_trait);
    out += ">";
  }
  for (uint32_t i = path.segments_begin; i < path.segments_end; ++i) {
    if (!out.empty() || path.kind == PathKind::Absolute) out += "::";
    out += t.str(t.segments[i].name);
    out += generic_args(t, t.segments[i]);
  }
  return out;
}

std::string render_bounds(const ItemTree& t, uint32_t begin, uint32_t end) {
  std::string out;
  for (uint32_t i = begin; i < end; ++i) {
    if (i > begin) out += " + ";
    const TypeBound& b = t.bounds[i];
    if (!b.for_lifetimes.empty()) out += std::string(t.str(b.for_lifetimes)) + " ";
    if (b.is_const) out += "~const ";
    switch (b.kind) {
      case BoundKind::Trait: out += render_path(t, b.path); break;
      case BoundKind::MaybeTrait: out += "?" + render_path(t, b.path); break;
      case BoundKind::Lifetime: out += t.str(b.lifetime); break;
      case BoundKind::Use: out += "use<..>"; break;
    }
  }
  return out;
}

std::string render_type(const ItemTree& t, uint32_t ty) {
  if (ty == kNone) return "()";
  const TypeRef& r = t.types[ty];
  auto list = [&](const char* open, const char* close) {
    std::string out = open;
    for (uint32_t i = r.list_begin; i < r.list_end; ++i) {
      if (i > r.list_begin) out += ", ";
      out += render_type(t, t.type_lists[i]);
    }
    if (r.kind == TypeKind::Tuple && r.list_end - r.list_begin == 1) out += ",";
    return out + close;
  };
  switch (r.kind) {
    case TypeKind::Path: return render_path(t, r.a);
    case TypeKind::Ref:
      return "&" + (r.text.empty() ? std::string() : std::string(t.str(r.text)) + " ") +
             (r.mut_ ? "mut " : "") + render_type(t, r.a);
    case TypeKind::Ptr: return std::string(r.mut_ ? "*mut " : "*const ") + render_type(t, r.a);
    case TypeKind::Slice: return "[" + render_type(t, r.a) + "]";
    case TypeKind::Array: return "[" + render_type(t, r.a) + "; " + std::string(t.str(r.text)) + "]";
    case TypeKind::Tuple: return list("(", ")");
    case TypeKind::FnPtr: {
      std::string out = "fn" + list("(", ")");
      if (r.a != kNone) out += " -> " + render_type(t, r.a);
      return out;
    }
    case TypeKind::Never: return "!";
    case TypeKind::Infer: return "_";
    case TypeKind::ImplTrait: return "impl " + render_bounds(t, r.list_begin, r.list_end);
    case TypeKind::DynTrait: return "dyn " + render_bounds(t, r.list_begin, r.list_end);
    case TypeKind::Macro: return std::string(t.str(r.text));
    case TypeKind::Error: return "{error}";
  }
  return "?";
}

std::string render_cfg(const ItemTree& t, uint32_t c) {
  if (c == kNone) return "true";
  const CfgExpr& e = t.cfgs[c];
  auto kids = [&](const char* name) {
    std::string out = std::string(name) + "(";
    for (uint32_t i = e.children_begin; i < e.children_end; ++i) {
      if (i > e.children_begin) out += ", ";
      out += render_cfg(t, t.cfg_children[i]);
    }
    return out + ")";
  };
  switch (e.kind) {
    case CfgKind::Atom: return std::string(t.str(e.key));
    case CfgKind::KeyValue: return std::string(t.str(e.key)) + " = \"" + std::string(t.str(e.value)) + "\"";
    case CfgKind::All: return kids("all");
    case CfgKind::Any: return kids("any");
    case CfgKind::Not: return kids("not");
    case CfgKind::Invalid: return "<invalid>";
  }
  return "?";
}

std::string item_kind_name(ItemKind k) {
  switch (k) {
    case ItemKind::Module: return "mod";
    case ItemKind::Use: return "use";
    case ItemKind::ExternCrate: return "extern crate";
    case ItemKind::ExternBlock: return "extern block";
    case ItemKind::Fn: return "fn";
    case ItemKind::Struct: return "struct";
    case ItemKind::Union: return "union";
    case ItemKind::Enum: return "enum";
    case ItemKind::Variant: return "variant";
    case ItemKind::Field: return "field";
    case ItemKind::Trait: return "trait";
    case ItemKind::TraitAlias: return "trait alias";
    case ItemKind::Impl: return "impl";
    case ItemKind::TypeAlias: return "type";
    case ItemKind::Const: return "const";
    case ItemKind::Static: return "static";
    case ItemKind::MacroRules: return "macro_rules";
    case ItemKind::MacroDef: return "macro";
    case ItemKind::MacroCall: return "macro call";
    case ItemKind::Block: return "block";
  }
  return "?";
}

std::string dump_item_tree(const ItemTree& t) {
  std::string out;
  auto vis_name = [](VisKind v) -> const char* {
    switch (v) {
      case VisKind::Private: return "";
      case VisKind::Public: return " pub";
      case VisKind::Crate: return " pub(crate)";
      case VisKind::Super: return " pub(super)";
      case VisKind::SelfModule: return " pub(self)";
      case VisKind::InPath: return " pub(in)";
    }
    return "";
  };
  auto generics = [&](uint32_t g) {
    if (g == kNone) return std::string();
    std::string s = " ";
    const Generics& gs = t.generics[g];
    for (uint32_t i = gs.params_begin; i < gs.params_end; ++i) {
      const GenericParam& p = t.generic_params[i];
      s += i == gs.params_begin ? "<" : ", ";
      if (p.kind == GenericParamKind::Const) s += "const ";
      s += t.str(p.name);
      if (p.bounds_begin != p.bounds_end) s += ": " + render_bounds(t, p.bounds_begin, p.bounds_end);
      if (p.kind == GenericParamKind::Const) s += ": " + render_type(t, p.type);
      if (p.kind == GenericParamKind::Type && p.type != kNone) s += " = " + render_type(t, p.type);
    }
    if (gs.params_begin != gs.params_end) s += ">";
    for (uint32_t i = gs.where_begin; i < gs.where_end; ++i) {
      const WherePredicate& w = t.where_predicates[i];
      s += i == gs.where_begin ? " where " : ", ";
      s += w.type != kNone ? render_type(t, w.type) : std::string(t.str(w.lifetime));
      s += ": " + render_bounds(t, w.bounds_begin, w.bounds_end);
    }
    return s == " " ? std::string() : s;
  };
  for (uint32_t i = 0; i < t.items.size(); ++i) {
    const Item& it = t.items[i];
    int depth = 0;
    for (uint32_t p = it.parent; p != kNone; p = t.items[p].parent) ++depth;
    out.append(static_cast<size_t>(depth) * 2, ' ');
    out += item_kind_name(it.kind);
    if (!it.name.empty()) out += " " + std::string(t.str(it.name));
    out += vis_name(it.vis);
    out += " @" + std::to_string(it.name_line) + ":" + std::to_string(it.name_col);
    if (it.cfg != kNone) out += " cfg(" + render_cfg(t, it.cfg) + ")";
    if (it.flags & kItemMacroExport) out += " #macro_export";
    if (it.flags & kItemMacroUse) out += " #macro_use";
    if (it.flags & kItemDocHidden) out += " #doc_hidden";
    if (it.flags & kItemDeprecated) out += " #deprecated";
    if (it.flags & kItemNegative) out += " negative";
    if (it.flags & kItemUnsafe) out += " unsafe";
    if (it.flags & kItemAsync) out += " async";
    if (it.flags & kItemConst) out += " const";
    for (uint32_t a = it.attrs_begin; a < it.attrs_end; ++a) {
      const Attr& at = t.attrs[a];
      // Unconditional macro_use / doc(hidden) / deprecated are shown as flags above.
      bool flag_kind = at.kind == AttrKind::MacroUse || at.kind == AttrKind::DocHidden || at.kind == AttrKind::Deprecated;
      if (flag_kind && at.cfg == kNone) continue;
      const char* names[] = {
          "path",          "lang",           "derive",   "macro_use", "doc_hidden",
          "deprecated",    "prelude_import", "no_std",   "no_core",   "no_implicit_prelude",
          "builtin_macro", "other",          "unstable", "feature",   "stable"};
      out += " #" + std::string(names[static_cast<int>(at.kind)]);
      if (!at.value.empty()) out += "=" + std::string(t.str(at.value));
      if (at.cfg != kNone) out += " if(" + render_cfg(t, at.cfg) + ")";
    }
    switch (it.kind) {
      case ItemKind::Fn: {
        const FnData& f = t.fns[it.data];
        out += generics(f.generics) + " (";
        const char* selfs[] = {"", "self", "&self", "&mut self", "self: "};
        out += selfs[static_cast<int>(f.self_kind)];
        if (f.self_kind == SelfKind::Typed) out += render_type(t, f.self_type);
        for (uint32_t p = f.params_begin; p < f.params_end; ++p) {
          if (p > f.params_begin || f.self_kind != SelfKind::None) out += ", ";
          out += std::string(t.str(t.params[p].pattern)) + ": " + render_type(t, t.params[p].type);
        }
        out += ")";
        if (f.ret_type != kNone) out += " -> " + render_type(t, f.ret_type);
        break;
      }
      case ItemKind::Struct:
      case ItemKind::Union:
      case ItemKind::Enum: out += generics(t.adts[it.data].generics); break;
      case ItemKind::Field: out += ": " + render_type(t, t.fields[it.data].type); break;
      case ItemKind::Trait:
      case ItemKind::TraitAlias: {
        const TraitData& d = t.traits[it.data];
        out += generics(d.generics);
        if (d.supertraits_begin != d.supertraits_end) out += ": " + render_bounds(t, d.supertraits_begin, d.supertraits_end);
        break;
      }
      case ItemKind::Impl: {
        const ImplData& d = t.impls[it.data];
        out += generics(d.generics) + " ";
        if (d.trait_path != kNone) out += render_path(t, d.trait_path) + " for ";
        out += render_type(t, d.self_type);
        break;
      }
      case ItemKind::TypeAlias: {
        const TypeAliasData& d = t.type_aliases[it.data];
        out += generics(d.generics);
        if (d.bounds_begin != d.bounds_end) out += ": " + render_bounds(t, d.bounds_begin, d.bounds_end);
        if (d.type != kNone) out += " = " + render_type(t, d.type);
        break;
      }
      case ItemKind::Const:
      case ItemKind::Static: out += ": " + render_type(t, t.consts[it.data].type); break;
      case ItemKind::Use: {
        const UseData& u = t.uses[it.data];
        for (uint32_t k = u.imports_begin; k < u.imports_end; ++k) {
          const Import& imp = t.imports[k];
          out += k == u.imports_begin ? " " : ", ";
          out += render_path(t, imp.path);
          if (imp.kind == ImportKind::Glob) out += "::*";
          if (imp.self_import) out += "::{self}";
          if (!imp.alias.empty()) out += " as " + std::string(t.str(imp.alias));
          if (imp.underscore) out += " as _";
          out += " @" + std::to_string(imp.line) + ":" + std::to_string(imp.col);
        }
        break;
      }
      case ItemKind::ExternCrate: {
        const ExternCrateData& e = t.extern_crates[it.data];
        out += " crate=" + std::string(t.str(e.crate_name));
        break;
      }
      case ItemKind::Module:
        if (!t.modules[it.data].path_attr.empty()) out += " path=" + std::string(t.str(t.modules[it.data].path_attr));
        if (it.flags & kItemInlineModule) out += " inline";
        break;
      case ItemKind::MacroCall: out += " " + render_path(t, t.macros[it.data].path) + "!"; break;
      default: break;
    }
    out += "\n";
    out.append(static_cast<size_t>(depth) * 2 + 2, ' ');
    out += "sig: " + std::string(t.str(it.signature)) + "\n";
    if (!it.docs.empty()) {
      std::string docs(t.str(it.docs));
      for (char& c : docs) {
        if (c == '\n') c = '|';
      }
      out.append(static_cast<size_t>(depth) * 2 + 2, ' ');
      out += "docs: " + docs + "\n";
    }
  }
  if (t.file_flags & kFileNoStd) out += "file: no_std\n";
  if (t.file_flags & kFileNoImplicitPrelude) out += "file: no_implicit_prelude\n";
  if (t.file_cfg != kNone) out += "file cfg: " + render_cfg(t, t.file_cfg) + "\n";
  for (const Attr& a : t.file_attrs) {
    if (a.kind == AttrKind::Feature || a.kind == AttrKind::Unstable || a.kind == AttrKind::Stable) {
      out += std::string(a.kind == AttrKind::Feature  ? "file: feature "
                         : a.kind == AttrKind::Stable ? "file: stable "
                                                      : "file: unstable ") +
             std::string(t.str(a.value)) +
             (a.cfg == kNone ? "" : " if(" + render_cfg(t, a.cfg) + ")") + "\n";
      continue;
    }
    const char* what = a.kind == AttrKind::NoStd ? "no_std" : a.kind == AttrKind::NoCore ? "no_core" : "no_implicit_prelude";
    out += std::string("file: ") + what + " if(" + render_cfg(t, a.cfg) + ")\n";
  }
  if (!t.file_docs.empty()) {
    std::string docs(t.file_docs.size ? t.str(t.file_docs) : "");
    for (char& c : docs) {
      if (c == '\n') c = '|';
    }
    out += "file docs: " + docs + "\n";
  }
  return out;
}

}  // namespace ferret::index
