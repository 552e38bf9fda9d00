// Item tree building, part 1: items (with visibility, name, one-line signature,
// docs and the attributes that matter), their children, and use trees flattened
// into imports.
#include "index/item_tree_builder.h"

#include "index/item_tree_builder_impl.h"
#include "syntax/literal_value.h"

namespace ferret::index {

namespace detail {

namespace {

ItemKind item_kind_of(SyntaxKind k) {
  switch (k) {
    case SyntaxKind::Fn: return ItemKind::Fn;
    case SyntaxKind::Struct: return ItemKind::Struct;
    case SyntaxKind::Union: return ItemKind::Union;
    case SyntaxKind::Enum: return ItemKind::Enum;
    case SyntaxKind::Trait: return ItemKind::Trait;
    case SyntaxKind::TraitAlias: return ItemKind::TraitAlias;
    case SyntaxKind::Impl: return ItemKind::Impl;
    case SyntaxKind::TypeAlias: return ItemKind::TypeAlias;
    case SyntaxKind::Const: return ItemKind::Const;
    case SyntaxKind::Static: return ItemKind::Static;
    case SyntaxKind::Module: return ItemKind::Module;
    case SyntaxKind::Use: return ItemKind::Use;
    case SyntaxKind::ExternCrate: return ItemKind::ExternCrate;
    case SyntaxKind::ExternBlock: return ItemKind::ExternBlock;
    case SyntaxKind::MacroRules: return ItemKind::MacroRules;
    case SyntaxKind::MacroDef: return ItemKind::MacroDef;
    case SyntaxKind::Variant: return ItemKind::Variant;
    case SyntaxKind::RecordField:
    case SyntaxKind::TupleField: return ItemKind::Field;
    default: return ItemKind::MacroCall;
  }
}

// The child that starts an item's body: the signature stops before it.
bool is_body_node(SyntaxKind k) {
  return k == SyntaxKind::BlockExpr || k == SyntaxKind::RecordFieldList ||
         k == SyntaxKind::VariantList || k == SyntaxKind::AssocItemList ||
         k == SyntaxKind::ItemList || k == SyntaxKind::ExternItemList;
}

std::string unindent_docs(const std::vector<std::string>& lines) {
  // rustdoc drops the common leading whitespace of doc lines; one space is the norm.
  size_t common = std::string::npos;
  for (const std::string& l : lines) {
    size_t k = l.find_first_not_of(" \t");
    if (k == std::string::npos) continue;
    common = std::min(common, k);
  }
  if (common == std::string::npos) common = 0;
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    const std::string& l = lines[i];
    out += l.size() >= common ? l.substr(common) : std::string();
  }
  return out;
}

}  // namespace

void Builder::collect_items(SyntaxNode container, uint32_t parent) {
  for (SyntaxNode c : container.children()) {
    if (syntax::is_item(c.kind())) add_item(c, parent);
  }
}

void Builder::body_blocks(SyntaxNode node, uint32_t parent, int depth) {
  if (depth > 200) return;
  for (SyntaxNode c : node.children()) {
    if (syntax::is_item(c.kind())) continue;  // an item's own body is handled by add_item
    if (c.kind() != SyntaxKind::BlockExpr) {
      body_blocks(c, parent, depth + 1);
      continue;
    }
    bool has_items = false;
    for (SyntaxNode s : c.children()) has_items |= syntax::is_item(s.kind());
    if (!has_items) {
      body_blocks(c, parent, depth + 1);
      continue;
    }
    const uint32_t index = static_cast<uint32_t>(out_.items.size());
    Item blk;
    blk.kind = ItemKind::Block;
    blk.parent = parent;
    syntax::TextRange r = c.range();
    blk.start = r.start;
    blk.end = r.end;
    blk.name_offset = r.start;
    line_col(r.start, blk.name_line, blk.name_col);
    out_.items.push_back(blk);
    collect_items(c, index);
    body_blocks(c, index, depth + 1);
    out_.items[index].subtree_end = static_cast<uint32_t>(out_.items.size());
  }
}

// Attributes of one item: doc, cfg, cfg_attr and the ones listed in AttrKind.
struct AttrCollector {
  Builder& b;
  Item& item;
  std::vector<std::string> doc_lines;
  std::vector<Attr> attrs;

  // One meta item in tokens [begin, end): `path`, `path(…)` or `path = lit`,
  // applying only when `cond` holds (kNone: always).
  void meta(uint32_t begin, uint32_t end, uint32_t cond) {
    if (begin >= end) return;
    std::string name;
    uint32_t t = begin;
    while (t < end && (b.token_kind(t) == TokenKind::Ident || syntax::is_keyword(b.token_kind(t)) ||
                       b.token_kind(t) == TokenKind::Colon)) {
      name += b.token_text(t);
      ++t;
    }
    bool list = t < end && b.token_kind(t) == TokenKind::LParen;
    uint32_t list_end = list ? b.group_end(t, end) - 1 : t;
    std::optional<std::string> value;
    if (t + 1 < end && b.token_kind(t) == TokenKind::Eq) value = syntax::string_literal_value(b.token_text(t + 1));
    if (name == "doc") {
      if (value) {
        if (cond == kNone) doc_lines.push_back(*value);
      } else if (list) {
        for (uint32_t k = t + 1; k < list_end; ++k) {
          if (b.token_text(k) == "hidden") add(AttrKind::DocHidden, cond, "");
        }
      }
    } else if (name == "cfg" && list) {
      uint32_t pred = b.cfg_predicate(t + 1, list_end);
      if (cond != kNone) {
        // cfg_attr(c, cfg(p)): p must hold only when c does: any(not(c), p)
        CfgExpr not_c;
        not_c.kind = CfgKind::Not;
        not_c.children_begin = static_cast<uint32_t>(b.out_.cfg_children.size());
        b.out_.cfg_children.push_back(cond);
        not_c.children_end = static_cast<uint32_t>(b.out_.cfg_children.size());
        b.out_.cfgs.push_back(not_c);
        CfgExpr any;
        any.kind = CfgKind::Any;
        any.children_begin = static_cast<uint32_t>(b.out_.cfg_children.size());
        b.out_.cfg_children.push_back(static_cast<uint32_t>(b.out_.cfgs.size() - 1));
        b.out_.cfg_children.push_back(pred);
        any.children_end = static_cast<uint32_t>(b.out_.cfg_children.size());
        b.out_.cfgs.push_back(any);
        pred = static_cast<uint32_t>(b.out_.cfgs.size() - 1);
      }
      item.cfg = b.cfg_all(item.cfg, pred);
    } else if (name == "cfg_attr" && list) {
      // cfg_attr(predicate, attr, attr…)
      uint32_t k = t + 1;
      uint32_t stop = k;
      while (stop < list_end && b.token_kind(stop) != TokenKind::Comma) {
        TokenKind tk = b.token_kind(stop);
        stop = (tk == TokenKind::LParen || tk == TokenKind::LBracket || tk == TokenKind::LBrace)
                   ? b.group_end(stop, list_end)
                   : stop + 1;
      }
      uint32_t pred = b.cfg_predicate(k, stop);
      if (cond != kNone) pred = b.cfg_all(cond, pred);
      for (uint32_t a = stop + 1; a < list_end;) {
        uint32_t e = a;
        while (e < list_end && b.token_kind(e) != TokenKind::Comma) {
          TokenKind tk = b.token_kind(e);
          e = (tk == TokenKind::LParen || tk == TokenKind::LBracket || tk == TokenKind::LBrace)
                  ? b.group_end(e, list_end)
                  : e + 1;
        }
        meta(a, e, pred);
        a = e + 1;
      }
    } else if (name == "path" && value) {
      add(AttrKind::Path, cond, *value);
    } else if (name == "lang" && value) {
      add(AttrKind::Lang, cond, *value);
    } else if (name == "macro_use") {
      std::string names;
      for (uint32_t k = t + 1; list && k < list_end; ++k) {
        if (b.token_kind(k) == TokenKind::Ident) {
          if (!names.empty()) names += ',';
          names += b.token_text(k);
        }
      }
      add(AttrKind::MacroUse, cond, names);
      if (cond == kNone) item.flags |= kItemMacroUse;
    } else if (name == "macro_export") {
      if (cond == kNone) item.flags |= kItemMacroExport;
      for (uint32_t k = t + 1; list && k < list_end; ++k) {
        if (b.token_text(k) == "local_inner_macros") item.flags |= kItemLocalInnerMacros;
      }
    } else if (name == "no_std") {
      add(AttrKind::NoStd, cond, "");
    } else if (name == "no_core") {
      add(AttrKind::NoCore, cond, "");
    } else if (name == "no_implicit_prelude") {
      add(AttrKind::NoImplicitPrelude, cond, "");
    } else if (name == "prelude_import") {
      add(AttrKind::PreludeImport, cond, "");
    } else if (name == "rustc_builtin_macro") {
      add(AttrKind::BuiltinMacro, cond, "");
    } else if ((name == "unstable" || name == "stable" || name == "feature") && list) {
      // `#[unstable(feature = "x", …)]` / `#[stable(…)]`: the feature; `#![feature(a, b)]`:
      // each one.
      for (uint32_t k = t + 1; k < list_end; ++k) {
        if (name == "feature" && b.token_kind(k) == TokenKind::Ident &&
            (k + 1 == list_end || b.token_kind(k + 1) == TokenKind::Comma)) {
          add(AttrKind::Feature, cond, b.token_text(k));
        } else if (name != "feature" && b.token_text(k) == "feature" && k + 2 < list_end &&
                   b.token_kind(k + 1) == TokenKind::Eq &&
                   b.token_kind(k + 2) == TokenKind::StrLit) {
          std::string_view v = b.token_text(k + 2);
          if (v.size() >= 2)
            add(name == "stable" ? AttrKind::Stable : AttrKind::Unstable, cond,
                v.substr(1, v.size() - 2));
          break;
        }
      }
    } else if (name == "deprecated" || name == "rustc_deprecated") {
      if (cond == kNone) item.flags |= kItemDeprecated;
    } else if (name == "derive" && list) {
      uint32_t a = t + 1;
      while (a < list_end) {
        uint32_t e = a;
        while (e < list_end && b.token_kind(e) != TokenKind::Comma) ++e;
        std::string path;
        for (uint32_t k = a; k < e; ++k) path += b.token_text(k);
        if (!path.empty()) add(AttrKind::Derive, cond, path);
        a = e + 1;
      }
    }
  }

  void add(AttrKind kind, uint32_t cond, std::string_view value) {
    if (kind == AttrKind::DocHidden && cond == kNone) item.flags |= kItemDocHidden;
    Attr a;
    a.kind = kind;
    a.cfg = cond;
    a.value = b.intern(value);
    attrs.push_back(a);
  }

  void attr_node(SyntaxNode attr) {
    uint32_t first = attr.first_token();
    TokenKind k = b.token_kind(first);
    if (k == TokenKind::OuterDoc || k == TokenKind::InnerDoc) {
      std::string text = syntax::doc_comment_text(b.token_text(first));
      size_t pos = 0;
      for (;;) {  // block doc comments hold several lines
        size_t nl = text.find('\n', pos);
        doc_lines.push_back(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
        if (nl == std::string::npos) break;
        pos = nl + 1;
      }
      return;
    }
    // # [ meta ] or # ! [ meta ]: the meta runs from after `[` to before `]`.
    uint32_t t = first + 1;
    if (t < attr.end_token() && b.token_kind(t) == TokenKind::Bang) ++t;
    if (t >= attr.end_token() || b.token_kind(t) != TokenKind::LBracket) return;
    uint32_t end = attr.end_token();
    if (end > t + 1 && b.token_kind(end - 1) == TokenKind::RBracket) --end;
    uint32_t begin = t + 1;
    if (begin < end && b.token_kind(begin) == TokenKind::KwUnsafe && begin + 1 < end) {
      begin += 2;  // #[unsafe(no_mangle)]
      if (end > begin && b.token_kind(end - 1) == TokenKind::RParen) --end;
    }
    meta(begin, end, kNone);
  }

  void finish() {
    item.attrs_begin = static_cast<uint32_t>(b.out_.attrs.size());
    b.out_.attrs.append(attrs.begin(), attrs.end());
    item.attrs_end = static_cast<uint32_t>(b.out_.attrs.size());
    if (!doc_lines.empty()) item.docs = b.intern(unindent_docs(doc_lines));
  }
};

void Builder::file_attributes(SyntaxNode root) {
  Item scratch;
  AttrCollector ac{*this, scratch, {}, {}};
  for (SyntaxNode c : root.children()) {
    if (c.kind() != SyntaxKind::Attr) continue;
    uint32_t first = c.first_token();
    bool inner = token_kind(first) == TokenKind::InnerDoc ||
                 (token_kind(first) == TokenKind::Pound && first + 1 < c.end_token() &&
                  token_kind(first + 1) == TokenKind::Bang);
    if (inner) ac.attr_node(c);
  }
  for (const Attr& a : ac.attrs) {
    if (a.kind == AttrKind::Feature || a.kind == AttrKind::Unstable || a.kind == AttrKind::Stable) {
      out_.file_attrs.push_back(
          a);  // `#![feature(x)]`, `#![unstable(feature = "x")]`, `#![stable]`
      continue;
    }
    uint32_t flag = 0;
    if (a.kind == AttrKind::NoStd) flag = kFileNoStd;
    if (a.kind == AttrKind::NoCore) flag = kFileNoCore;
    if (a.kind == AttrKind::NoImplicitPrelude) flag = kFileNoImplicitPrelude;
    if (flag == 0) continue;
    if (a.cfg == kNone) {
      out_.file_flags |= flag;
    } else {
      out_.file_attrs.push_back(a);  // `#![cfg_attr(not(feature = "std"), no_std)]`
    }
  }
  if (!ac.doc_lines.empty()) out_.file_docs = intern(unindent_docs(ac.doc_lines));
  out_.file_cfg = scratch.cfg;
}

namespace {

struct UseFlattener {
  Builder& b;
  std::vector<Import>& out;

  // A prefix path: kind, super count and segment names so far.
  struct Prefix {
    PathKind kind = PathKind::Plain;
    uint8_t supers = 0;
    std::vector<Str> segs;
  };

  void add_segments(Prefix& p, SyntaxNode path) {
    if (!path) return;
    bool first_token = p.segs.empty() && p.kind == PathKind::Plain && p.supers == 0;
    uint32_t colon = path.own_token(TokenKind::Colon);
    if (first_token && colon != UINT32_MAX && path.first_child() &&
        colon < path.first_child().first_token()) {
      p.kind = PathKind::Absolute;
    }
    for (SyntaxNode seg : path.children()) {
      if (seg.kind() != SyntaxKind::PathSegment) continue;
      SyntaxNode nr = seg.child(SyntaxKind::NameRef);
      std::string_view name = nr ? Builder::strip_raw(nr.text()) : std::string_view();
      bool at_start = p.segs.empty() && (p.kind == PathKind::Plain || p.kind == PathKind::Super);
      if (at_start && name == "crate" && p.kind == PathKind::Plain && p.supers == 0) {
        p.kind = PathKind::Crate;
      } else if (at_start && name == "self" && p.kind == PathKind::Plain && p.supers == 0) {
        p.kind = PathKind::SelfModule;
      } else if (at_start && name == "super") {
        p.kind = PathKind::Super;
        ++p.supers;
      } else if (at_start && name == "$crate" && p.kind == PathKind::Plain) {
        p.kind = PathKind::DollarCrate;
      } else {
        p.segs.push_back(b.intern(name));
      }
    }
  }

  uint32_t make_path(const Prefix& p) {
    Path path;
    path.kind = p.kind;
    path.super_count = p.supers;
    path.segments_begin = static_cast<uint32_t>(b.out_.segments.size());
    for (Str s : p.segs) {
      PathSegment seg;
      seg.name = s;
      b.out_.segments.push_back(seg);
    }
    path.segments_end = static_cast<uint32_t>(b.out_.segments.size());
    b.out_.paths.push_back(path);
    return static_cast<uint32_t>(b.out_.paths.size() - 1);
  }

  void position(Import& imp, uint32_t offset) {
    imp.offset = offset;
    b.line_col(offset, imp.line, imp.col);
  }

  void tree(SyntaxNode t, Prefix prefix) {
    SyntaxNode path = t.child(SyntaxKind::Path);
    SyntaxNode list = t.child(SyntaxKind::UseTreeList);
    SyntaxNode rename = t.child(SyntaxKind::Rename);
    uint32_t colon = t.own_token(TokenKind::Colon);
    if (!path && colon != UINT32_MAX && prefix.segs.empty() && prefix.kind == PathKind::Plain) {
      prefix.kind = PathKind::Absolute;  // use ::{a, b}; / use ::*;
    }
    // `self` in a list: `use a::{self}` imports `a`.
    bool self_in_list = path && !path.first_child().next_sibling() && path.text() == "self" &&
                        !prefix.segs.empty();
    if (!self_in_list) add_segments(prefix, path);
    uint32_t star = t.own_token(TokenKind::Star);
    if (star != UINT32_MAX) {
      Import imp;
      imp.text = b.intern_collapsed(t.text());
      imp.kind = ImportKind::Glob;
      imp.path = make_path(prefix);
      position(imp, b.tree_.tokens()[star].start);
      out.push_back(imp);
      return;
    }
    if (list) {
      for (SyntaxNode c : list.children()) {
        if (c.kind() == SyntaxKind::UseTree) tree(c, prefix);
      }
      return;
    }
    if (!path) return;
    Import imp;
    imp.text = b.intern_collapsed(t.text());
    imp.self_import = self_in_list;
    imp.path = make_path(prefix);
    SyntaxNode last_seg;
    for (SyntaxNode s : path.children()) last_seg = s;
    position(imp, last_seg ? last_seg.range().start : path.range().start);
    if (rename) {
      SyntaxNode name = rename.child(SyntaxKind::Name);
      if (name) {
        std::string_view alias = Builder::strip_raw(name.text());
        if (alias == "_") {
          imp.underscore = 1;
        } else {
          imp.alias = b.intern(alias);
        }
        position(imp, name.range().start);
      }
    }
    out.push_back(imp);
  }
};

}  // namespace

void Builder::visibility(SyntaxNode vis, Item& it) {
  uint32_t t = vis.first_token();
  if (token_kind(t) == TokenKind::KwCrate) {
    it.vis = VisKind::Crate;
    return;
  }
  it.vis = VisKind::Public;
  if (t + 2 >= vis.end_token() || token_kind(t + 1) != TokenKind::LParen) return;
  switch (token_kind(t + 2)) {
    case TokenKind::KwCrate: it.vis = VisKind::Crate; break;
    case TokenKind::KwSelfValue: it.vis = VisKind::SelfModule; break;
    case TokenKind::KwSuper: it.vis = VisKind::Super; break;
    default:
      if (SyntaxNode p = vis.child(SyntaxKind::Path)) {
        it.vis = VisKind::InPath;
        it.vis_path = path(p);
      }
  }
}

void Builder::add_item(SyntaxNode node, uint32_t parent, int tuple_index) {
  const uint32_t index = static_cast<uint32_t>(out_.items.size());
  out_.items.emplace_back();
  Item it;
  it.kind = item_kind_of(node.kind());
  it.parent = parent;
  syntax::TextRange r = node.range();
  it.start = r.start;
  it.end = r.end;

  // Attributes (the leading children); the signature starts after them.
  AttrCollector ac{*this, it, {}, {}};
  uint32_t first_sig_token = node.first_token();
  for (SyntaxNode c : node.children()) {
    if (c.kind() != SyntaxKind::Attr) continue;
    ac.attr_node(c);
    if (c.first_token() == first_sig_token) first_sig_token = c.end_token();
  }
  uint32_t sig_start = first_sig_token < node.end_token() ? tree_.tokens()[first_sig_token].start : r.end;
  SyntaxNode vis = node.child(SyntaxKind::Visibility);
  if (vis) visibility(vis, it);
  SyntaxNode name = node.child(SyntaxKind::Name);
  if (tuple_index >= 0) {
    it.name = intern(std::to_string(tuple_index));
    it.name_offset = sig_start < r.end ? sig_start : r.start;
  } else if (name) {
    it.name = intern(strip_raw(name.text()));
    it.name_offset = name.range().start;
  } else {
    it.name_offset = sig_start < r.end ? sig_start : r.start;
  }
  line_col(it.name_offset, it.name_line, it.name_col);

  // Signature: from sig_start to the body (exclusive) or the item's end.
  uint32_t sig_end = r.end;
  for (SyntaxNode c : node.children()) {
    if (it.kind == ItemKind::Variant || it.kind == ItemKind::Field) break;  // whole text
    if (is_body_node(c.kind()) ||
        ((it.kind == ItemKind::MacroRules || it.kind == ItemKind::MacroDef) &&
         c.kind() == SyntaxKind::TokenTree)) {
      sig_end = c.range().start;
      break;
    }
  }
  // A function declaration's signature stops before its `;` (racer's context strings);
  // other items ending in `;` keep it (`pub type A = B;`, `struct S;`).
  if (it.kind == ItemKind::Fn && sig_end == r.end && sig_end > sig_start && tree_.text()[sig_end - 1] == ';') {
    --sig_end;
  }
  if (sig_start < sig_end)
    it.signature = intern_signature(tree_.text().substr(sig_start, sig_end - sig_start));

  auto has_own = [&](TokenKind k) { return node.own_token(k) != UINT32_MAX; };
  if (has_own(TokenKind::KwUnsafe)) it.flags |= kItemUnsafe;
  if (has_own(TokenKind::KwConst) && it.kind != ItemKind::Const) it.flags |= kItemConst;
  if (has_own(TokenKind::KwAsync)) it.flags |= kItemAsync;

  switch (it.kind) {
    case ItemKind::Fn: {
      FnData f;
      f.generics = generics(node);
      SyntaxNode abi = node.child(SyntaxKind::Abi);
      if (abi) {
        it.flags |= kItemExternFn;
        f.abi = intern(abi.text());
      }
      if (parent != kNone && out_.items[parent].kind == ItemKind::ExternBlock) it.flags |= kItemExternFn;
      if (node.child(SyntaxKind::BlockExpr)) it.flags |= kItemHasBody;
      SyntaxNode params = node.child(SyntaxKind::ParamList);
      std::vector<Param> ps;
      if (params) {
        for (SyntaxNode p : params.children()) {
          if (p.kind() == SyntaxKind::SelfParam) {
            std::string_view st = p.text();
            SyntaxNode ty;
            for (SyntaxNode c : p.children()) {
              if (is_type_node(c.kind())) ty = c;
            }
            if (ty) {
              f.self_kind = SelfKind::Typed;
              f.self_type = type(ty);
            } else if (!st.empty() && st[0] == '&') {
              f.self_kind = p.own_token(TokenKind::KwMut) != UINT32_MAX ? SelfKind::RefMut : SelfKind::Ref;
            } else {
              f.self_kind = SelfKind::Value;
            }
          } else if (p.kind() == SyntaxKind::VariadicParam) {
            f.variadic = 1;
          } else if (p.kind() == SyntaxKind::Param) {
            Param pr;
            SyntaxNode pat, ty;
            for (SyntaxNode c : p.children()) {
              if (is_pattern_node(c.kind()) && !pat) {
                pat = c;
              } else if (is_type_node(c.kind())) {
                ty = c;
              }
            }
            if (pat) pr.pattern = intern_collapsed(pat.text());
            if (ty) {
              pr.type = type(ty);
              pr.type_text = intern_collapsed(ty.text());
            }
            ps.push_back(pr);
          }
        }
      }
      f.params_begin = static_cast<uint32_t>(out_.params.size());
      out_.params.append(ps.begin(), ps.end());
      f.params_end = static_cast<uint32_t>(out_.params.size());
      SyntaxNode ret = node.child(SyntaxKind::RetType);
      if (ret) f.ret_type = type(ret.first_child());
      out_.fns.push_back(f);
      it.data = static_cast<uint32_t>(out_.fns.size() - 1);
      break;
    }
    case ItemKind::Struct:
    case ItemKind::Union:
    case ItemKind::Enum: {
      AdtData a;
      a.generics = generics(node);
      out_.adts.push_back(a);
      it.data = static_cast<uint32_t>(out_.adts.size() - 1);
      if (!node.child(SyntaxKind::RecordFieldList) && it.kind != ItemKind::Enum) {
        it.flags |= node.child(SyntaxKind::TupleFieldList) ? kItemTuple : kItemUnit;
      }
      break;
    }
    case ItemKind::Trait:
    case ItemKind::TraitAlias: {
      TraitData t;
      t.generics = generics(node);
      SyntaxNode bl = node.child(SyntaxKind::TypeBoundList);
      if (bl) bounds(bl, t.supertraits_begin, t.supertraits_end);
      if (node.text().find("auto") != std::string_view::npos) {
        for (uint32_t k = node.first_token(); k < node.end_token(); ++k) {
          if (token_kind(k) == TokenKind::KwTrait) break;
          if (token_text(k) == "auto") it.flags |= kItemAuto;
        }
      }
      out_.traits.push_back(t);
      it.data = static_cast<uint32_t>(out_.traits.size() - 1);
      break;
    }
    case ItemKind::Impl: {
      ImplData d;
      d.generics = generics(node);
      std::vector<SyntaxNode> types;
      for (SyntaxNode c : node.children()) {
        if (is_type_node(c.kind())) types.push_back(c);
      }
      bool has_for = node.own_token(TokenKind::KwFor) != UINT32_MAX;
      if (has_for && types.size() >= 2) {
        d.trait_path = types[0].kind() == SyntaxKind::PathType ? path(types[0].child(SyntaxKind::Path)) : kNone;
        d.self_type = type(types[1]);
        uint32_t bang = node.own_token(TokenKind::Bang);
        if (bang != UINT32_MAX && bang < types[0].first_token()) it.flags |= kItemNegative;
      } else if (!types.empty()) {
        d.self_type = type(types[0]);
      }
      out_.impls.push_back(d);
      it.data = static_cast<uint32_t>(out_.impls.size() - 1);
      break;
    }
    case ItemKind::TypeAlias: {
      TypeAliasData d;
      d.generics = generics(node);
      SyntaxNode bl = node.child(SyntaxKind::TypeBoundList);
      if (bl) bounds(bl, d.bounds_begin, d.bounds_end);
      for (SyntaxNode c : node.children()) {
        if (is_type_node(c.kind())) d.type = type(c);
      }
      out_.type_aliases.push_back(d);
      it.data = static_cast<uint32_t>(out_.type_aliases.size() - 1);
      break;
    }
    case ItemKind::Const:
    case ItemKind::Static: {
      ConstData d;
      d.generics = generics(node);
      for (SyntaxNode c : node.children()) {
        if (is_type_node(c.kind())) {
          d.type = type(c);
          break;
        }
      }
      if (it.kind == ItemKind::Static && has_own(TokenKind::KwMut)) it.flags |= kItemMutable;
      out_.consts.push_back(d);
      it.data = static_cast<uint32_t>(out_.consts.size() - 1);
      break;
    }
    case ItemKind::Module: {
      ModuleData m;
      for (const Attr& a : ac.attrs) {
        if (a.kind == AttrKind::Path && a.cfg == kNone) m.path_attr = a.value;
      }
      if (node.child(SyntaxKind::ItemList)) it.flags |= kItemInlineModule;
      out_.modules.push_back(m);
      it.data = static_cast<uint32_t>(out_.modules.size() - 1);
      break;
    }
    case ItemKind::Use: {
      UseData u;
      u.imports_begin = static_cast<uint32_t>(out_.imports.size());
      std::vector<Import> imports;
      UseFlattener flat{*this, imports};
      SyntaxNode tree = node.child(SyntaxKind::UseTree);
      if (tree) flat.tree(tree, {});
      out_.imports.append(imports.begin(), imports.end());
      u.imports_end = static_cast<uint32_t>(out_.imports.size());
      out_.uses.push_back(u);
      it.data = static_cast<uint32_t>(out_.uses.size() - 1);
      break;
    }
    case ItemKind::ExternCrate: {
      ExternCrateData e;
      if (name) e.crate_name = it.name;
      SyntaxNode rename = node.child(SyntaxKind::Rename);
      if (rename) {
        SyntaxNode alias = rename.child(SyntaxKind::Name);
        if (alias) {
          e.alias = intern(strip_raw(alias.text()));
          it.name = e.alias;
          it.name_offset = alias.range().start;
          line_col(it.name_offset, it.name_line, it.name_col);
        }
      }
      out_.extern_crates.push_back(e);
      it.data = static_cast<uint32_t>(out_.extern_crates.size() - 1);
      break;
    }
    case ItemKind::MacroRules:
    case ItemKind::MacroDef:
    case ItemKind::MacroCall: {
      MacroData m;
      SyntaxNode p = node.child(SyntaxKind::Path);
      if (p) m.path = path(p);
      std::vector<SyntaxNode> tts;
      for (SyntaxNode c : node.children()) {
        if (c.kind() == SyntaxKind::TokenTree) tts.push_back(c);
      }
      if (it.kind == ItemKind::MacroDef && tts.size() >= 2) {
        m.params = intern(tts[0].text());
        m.body = intern(tts[1].text());
        m.body_offset = tts[1].range().start;
      } else if (!tts.empty()) {
        m.body = intern(tts[0].text());
        m.body_offset = tts[0].range().start;
      }
      if (it.kind == ItemKind::MacroCall && p) {
        // name the call by its macro for outlines (`int_impl`)
        SyntaxNode last;
        for (SyntaxNode s : p.children()) last = s;
        if (last) it.name_offset = last.range().start;
        line_col(it.name_offset, it.name_line, it.name_col);
      }
      out_.macros.push_back(m);
      it.data = static_cast<uint32_t>(out_.macros.size() - 1);
      break;
    }
    case ItemKind::Variant: {
      AdtData a;
      uint32_t eq = node.own_token(TokenKind::Eq);
      if (eq != UINT32_MAX) {
        a.discriminant = intern_collapsed(tree_.text().substr(tree_.tokens()[eq].end(), r.end - tree_.tokens()[eq].end()));
      }
      out_.adts.push_back(a);
      it.data = static_cast<uint32_t>(out_.adts.size() - 1);
      if (!node.child(SyntaxKind::RecordFieldList)) {
        it.flags |= node.child(SyntaxKind::TupleFieldList) ? kItemTuple : kItemUnit;
      }
      break;
    }
    case ItemKind::Field: {
      FieldData f;
      for (SyntaxNode c : node.children()) {
        if (is_type_node(c.kind())) f.type = type(c);
      }
      out_.fields.push_back(f);
      it.data = static_cast<uint32_t>(out_.fields.size() - 1);
      break;
    }
    case ItemKind::ExternBlock:
    case ItemKind::Block: break;
  }
  ac.finish();
  out_.items[index] = it;

  // Children.
  switch (it.kind) {
    case ItemKind::Module: {
      SyntaxNode list = node.child(SyntaxKind::ItemList);
      if (list) {
        // inner attributes and `//!` docs of an inline module
        Item& self = out_.items[index];
        AttrCollector inner{*this, self, {}, {}};
        for (SyntaxNode c : list.children()) {
          if (c.kind() == SyntaxKind::Attr) inner.attr_node(c);
        }
        if (!inner.doc_lines.empty() && self.docs.empty()) self.docs = intern(unindent_docs(inner.doc_lines));
        if (!inner.attrs.empty()) {
          // keep the outer attrs contiguous: append the inner ones after them
          std::vector<Attr> all(out_.attrs.begin() + self.attrs_begin, out_.attrs.begin() + self.attrs_end);
          all.insert(all.end(), inner.attrs.begin(), inner.attrs.end());
          self.attrs_begin = static_cast<uint32_t>(out_.attrs.size());
          out_.attrs.append(all.begin(), all.end());
          self.attrs_end = static_cast<uint32_t>(out_.attrs.size());
        }
        collect_items(list, index);
      }
      break;
    }
    case ItemKind::Trait:
    case ItemKind::Impl:
    case ItemKind::ExternBlock: {
      SyntaxNode list = node.child(it.kind == ItemKind::ExternBlock ? SyntaxKind::ExternItemList
                                                                     : SyntaxKind::AssocItemList);
      if (list) collect_items(list, index);
      break;
    }
    case ItemKind::Struct:
    case ItemKind::Union:
    case ItemKind::Variant: {
      if (SyntaxNode list = node.child(SyntaxKind::RecordFieldList)) {
        for (SyntaxNode f : list.children()) {
          if (f.kind() == SyntaxKind::RecordField) add_item(f, index);
        }
      } else if (SyntaxNode tlist = node.child(SyntaxKind::TupleFieldList)) {
        int i = 0;
        for (SyntaxNode f : tlist.children()) {
          if (f.kind() == SyntaxKind::TupleField) add_item(f, index, i++);
        }
      }
      break;
    }
    case ItemKind::Enum: {
      SyntaxNode list = node.child(SyntaxKind::VariantList);
      if (list) {
        for (SyntaxNode v : list.children()) {
          if (v.kind() == SyntaxKind::Variant) add_item(v, index);
        }
      }
      break;
    }
    default: break;
  }
  if (bodies_ && (it.kind == ItemKind::Fn || it.kind == ItemKind::Const || it.kind == ItemKind::Static)) {
    body_blocks(node, index, 0);
  }
  out_.items[index].subtree_end = static_cast<uint32_t>(out_.items.size());
}

}  // namespace detail

ItemTree build_item_tree(const syntax::SyntaxTree& tree, bool bodies) {
  detail::Builder b(tree);
  b.bodies_ = bodies;
  syntax::SyntaxNode root = tree.root();
  if (root) {
    b.file_attributes(root);
    b.collect_items(root, kNone);
  }
  return b.finish();
}

ItemTree build_type_fragment(const syntax::SyntaxTree& tree, syntax::NodeId type_node, uint32_t& index) {
  detail::Builder b(tree, false);
  index = b.type(tree.node(type_node));
  return b.finish();
}

ItemTree build_cfg_fragment(const syntax::SyntaxTree& tree, syntax::NodeId node, uint32_t& cfg) {
  detail::Builder b(tree, false);
  Item it;
  detail::AttrCollector ac{b, it, {}, {}};
  for (syntax::SyntaxNode c : tree.node(node).children()) {
    if (c.kind() == syntax::SyntaxKind::Attr) ac.attr_node(c);
  }
  cfg = it.cfg;
  return b.finish();
}

ItemTree build_path_fragment(const syntax::SyntaxTree& tree, syntax::NodeId path_node, uint32_t& index) {
  detail::Builder b(tree, false);
  index = b.path(tree.node(path_node));
  return b.finish();
}

}  // namespace ferret::index
