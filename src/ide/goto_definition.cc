// Find-definition over the syntax at the cursor and name resolution.
#include "ide/goto_definition.h"

#include <algorithm>

#include "ide/completion.h"
#include "ide/completion_context.h"
#include "ide/item_matches.h"
#include "ide/type_queries.h"
#include "ide/type_scopes.h"
#include "sema/body_scopes.h"
#include "sema/scope_lookup.h"

namespace ferret::ide {

using sema::Def;
using sema::DefKind;
using sema::Namespace;
using syntax::NodeId;
using syntax::SyntaxKind;
using syntax::SyntaxNode;
using syntax::TokenKind;

namespace {

NodeId ancestor(const syntax::SyntaxTree& t, NodeId n, SyntaxKind k) {
  for (; n != syntax::kNoNode; n = t.at(n).parent) {
    if (t.at(n).kind == k) return n;
  }
  return syntax::kNoNode;
}

std::string_view strip_raw(std::string_view s) {
  return s.size() > 2 && s[0] == 'r' && s[1] == '#' ? s.substr(2) : s;
}

// A def found by a path, as the match racer gives: aliases answer with the alias.
std::optional<Match> match_for_scope_def(Query& q, const sema::ScopeDef& sd, sema::CrateId scope_crate,
                                         std::string_view name) {
  if (!sd.def) return std::nullopt;
  if (sd.import != sema::kNoIndex && !sd.from_glob) {
    const sema::DefMap& dm = q.db.def_map(scope_crate);
    if (sd.import < dm.imports.size()) {
      const sema::ImportRecord& rec = dm.imports[sd.import];
      if (rec.import != sema::kNoIndex) {
        const index::ItemTree& t = q.db.item_tree(rec.file);
        if (!t.imports[rec.import].alias.empty()) {
          q.note("the name is an alias: `" + std::string(t.str(t.imports[rec.import].text)) + "`");
          return match_for_import_alias(q.db, scope_crate, sd.import);
        }
      }
    }
  }
  Match m = match_for_def(q.db, sd.def, sd.def.kind == DefKind::Module ? name : std::string_view(), Relevance::Item);
  if (m.path.empty() && sd.def.kind != DefKind::BuiltinType) return std::nullopt;
  return m;
}

std::optional<Match> first_of(Query& q, const sema::PerNs& per, sema::CrateId scope_crate, std::string_view name,
                              std::initializer_list<Namespace> order) {
  for (Namespace ns : order) {
    if (auto m = match_for_scope_def(q, per[ns], scope_crate, name)) return m;
  }
  return std::nullopt;
}

// Locals visible at the identifier under the cursor (`at`: an offset inside it).
std::optional<Match> local_named(Query& q, std::string_view name, uint32_t at) {
  sema::BodyScope scope = sema::body_scope_at(q.tree, at);
  for (const sema::LocalBinding& b : scope.bindings) {
    if (b.name == name) {
      q.note("`" + std::string(name) + "` is a local binding");
      return match_for_local(q, b);
    }
  }
  for (const sema::LocalItem& it : scope.items) {
    if (it.name == name) return match_for_local_item(q, it);
  }
  return std::nullopt;
}

std::optional<Match> generic_param_named(Query& q, std::string_view name) {
  uint32_t anchor = q.offset > 0 ? q.offset - 1 : 0;
  for (NodeId n = q.tree.innermost_node_at(anchor); n != syntax::kNoNode; n = q.tree.at(n).parent) {
    SyntaxNode node = q.tree.node(n);
    if (!syntax::is_item(node.kind())) continue;
    SyntaxNode gl = node.child(SyntaxKind::GenericParamList);
    if (!gl) continue;
    for (SyntaxNode p : gl.children()) {
      SyntaxNode nm = p.child(SyntaxKind::Name);
      if (nm && nm.text() == name) return match_for_syntax_name(q, nm.id(), MatchKind::TypeParameter, collapse_whitespace(p.text()));
    }
  }
  return std::nullopt;
}

// An associated item named `name` of a resolved type or trait.
std::optional<Match> assoc_item(Query& q, const Def& owner, std::string_view name) {
  std::vector<Match> items;
  collect_assoc_items(q, owner, items, name);
  for (Match& m : items) {
    if (m.name == name) return m;
  }
  return std::nullopt;
}

// Resolves the path in `path_node` up to and including segment `seg`.
std::optional<Match> definition_in_path(Query& q, NodeId path_node, NodeId seg, std::string_view name, bool in_use,
                                        bool value_first) {
  bool self_type = false;
  sema::SimplePath qualifier = in_use ? use_tree_path(q, path_node, seg) : syntax_path(q, path_node, seg, self_type);
  bool bare = qualifier.segments.empty() && qualifier.kind == index::PathKind::Plain && !self_type;
  sema::DatabaseMaps maps(q.db);
  if (bare && !in_use) {
    if (value_first) {
      if (auto m = local_named(q, name, q.ident_offset)) return m;
    }
    if (auto m = generic_param_named(q, name)) return m;
  }
  if (self_type && qualifier.segments.size() == 1) {
    std::vector<Match> items;
    self_qualifier_items(q, items);
    for (Match& m : items) {
      if (m.name == name) return m;
    }
    return std::nullopt;
  }
  if (qualifier.kind == index::PathKind::Plain && qualifier.segments.size() == 1 && !in_use) {
    std::vector<Match> items;
    if (generic_qualifier_items(q, q.db.names().name(qualifier.segments[0]), items)) {
      for (Match& m : items) {
        if (m.name == name) return m;
      }
      return std::nullopt;
    }
  }
  if (name == "Self" && bare) {
    Def owner = enclosing_self_type(q);
    if (owner) return match_for_def(q.db, owner, "", Relevance::Item);
  }
  sema::SimplePath full = qualifier;
  full.segments.push_back(q.db.names().intern(name));
  sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module, full, in_use);
  if (r.complete) {
    q.note("the path resolves through the module tree");
    // The scope whose entry we found: aliases live in the importing crate's map.
    sema::CrateId scope_crate = q.krate;
    if (!bare) {
      sema::PathResolution pr = sema::resolve_path(maps, q.krate, q.module, qualifier, in_use);
      Def owner = pr.complete ? pr.defs[Namespace::Types].def : Def{};
      if (owner.kind == DefKind::Module) scope_crate = owner.krate;
    }
    if (value_first) return first_of(q, r.defs, scope_crate, name, {Namespace::Values, Namespace::Types, Namespace::Macros});
    return first_of(q, r.defs, scope_crate, name, {Namespace::Types, Namespace::Values, Namespace::Macros});
  }
  // Type::item / Trait::item: the qualifier names a type, the last segment an item of it.
  if (!bare) {
    sema::PathResolution pr = sema::resolve_path(maps, q.krate, q.module, qualifier, in_use);
    if (pr.complete) {
      Def owner = pr.defs[Namespace::Types].def;
      if (owner && owner.kind != DefKind::Module) {
        q.note("the qualifier is a type or trait: looking at its impls");
        return assoc_item(q, owner, name);
      }
    }
  }
  return std::nullopt;
}

std::optional<Match> field_of_record(Query& q, NodeId record, std::string_view name) {
  SyntaxNode r = q.tree.node(record);
  SyntaxNode path = r.child(SyntaxKind::Path);
  if (!path) return std::nullopt;
  bool self_type = false;
  sema::SimplePath p = syntax_path(q, path.id(), syntax::kNoNode, self_type);
  Def d;
  if (self_type && p.segments.size() == 1) {
    d = enclosing_self_type(q);
  } else {
    sema::DatabaseMaps maps(q.db);
    sema::PathResolution res = sema::resolve_path(maps, q.krate, q.module, p, false);
    if (res.complete) d = res.defs[Namespace::Types].def ? res.defs[Namespace::Types].def : res.defs[Namespace::Values].def;
  }
  if (d.kind != DefKind::Item) return std::nullopt;
  const sema::ItemLoc& loc = q.db.def_map(d.krate).items[d.index];
  const index::ItemTree& t = q.db.item_tree(loc.file);
  std::optional<Match> out;
  t.for_each_child(loc.item, [&](uint32_t f) {
    if (!out && t.items[f].kind == index::ItemKind::Field && t.str(t.items[f].name) == name) {
      out = match_for_item(q.db, sema::ItemLoc{loc.file, f, sema::kNoIndex}, Relevance::Field);
    }
  });
  return out;
}

// The item a Name node names, as the item tree of this file has it.
std::optional<Match> definition_site(Query& q, NodeId name_node) {
  uint32_t start = q.tree.range(name_node).start;
  const index::ItemTree& t = q.db.item_tree(q.file);
  for (uint32_t i = 0; i < t.items.size(); ++i) {
    if (t.items[i].name_offset == start && !t.items[i].name.empty()) {
      const index::Item& it = t.items[i];
      if (it.kind == index::ItemKind::Module && !(it.flags & index::kItemInlineModule)) {
        // `mod m;`: the module's file.
        const sema::DefMap& dm = q.db.def_map(q.krate);
        for (sema::ModuleId m = 0; m < dm.modules.size(); ++m) {
          if (dm.modules[m].decl_file == q.file && dm.modules[m].decl_item == i) {
            q.note("`mod` declaration: its file");
            return match_for_module(q.db, q.krate, m);
          }
        }
      }
      if (it.kind == index::ItemKind::ExternCrate) {
        const index::ExternCrateData& e = t.extern_crates[it.data];
        std::string crate_name(t.str(e.crate_name));
        for (const base::CrateDependency& d : q.db.graph()[q.krate].deps) {
          if (d.name == crate_name) return match_for_crate(q.db, d.crate, it.name.empty() ? crate_name : std::string(t.str(it.name)));
        }
      }
      return match_for_item(q.db, sema::ItemLoc{q.file, i, sema::kNoIndex}, Relevance::Item);
    }
  }
  // A local binding or block item: its own binding site.
  std::string_view name = strip_raw(q.tree.node(name_node).text());
  if (auto m = local_named(q, name, q.ident_offset)) return m;
  return std::nullopt;
}

}  // namespace

std::optional<Match> find_definition(Query& q) {
  const std::string& text = *q.text;
  // The identifier under the cursor: expand both ways.
  uint32_t start = prefix_start(text, q.offset);
  uint32_t end = ident_end(text, q.offset);
  if (start == end) return std::nullopt;
  std::string name(strip_raw(std::string_view(text).substr(start, end - start)));
  q.ident_offset = start + 1;  // inside the identifier: scopes are computed there
  if (start >= 2 && text[start - 1] == '#' && text[start - 2] == 'r') start -= 2;
  NodeId node = q.tree.innermost_node_at(start);
  if (node == syntax::kNoNode) return std::nullopt;
  const syntax::SyntaxTree& t = q.tree;
  SyntaxKind nk = t.at(node).kind;
  q.note("the name under the cursor is `" + name + "` in a " + std::string(syntax::syntax_kind_name(nk)));

  if (nk == SyntaxKind::Name) return definition_site(q, node);

  if (nk == SyntaxKind::TokenTree || nk == SyntaxKind::Error || nk == SyntaxKind::SourceFile) {
    // Inside a macro call, or stray code: a path made of the tokens before the name.
    NodeId call = t.at(node).parent;
    if (call != syntax::kNoNode && t.at(call).kind == SyntaxKind::Attr) return std::nullopt;
    uint32_t name_tok = t.token_at_offset(start);
    if (name_tok > 0 && t.token_kind(name_tok - 1) == TokenKind::Dot) {
      // `recv.member` in a macro call's arguments: the receiver re-parsed and typed.
      return member_definition_in_tokens(q, name_tok - 1, name);
    }
    if (auto m = local_named(q, name, q.ident_offset)) return m;
    sema::SimplePath p;
    uint32_t tok = t.token_at_offset(start);
    std::vector<std::string_view> segs;
    int i = static_cast<int>(tok) - 1;
    auto segment_token = [&](int k) {
      TokenKind kind = t.tokens()[k].kind;
      return kind == TokenKind::Ident || kind == TokenKind::KwSelfType || kind == TokenKind::KwSelfValue ||
             kind == TokenKind::KwSuper || kind == TokenKind::KwCrate;
    };
    while (i >= 2 && t.tokens()[i].kind == TokenKind::Colon && t.tokens()[i - 1].kind == TokenKind::Colon &&
           segment_token(i - 2)) {
      segs.push_back(t.token_text(static_cast<uint32_t>(i - 2)));
      i -= 3;
    }
    std::reverse(segs.begin(), segs.end());
    // A leading `crate::`, `self::`, `super::…`: where the path starts.
    size_t first = 0;
    if (!segs.empty() && segs[0] == "crate") {
      p.kind = index::PathKind::Crate;
      first = 1;
    } else if (!segs.empty() && segs[0] == "self") {
      p.kind = index::PathKind::SelfModule;
      first = 1;
    } else {
      while (first < segs.size() && segs[first] == "super") ++first;
      if (first > 0) {
        p.kind = index::PathKind::Super;
        p.super_count = static_cast<uint8_t>(first);
      }
    }
    for (size_t k = first; k < segs.size(); ++k) p.segments.push_back(q.db.names().intern(segs[k]));
    p.segments.push_back(q.db.names().intern(name));
    sema::DatabaseMaps maps(q.db);
    sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module, p, false);
    if (r.complete) return first_of(q, r.defs, q.krate, name, {Namespace::Values, Namespace::Types, Namespace::Macros});
    if (p.segments.size() < 2 && !(segs.size() == 1 && segs[0] == "Self")) return std::nullopt;
    // `Type::item` / `Self::item`: an associated item of the type or trait the
    // qualifier names.
    p.segments.pop_back();
    Def owner;
    if (segs.size() == 1 && segs[0] == "Self") {
      owner = enclosing_self_type(q);
    } else {
      sema::PathResolution pr = sema::resolve_path(maps, q.krate, q.module, p, false);
      if (pr.complete) owner = pr.defs[Namespace::Types].def;
    }
    if (owner && owner.kind != DefKind::Module) return assoc_item(q, owner, name);
    return std::nullopt;
  }

  if (nk != SyntaxKind::NameRef) return std::nullopt;
  NodeId parent = t.at(node).parent;
  SyntaxKind pk = parent == syntax::kNoNode ? SyntaxKind::Error : t.at(parent).kind;

  if (pk == SyntaxKind::RecordExprField) {
    return field_of_record(q, ancestor(t, parent, SyntaxKind::RecordExpr), name);
  }
  if (pk == SyntaxKind::RecordPatField) {
    return field_of_record(q, ancestor(t, parent, SyntaxKind::RecordPat), name);
  }
  if (pk == SyntaxKind::FieldExpr || pk == SyntaxKind::MethodCallExpr) return member_definition(q, node);
  if (pk == SyntaxKind::PathSegment) {
    NodeId path = t.at(parent).parent;
    bool in_use = ancestor(t, path, SyntaxKind::Use) != syntax::kNoNode;
    NodeId holder = t.at(path).parent;
    SyntaxKind hk = holder == syntax::kNoNode ? SyntaxKind::Error : t.at(holder).kind;
    // The last segment of an expression path or a pattern path is a value first.
    bool last_segment = !t.node(parent).next_sibling();
    bool value_first = last_segment && (hk == SyntaxKind::PathExpr || hk == SyntaxKind::PathPat ||
                                        hk == SyntaxKind::TupleStructPat || hk == SyntaxKind::CallExpr);
    if (hk == SyntaxKind::MacroExpr || hk == SyntaxKind::MacroCall || hk == SyntaxKind::MacroPat ||
        hk == SyntaxKind::MacroType) {
      if (last_segment) {
        bool self_type = false;
        sema::SimplePath p = syntax_path(q, path, syntax::kNoNode, self_type);
        sema::DatabaseMaps maps(q.db);
        sema::PathResolution r = sema::resolve_path(maps, q.krate, q.module, p, false);
        if (r.complete) return first_of(q, r.defs, q.krate, name, {Namespace::Macros});
        return std::nullopt;
      }
    }
    return definition_in_path(q, path, parent, name, in_use, value_first);
  }
  return std::nullopt;
}

}  // namespace ferret::ide
