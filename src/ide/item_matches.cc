// Match construction for every kind of thing a name can denote.
#include "ide/item_matches.h"

#include <algorithm>

#include "base/line_index.h"
#include "sema/scope_lookup.h"

namespace ferret::ide {

using index::ItemKind;
using syntax::SyntaxKind;
using syntax::SyntaxNode;

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string describe_module(sema::Database& db, sema::CrateId krate, sema::ModuleId module) {
  const sema::DefMap& dm = db.def_map(krate);
  std::vector<std::string> parts;
  for (sema::ModuleId m = module; m != sema::kNoIndex && m < dm.modules.size(); m = dm.modules[m].parent) {
    const sema::ModuleData& md = dm.modules[m];
    if (md.block) {
      parts.push_back("{block}");
    } else if (md.name != UINT32_MAX) {
      parts.push_back(std::string(db.names().name(md.name)));
    }
    if (parts.size() > 64) break;
  }
  std::string out = "crate";
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "::" + *it;
  return out;
}

MatchKind match_kind_for_item(const index::ItemTree& tree, uint32_t item) {
  const index::Item& it = tree.items[item];
  switch (it.kind) {
    case ItemKind::Fn: return MatchKind::Function;
    case ItemKind::Struct: return MatchKind::Struct;
    case ItemKind::Union: return MatchKind::Union;
    case ItemKind::Enum: return MatchKind::Enum;
    case ItemKind::Variant: return MatchKind::EnumVariant;
    case ItemKind::Field: return MatchKind::StructField;
    case ItemKind::Trait:
    case ItemKind::TraitAlias: return MatchKind::Trait;
    case ItemKind::TypeAlias:
      if (it.parent != index::kNone && (tree.items[it.parent].kind == ItemKind::Trait ||
                                        tree.items[it.parent].kind == ItemKind::Impl)) {
        return MatchKind::AssocType;
      }
      return MatchKind::Type;
    case ItemKind::Const: return MatchKind::Const;
    case ItemKind::Static: return MatchKind::Static;
    case ItemKind::MacroRules:
    case ItemKind::MacroDef: return MatchKind::Macro;
    case ItemKind::Module: return MatchKind::Module;
    case ItemKind::ExternCrate: return MatchKind::Crate;
    default: return MatchKind::Struct;
  }
}

std::string snippet_for_item(const index::ItemTree& tree, uint32_t item) {
  const index::Item& it = tree.items[item];
  std::string name(tree.str(it.name));
  if (it.kind == ItemKind::MacroRules || it.kind == ItemKind::MacroDef) return name + "!";
  if (it.kind != ItemKind::Fn || it.data == index::kNone) return name;
  const index::FnData& f = tree.fns[it.data];
  std::string out = name + "(";
  int n = 0;
  for (uint32_t p = f.params_begin; p < f.params_end; ++p) {
    const index::Param& param = tree.params[p];
    if (n) out += ", ";
    ++n;
    std::string text(tree.str(param.pattern));
    if (!param.type_text.empty()) text += text.empty() ? std::string(tree.str(param.type_text))
                                                       : ": " + std::string(tree.str(param.type_text));
    out += "${" + std::to_string(n) + ":" + text + "}";
  }
  return out + ")";
}

// Points m at an item's name: in its file, or, for an item a macro generated, where
// the name was written (the macro's body or the call's arguments).
void place_at_item(Match& m, sema::Database& db, sema::FileId file, const index::Item& it) {
  if (!db.is_macro_file(file)) {
    m.path = db.file_path(file);
    m.line = it.name_line;
    m.col = it.name_col;
    m.offset = it.name_offset;
    return;
  }
  sema::Database::SourcePosition p = db.source_position(file, it.name_offset);
  m.path = p.file == sema::kNoIndex ? db.file_path(file) : db.file_path(p.file);
  m.line = p.line;
  m.col = p.col;
  m.offset = p.offset;
}

Match match_for_item(sema::Database& db, const sema::ItemLoc& loc, Relevance relevance) {
  return match_for_tree_item(db, db.item_tree(loc.file), loc.file, loc.item, relevance);
}

Match match_for_tree_item(sema::Database& db, const index::ItemTree& tree, sema::FileId file, uint32_t item,
                          Relevance relevance) {
  const index::Item& it = tree.items[item];
  Match m;
  m.name = std::string(tree.str(it.name));
  m.kind = match_kind_for_item(tree, item);
  if (m.kind == MatchKind::Macro) m.name += "!";
  place_at_item(m, db, file, it);
  m.context = std::string(tree.str(it.signature));
  m.docs = std::string(tree.str(it.docs));
  m.snippet = snippet_for_item(tree, item);
  m.relevance = relevance;
  m.hidden = (it.flags & (index::kItemDocHidden | index::kItemDeprecated)) != 0;
  m.takes_self = it.kind == index::ItemKind::Fn && it.data != index::kNone &&
                 tree.fns[it.data].self_kind != index::SelfKind::None;
  return m;
}

Match match_for_module(sema::Database& db, sema::CrateId krate, sema::ModuleId module) {
  const sema::DefMap& dm = db.def_map(krate);
  const sema::ModuleData& md = dm.modules[module];
  Match m;
  m.kind = MatchKind::Module;
  m.name = md.name == UINT32_MAX ? db.graph()[krate].name : std::string(db.names().name(md.name));
  if (md.item != sema::kNoIndex) {
    // An inline module: its `mod name {` line.
    const index::ItemTree& tree = db.item_tree(md.file);
    const index::Item& it = tree.items[md.item];
    place_at_item(m, db, md.file, it);
    m.context = std::string(tree.str(it.signature));
    m.docs = std::string(tree.str(it.docs));
  } else if (md.file != sema::kNoIndex) {
    // A file module: the file itself (racer's answer).
    m.path = db.file_path(md.file);
    m.line = 1;
    m.col = 0;
    m.context = m.path;
    m.docs = std::string(db.item_tree(md.file).str(db.item_tree(md.file).file_docs));
    if (md.decl_file != sema::kNoIndex && m.docs.empty()) {
      const index::ItemTree& dt = db.item_tree(md.decl_file);
      m.docs = std::string(dt.str(dt.items[md.decl_item].docs));
    }
  } else if (md.decl_file != sema::kNoIndex) {
    const index::ItemTree& tree = db.item_tree(md.decl_file);
    const index::Item& it = tree.items[md.decl_item];
    place_at_item(m, db, md.decl_file, it);
    m.context = std::string(tree.str(it.signature));
  }
  m.snippet = m.name;
  m.relevance = Relevance::Item;
  return m;
}

Match match_for_crate(sema::Database& db, sema::CrateId krate, std::string_view name) {
  // The crate's root file (no need to resolve the crate for that).
  Match m;
  m.kind = MatchKind::Crate;
  m.name = std::string(name);
  m.snippet = m.name;
  m.relevance = Relevance::Item;
  if (krate >= db.graph().size()) return m;
  const base::CrateData& c = db.graph()[krate];
  m.path = c.root_file;
  m.line = 1;
  m.col = 0;
  m.context = m.path;
  if (db.fs().is_file(c.root_file)) {
    sema::FileId root = db.file_id(c.root_file);
    db.prepare_crate_file(root, krate);
    m.docs = std::string(db.item_tree(root).str(db.item_tree(root).file_docs));
  }
  return m;
}

void place_at_primitive_docs(sema::Database& db, std::string_view primitive, Match& m) {
  // Primitive types are documented in core's primitive_docs.rs (`mod prim_u8 {}`).
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
    const base::CrateData& cd = db.graph()[c];
    if (cd.origin != base::CrateOrigin::Sysroot || cd.name != "core") continue;
    std::string docs_file = sema::join_path(sema::parent_dir(cd.root_file), "primitive_docs.rs");
    if (!db.fs().is_file(docs_file)) return;
    sema::FileId f = db.file_id(docs_file);
    const index::ItemTree& t = db.item_tree(f);
    std::string want = "prim_" + std::string(primitive);
    for (uint32_t i = 0; i < t.items.size(); ++i) {
      if (t.items[i].kind == ItemKind::Module && t.str(t.items[i].name) == want) {
        m.path = db.file_path(f);
        m.line = t.items[i].name_line;
        m.col = t.items[i].name_col;
        m.offset = t.items[i].name_offset;
        if (m.docs.empty()) m.docs = std::string(t.str(t.items[i].docs));
        return;
      }
    }
    return;
  }
}

Match match_for_builtin(sema::Database& db, uint32_t builtin) {
  Match m;
  m.name = std::string(sema::builtin_type_name(builtin));
  m.kind = MatchKind::Builtin;
  m.context = m.name;
  m.snippet = m.name;
  m.relevance = Relevance::Builtin;
  place_at_primitive_docs(db, m.name, m);
  return m;
}

Match match_for_def(sema::Database& db, const sema::Def& def, std::string_view name, Relevance relevance) {
  Match m;
  switch (def.kind) {
    case sema::DefKind::Module:
      if (def.index == 0 && db.def_map(def.krate).modules[0].name == UINT32_MAX) {
        m = match_for_crate(db, def.krate, name);
      } else {
        m = match_for_module(db, def.krate, def.index);
        m.name = std::string(name);
        m.snippet = m.name;
      }
      m.relevance = relevance;
      return m;
    case sema::DefKind::Item: {
      const sema::ItemLoc& loc = db.def_map(def.krate).items[def.index];
      m = match_for_item(db, loc, relevance);
      // Known by another name here (`use a::B as C`, a re-export): show that name.
      if (!name.empty()) {
        bool macro = m.kind == MatchKind::Macro;
        m.name = std::string(name) + (macro ? "!" : "");
        if (m.kind != MatchKind::Function) m.snippet = m.name;
      }
      return m;
    }
    case sema::DefKind::BuiltinType: return match_for_builtin(db, def.index);
    case sema::DefKind::None: break;
  }
  return m;
}

Match match_for_import_alias(sema::Database& db, sema::CrateId krate, uint32_t import_record) {
  const sema::ImportRecord& rec = db.def_map(krate).imports[import_record];
  const index::ItemTree& tree = db.item_tree(rec.file);
  Match m;
  m.kind = MatchKind::UseAlias;
  m.path = db.file_path(rec.file);
  if (rec.import != sema::kNoIndex) {
    const index::Import& imp = tree.imports[rec.import];
    m.name = imp.alias.empty() ? std::string(db.names().name(rec.name)) : std::string(tree.str(imp.alias));
    m.line = imp.line;
    m.col = imp.col;
    m.offset = imp.offset;
    if (db.is_macro_file(rec.file)) {
      sema::Database::SourcePosition p = db.source_position(rec.file, imp.offset);
      m.path = db.file_path(p.file == sema::kNoIndex ? rec.file : p.file);
      m.line = p.line;
      m.col = p.col;
      m.offset = p.offset;
    }
    m.context = std::string(tree.str(imp.text));
  } else {
    const index::Item& it = tree.items[rec.use_item];
    m.name = std::string(tree.str(it.name));
    place_at_item(m, db, rec.file, it);
    m.context = std::string(tree.str(it.signature));
  }
  m.snippet = m.name;
  return m;
}

namespace {

void set_position(const Query& q, Match& m, uint32_t offset) {
  base::LineCol lc = q.lines().line_col(offset);
  m.path = q.db.file_path(q.file);
  m.line = lc.line;
  m.col = lc.col;
  m.offset = offset;
}

// The text of a node up to its first `{` child block (a signature), collapsed.
std::string head_text(const syntax::SyntaxTree& tree, syntax::NodeId id) {
  SyntaxNode n = tree.node(id);
  uint32_t end = n.range().end;
  for (SyntaxNode c : n.children()) {
    if (c.kind() == SyntaxKind::BlockExpr || c.kind() == SyntaxKind::MatchArmList) {
      end = c.range().start;
      break;
    }
  }
  return collapse_whitespace(tree.text().substr(n.range().start, end - n.range().start));
}

}  // namespace

Match match_for_local(const Query& q, const sema::LocalBinding& b) {
  Match m;
  m.name = b.name;
  m.snippet = b.name;
  m.relevance = Relevance::Local;
  set_position(q, m, b.name_offset);
  const syntax::SyntaxTree& tree = q.tree;
  switch (b.kind) {
    case sema::BindingKind::Let:
      m.kind = MatchKind::Let;
      m.context = collapse_whitespace(tree.node(b.site).text());
      break;
    case sema::BindingKind::FnArg:
    case sema::BindingKind::SelfParam:
      m.kind = MatchKind::FnArg;
      m.context = collapse_whitespace(tree.node(b.site).text());
      break;
    case sema::BindingKind::ClosureArg: {
      // racer shows a closure parameter with the closure's whole parameter list.
      m.kind = MatchKind::FnArg;
      SyntaxNode n = tree.node(b.site);
      while (n && n.kind() != SyntaxKind::ParamList) n = n.parent();
      m.context = n ? collapse_whitespace(n.text()) : std::string();
      break;
    }
    case sema::BindingKind::For:
      m.kind = MatchKind::For;
      m.context = head_text(tree, b.site);
      break;
    case sema::BindingKind::IfLet:
      m.kind = MatchKind::IfLet;
      m.context = head_text(tree, b.site);
      break;
    case sema::BindingKind::WhileLet:
      m.kind = MatchKind::WhileLet;
      m.context = head_text(tree, b.site);
      break;
    case sema::BindingKind::MatchArm: {
      m.kind = MatchKind::MatchArm;
      SyntaxNode arm = tree.node(b.site);
      SyntaxNode first = arm.first_child();
      while (first && first.kind() == SyntaxKind::Attr) first = first.next_sibling();
      m.context = first ? collapse_whitespace(first.text()) : std::string();
      break;
    }
  }
  return m;
}

Match match_for_local_item(const Query& q, const sema::LocalItem& item) {
  Match m;
  m.name = item.name;
  m.snippet = item.name;
  m.relevance = Relevance::Local;
  set_position(q, m, item.name_offset);
  SyntaxNode n = q.tree.node(item.node);
  switch (n.kind()) {
    case SyntaxKind::Fn: m.kind = MatchKind::Function; break;
    case SyntaxKind::Struct: m.kind = MatchKind::Struct; break;
    case SyntaxKind::Union: m.kind = MatchKind::Union; break;
    case SyntaxKind::Enum: m.kind = MatchKind::Enum; break;
    case SyntaxKind::Trait: m.kind = MatchKind::Trait; break;
    case SyntaxKind::TypeAlias: m.kind = MatchKind::Type; break;
    case SyntaxKind::Const: m.kind = MatchKind::Const; break;
    case SyntaxKind::Static: m.kind = MatchKind::Static; break;
    case SyntaxKind::Module: m.kind = MatchKind::Module; break;
    case SyntaxKind::MacroRules:
      m.kind = MatchKind::Macro;
      m.name += "!";
      m.snippet = m.name;
      break;
    default: m.kind = MatchKind::Struct; break;
  }
  // The signature: from after the attributes to the body.
  uint32_t start = n.range().start;
  for (SyntaxNode c : n.children()) {
    if (c.kind() != SyntaxKind::Attr) {
      start = c.range().start;
      break;
    }
  }
  uint32_t end = n.range().end;
  for (SyntaxNode c : n.children()) {
    SyntaxKind k = c.kind();
    if (k == SyntaxKind::BlockExpr || k == SyntaxKind::RecordFieldList || k == SyntaxKind::VariantList ||
        k == SyntaxKind::AssocItemList || k == SyntaxKind::ItemList || k == SyntaxKind::TokenTree) {
      end = c.range().start;
      break;
    }
  }
  if (end > start) m.context = collapse_whitespace(q.tree.text().substr(start, end - start));
  return m;
}

Match match_for_syntax_name(const Query& q, syntax::NodeId name_node, MatchKind kind, std::string context) {
  Match m;
  SyntaxNode n = q.tree.node(name_node);
  m.name = std::string(n.text());
  m.snippet = m.name;
  m.kind = kind;
  m.context = std::move(context);
  m.relevance = Relevance::Local;
  set_position(q, m, n.range().start);
  return m;
}

namespace {

enum class Stability : uint8_t { Unmarked, Usable, Unusable };

// The stability attributes in [begin, end) of `attrs`, for the query's crate: usable
// when `#[stable]`, or `#[unstable]` with the crate's `#![feature]` of it.
Stability stability_of(Query& q, const index::ItemTree& t, const index::Attr* begin,
                       const index::Attr* end) {
  Stability out = Stability::Unmarked;
  for (const index::Attr* a = begin; a != end; ++a) {
    if (a->cfg != index::kNone) continue;
    if (a->kind == index::AttrKind::Stable && out == Stability::Unmarked) out = Stability::Usable;
    if (a->kind != index::AttrKind::Unstable) continue;
    std::string_view feature = t.str(a->value);
    const index::ItemTree& root = q.db.item_tree(q.db.file_id(q.db.graph()[q.krate].root_file));
    bool enabled = false;
    for (const index::Attr& f : root.file_attrs) {
      enabled = enabled || (f.kind == index::AttrKind::Feature && root.str(f.value) == feature);
    }
    out = enabled ? Stability::Usable : Stability::Unusable;
    if (!enabled) return out;
  }
  return out;
}

Stability item_stability(Query& q, const index::ItemTree& t, const index::Item& it) {
  if (it.attrs_begin >= it.attrs_end || it.attrs_end > t.attrs.size()) return Stability::Unmarked;
  return stability_of(q, t, &t.attrs[it.attrs_begin], &t.attrs[0] + it.attrs_end);
}

}  // namespace

bool offered_in_completion(Query& q, sema::CrateId owner, const sema::ItemLoc& loc,
                           bool reexported) {
  sema::FileId file = loc.file;
  uint32_t item = loc.item;
  if (owner == q.krate || file == sema::kNoIndex) return true;
  const index::ItemTree& t = q.db.item_tree(file);
  if (item >= t.items.size()) return true;
  const index::Item& it = t.items[item];
  if (it.flags & index::kItemDocHidden) return false;
  // Items of traits and trait impls, and variants, have their parent's visibility; a
  // trait's items are hidden with it.
  bool inherits = false;
  const index::Item* parent = nullptr;
  if (it.parent != index::kNone && it.parent < t.items.size()) {
    parent = &t.items[it.parent];
    if (parent->kind == index::ItemKind::Trait && (parent->flags & index::kItemDocHidden))
      return false;
    inherits = parent->kind == index::ItemKind::Trait || parent->kind == index::ItemKind::Enum ||
               (parent->kind == index::ItemKind::Impl && parent->data != index::kNone &&
                t.impls[parent->data].trait_path != index::kNone);
  }
  // A macro_rules! of another crate in scope was exported (`#[macro_export]`, `macro_use`).
  if (it.kind == index::ItemKind::MacroRules) inherits = true;
  if (!inherits && it.vis != index::VisKind::Public) return false;
  // Stability: the nearest attribute decides — the item's, its trait's, then its
  // modules' (`#![unstable]` files: `Pattern::into_searcher`; a `#[stable]` item in an
  // unstable module stays usable: `LocalKey::with`).
  Stability s = item_stability(q, t, it);
  if (s == Stability::Unmarked && parent && parent->kind == index::ItemKind::Trait)
    s = item_stability(q, t, *parent);
  if (s == Stability::Unmarked && !reexported && owner < q.db.graph().size() &&
      loc.module != sema::kNoIndex) {
    const sema::DefMap& dm = q.db.def_map(owner);
    for (sema::ModuleId m = loc.module; m < dm.modules.size() && s == Stability::Unmarked;
         m = dm.modules[m].parent) {
      const sema::ModuleData& md = dm.modules[m];
      if (md.block) continue;
      if (md.file != sema::kNoIndex && md.item == sema::kNoIndex) {
        const index::ItemTree& ft = q.db.item_tree(md.file);
        if (!ft.file_attrs.empty())
          s = stability_of(q, ft, &ft.file_attrs[0], &ft.file_attrs[0] + ft.file_attrs.size());
      }
      if (s == Stability::Unmarked && md.decl_file != sema::kNoIndex) {
        const index::ItemTree& dt = q.db.item_tree(md.decl_file);
        if (md.decl_item < dt.items.size()) {
          const index::Item& d = dt.items[md.decl_item];
          if (d.flags & index::kItemDocHidden) return false;
          s = item_stability(q, dt, d);
        }
      }
      if (md.parent == sema::kNoIndex) break;
    }
  }
  return s != Stability::Unusable;
}

}  // namespace ferret::ide
