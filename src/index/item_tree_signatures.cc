// Item tree building, part 2: paths, types, bounds, generics and cfg predicates as
// plain data, plus the builder's string and position helpers.
#include <algorithm>
#include <cstring>

#include "index/item_tree_builder_impl.h"
#include "syntax/literal_value.h"
#include "syntax/nesting_limit.h"

namespace ferret::index::detail {

bool is_type_node(SyntaxKind k) {
  return k >= SyntaxKind::PathType && k <= SyntaxKind::MacroType;
}

bool is_pattern_node(SyntaxKind k) {
  return k >= SyntaxKind::IdentPat && k <= SyntaxKind::ConstBlockPat;
}

Builder::Builder(const syntax::SyntaxTree& tree, bool positions) : tree_(tree) {
  std::string_view text = tree.text();
  line_starts_.push_back(0);
  for (const char* p = text.data();
       positions && (p = static_cast<const char*>(std::memchr(p, '\n', text.data() + text.size() - p)));) {
    ++p;
    line_starts_.push_back(static_cast<uint32_t>(p - text.data()));
  }
  out_.text_size = static_cast<uint32_t>(text.size());
}

Str Builder::intern(std::string_view s) {
  if (s.empty()) return {};
  auto it = interned_.find(s);
  if (it != interned_.end()) return it->second;
  Str str{static_cast<uint32_t>(out_.strings.size()), static_cast<uint32_t>(s.size())};
  out_.strings.append(s);
  interned_.emplace(std::string(s), str);
  return str;
}

namespace {

std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
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

}  // namespace

Str Builder::intern_collapsed(std::string_view s) {
  return intern(collapse(s));
}

Str Builder::intern_signature(std::string_view s) {
  std::string collapsed = collapse(s);
  std::string out;
  out.reserve(collapsed.size());
  for (size_t i = 0; i < collapsed.size();) {
    // `#[…]` / `#![…]`: skipped with its brackets (strings inside may hold any bracket).
    if (collapsed[i] == '#' &&
        (collapsed.compare(i, 2, "#[") == 0 || collapsed.compare(i, 3, "#![") == 0)) {
      size_t j = collapsed.find('[', i);
      int depth = 0;
      bool in_string = false;
      for (; j < collapsed.size(); ++j) {
        char c = collapsed[j];
        if (in_string) {
          if (c == '\\')
            ++j;
          else if (c == '"')
            in_string = false;
        } else if (c == '"') {
          in_string = true;
        } else if (c == '[') {
          ++depth;
        } else if (c == ']' && --depth == 0) {
          break;
        }
      }
      i = j + 1;
      if (i < collapsed.size() && collapsed[i] == ' ') ++i;
      continue;
    }
    if (collapsed.compare(i, 7, "~const ") == 0) {
      i += 7;
      continue;
    }
    out += collapsed[i++];
  }
  // Specialization's `default` before the item keyword (`default fn`, `pub default fn`).
  for (std::string_view lead : {"default ", "pub default "}) {
    if (out.compare(0, lead.size(), lead) == 0 && out.size() > lead.size() &&
        (out.compare(lead.size(), 3, "fn ") == 0 || out.compare(lead.size(), 5, "type ") == 0 ||
         out.compare(lead.size(), 6, "const ") == 0 ||
         out.compare(lead.size(), 7, "unsafe ") == 0 ||
         out.compare(lead.size(), 6, "async ") == 0)) {
      out.erase(lead.size() - 8, 8);
    }
  }
  return intern(out);
}

void Builder::line_col(uint32_t offset, uint32_t& line, uint32_t& col) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  line = static_cast<uint32_t>(it - line_starts_.begin());
  col = offset - line_starts_[line - 1];
}

uint32_t Builder::group_end(uint32_t open, uint32_t limit) const {
  int depth = 0;
  for (uint32_t t = open; t < limit; ++t) {
    TokenKind k = token_kind(t);
    if (k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace) ++depth;
    if (k == TokenKind::RParen || k == TokenKind::RBracket || k == TokenKind::RBrace) {
      if (--depth == 0) return t + 1;
    }
  }
  return limit;
}

// ---------------------------------------------------------------- paths

uint32_t Builder::path(SyntaxNode p) {
  if (!p) return kNone;
  Path out;
  out.segments_begin = static_cast<uint32_t>(out_.segments.size());
  if (p.own_token(TokenKind::Colon) != UINT32_MAX &&
      p.own_token(TokenKind::Colon) < p.first_child().first_token()) {
    out.kind = PathKind::Absolute;
  }
  bool first = true;
  std::vector<PathSegment> segs;
  for (SyntaxNode seg : p.children()) {
    if (seg.kind() != SyntaxKind::PathSegment) continue;
    PathSegment s;
    SyntaxNode qself = seg.child(SyntaxKind::QualifiedSelf);
    if (qself) {  // <T as Trait>: the first type is T, the second (a path) the trait
      int n_types = 0;
      for (SyntaxNode c : qself.children()) {
        if (!is_type_node(c.kind())) continue;
        if (n_types == 0) {
          out.qualified_self = type(c);
        } else if (n_types == 1 && c.kind() == SyntaxKind::PathType) {
          out.qualified_trait = path(c.child(SyntaxKind::Path));
        }
        ++n_types;
      }
      first = false;
      continue;
    }
    SyntaxNode name = seg.child(SyntaxKind::NameRef);
    std::string_view text = name ? strip_raw(name.text()) : std::string_view();
    if (first) {
      if (text == "crate") {
        out.kind = PathKind::Crate;
        first = false;
        continue;
      }
      if (text == "self" && p.first_child().next_sibling()) {
        out.kind = PathKind::SelfModule;
        first = false;
        continue;
      }
      if (text == "$crate") {
        out.kind = PathKind::DollarCrate;
        first = false;
        continue;
      }
    }
    if (text == "super" && (out.kind == PathKind::Super || first)) {
      out.kind = PathKind::Super;
      ++out.super_count;
      first = false;
      continue;
    }
    first = false;
    s.name = intern(text);
    SyntaxNode args = seg.child(SyntaxKind::GenericArgList);
    SyntaxNode paren = seg.child(SyntaxKind::ParenthesizedArgs);
    std::vector<GenericArg> gargs;
    if (args) {
      for (SyntaxNode a : args.children()) {
        GenericArg g;
        switch (a.kind()) {
          case SyntaxKind::TypeArg:
            g.kind = GenericArgKind::Type;
            g.type = type(a.first_child());
            break;
          case SyntaxKind::LifetimeArg:
            g.kind = GenericArgKind::Lifetime;
            g.name = intern(a.text());
            break;
          case SyntaxKind::ConstArg:
            g.kind = GenericArgKind::Const;
            g.name = intern_collapsed(a.text());
            break;
          case SyntaxKind::AssocTypeArg: {
            SyntaxNode nr = a.child(SyntaxKind::NameRef);
            g.name = intern(nr ? strip_raw(nr.text()) : std::string_view());
            SyntaxNode bl = a.child(SyntaxKind::TypeBoundList);
            if (bl) {
              g.kind = GenericArgKind::AssocBound;
              bounds(bl, g.bounds_begin, g.bounds_end);
            } else {
              g.kind = GenericArgKind::AssocType;
              for (SyntaxNode c : a.children()) {
                if (is_type_node(c.kind())) g.type = type(c);
              }
            }
            break;
          }
          default: continue;
        }
        gargs.push_back(g);
      }
    } else if (paren) {
      s.fn_sugar = 1;
      for (SyntaxNode c : paren.children()) {
        if (!is_type_node(c.kind())) continue;
        GenericArg g;
        g.kind = GenericArgKind::Type;
        g.type = type(c);
        gargs.push_back(g);
      }
      SyntaxNode ret = seg.child(SyntaxKind::RetType);
      if (ret) s.fn_sugar_ret = type(ret.first_child());
    }
    s.args_begin = static_cast<uint32_t>(out_.generic_args.size());
    out_.generic_args.append(gargs.begin(), gargs.end());
    s.args_end = static_cast<uint32_t>(out_.generic_args.size());
    segs.push_back(s);
  }
  out.segments_begin = static_cast<uint32_t>(out_.segments.size());
  out_.segments.append(segs.begin(), segs.end());
  out.segments_end = static_cast<uint32_t>(out_.segments.size());
  out_.paths.push_back(out);
  return static_cast<uint32_t>(out_.paths.size() - 1);
}

// ---------------------------------------------------------------- types

uint32_t Builder::type(SyntaxNode n) {
  if (!n) return kNone;
  TypeRef t;
  switch (n.kind()) {
    case SyntaxKind::PathType:
      t.kind = TypeKind::Path;
      t.a = path(n.child(SyntaxKind::Path));
      break;
    case SyntaxKind::RefType:
    case SyntaxKind::PtrType: {
      t.kind = n.kind() == SyntaxKind::RefType ? TypeKind::Ref : TypeKind::Ptr;
      t.mut_ = n.own_token(TokenKind::KwMut) != UINT32_MAX;
      SyntaxNode lt = n.child(SyntaxKind::Lifetime);
      if (lt) t.text = intern(lt.text());
      for (SyntaxNode c : n.children()) {
        if (is_type_node(c.kind())) t.a = type(c);
      }
      break;
    }
    case SyntaxKind::SliceType:
    case SyntaxKind::ArrayType: {
      t.kind = n.kind() == SyntaxKind::SliceType ? TypeKind::Slice : TypeKind::Array;
      bool seen = false;
      for (SyntaxNode c : n.children()) {
        if (!seen && is_type_node(c.kind())) {
          t.a = type(c);
          seen = true;
        } else if (seen && t.kind == TypeKind::Array) {
          t.text = intern_collapsed(c.text());
        }
      }
      break;
    }
    case SyntaxKind::TupleType:
    case SyntaxKind::FnPtrType: {
      std::vector<uint32_t> list;
      if (n.kind() == SyntaxKind::TupleType) {
        t.kind = TypeKind::Tuple;
        for (SyntaxNode c : n.children()) {
          if (is_type_node(c.kind())) list.push_back(type(c));
        }
      } else {
        t.kind = TypeKind::FnPtr;
        SyntaxNode params = n.child(SyntaxKind::ParamList);
        if (params) {
          for (SyntaxNode p : params.children()) {
            if (p.kind() != SyntaxKind::Param) continue;
            uint32_t pt = kNone;
            for (SyntaxNode c : p.children()) {
              if (is_type_node(c.kind())) pt = type(c);
            }
            list.push_back(pt);
          }
        }
        SyntaxNode ret = n.child(SyntaxKind::RetType);
        if (ret) t.a = type(ret.first_child());
      }
      t.list_begin = static_cast<uint32_t>(out_.type_lists.size());
      out_.type_lists.append(list.begin(), list.end());
      t.list_end = static_cast<uint32_t>(out_.type_lists.size());
      break;
    }
    case SyntaxKind::ParenType:
    case SyntaxKind::ForType:
      for (SyntaxNode c : n.children()) {
        if (is_type_node(c.kind())) return type(c);
      }
      t.kind = TypeKind::Error;
      break;
    case SyntaxKind::NeverType: t.kind = TypeKind::Never; break;
    case SyntaxKind::InferType: t.kind = TypeKind::Infer; break;
    case SyntaxKind::ImplTraitType:
    case SyntaxKind::DynTraitType: {
      t.kind = n.kind() == SyntaxKind::ImplTraitType ? TypeKind::ImplTrait : TypeKind::DynTrait;
      // A bare trait object (2015) `A + B` has a PathType first, then the other bounds.
      std::vector<TypeBound> extra;
      for (SyntaxNode c : n.children()) {
        if (c.kind() == SyntaxKind::PathType) {
          TypeBound b;
          b.path = path(c.child(SyntaxKind::Path));
          extra.push_back(b);
        }
      }
      uint32_t begin = 0, end = 0;
      SyntaxNode bl = n.child(SyntaxKind::TypeBoundList);
      if (bl) bounds(bl, begin, end);
      if (!extra.empty()) {
        uint32_t nb = static_cast<uint32_t>(out_.bounds.size());
        out_.bounds.append(extra.begin(), extra.end());
        for (uint32_t i = begin; i < end; ++i) out_.bounds.push_back(out_.bounds[i]);
        begin = nb;
        end = static_cast<uint32_t>(out_.bounds.size());
      }
      t.list_begin = begin;
      t.list_end = end;
      break;
    }
    case SyntaxKind::MacroType:
      t.kind = TypeKind::Macro;
      t.text = intern_collapsed(n.text());
      break;
    default: t.kind = TypeKind::Error; break;
  }
  out_.types.push_back(t);
  return static_cast<uint32_t>(out_.types.size() - 1);
}

void Builder::bounds(SyntaxNode list, uint32_t& begin, uint32_t& end) {
  std::vector<TypeBound> out;
  for (SyntaxNode b : list.children()) {
    if (b.kind() != SyntaxKind::TypeBound) continue;
    // `(?Sized)`: a parenthesized bound holds another TypeBound.
    SyntaxNode inner = b;
    while (inner.child(SyntaxKind::TypeBound)) inner = inner.child(SyntaxKind::TypeBound);
    TypeBound tb;
    SyntaxNode lt = inner.child(SyntaxKind::Lifetime);
    SyntaxNode pt = inner.child(SyntaxKind::PathType);
    if (inner.child(SyntaxKind::UseBoundGenericArgs)) {
      tb.kind = BoundKind::Use;
    } else if (pt) {
      tb.kind = inner.own_token(TokenKind::Question) != UINT32_MAX ? BoundKind::MaybeTrait
                                                                    : BoundKind::Trait;
      tb.path = path(pt.child(SyntaxKind::Path));
      tb.is_const = inner.own_token(TokenKind::KwConst) != UINT32_MAX;
      SyntaxNode fb = inner.child(SyntaxKind::ForBinder);
      if (fb) tb.for_lifetimes = intern_collapsed(fb.text());
    } else if (lt) {
      tb.kind = BoundKind::Lifetime;
      tb.lifetime = intern(lt.text());
    } else {
      continue;
    }
    out.push_back(tb);
  }
  begin = static_cast<uint32_t>(out_.bounds.size());
  out_.bounds.append(out.begin(), out.end());
  end = static_cast<uint32_t>(out_.bounds.size());
}

// ---------------------------------------------------------------- generics

uint32_t Builder::generics(SyntaxNode item) {
  SyntaxNode params = item.child(SyntaxKind::GenericParamList);
  SyntaxNode where = item.child(SyntaxKind::WhereClause);
  if (!params && !where) return kNone;
  Generics g;
  std::vector<GenericParam> ps;
  if (params) {
    for (SyntaxNode p : params.children()) {
      GenericParam gp;
      SyntaxNode bl = p.child(SyntaxKind::TypeBoundList);
      switch (p.kind()) {
        case SyntaxKind::TypeParam: {
          gp.kind = GenericParamKind::Type;
          SyntaxNode name = p.child(SyntaxKind::Name);
          gp.name = intern(name ? strip_raw(name.text()) : std::string_view());
          for (SyntaxNode c : p.children()) {
            if (is_type_node(c.kind())) gp.type = type(c);  // the default
          }
          break;
        }
        case SyntaxKind::LifetimeParam: {
          gp.kind = GenericParamKind::Lifetime;
          SyntaxNode lt = p.child(SyntaxKind::Lifetime);
          gp.name = intern(lt ? lt.text() : std::string_view());
          break;
        }
        case SyntaxKind::ConstParam: {
          gp.kind = GenericParamKind::Const;
          SyntaxNode name = p.child(SyntaxKind::Name);
          gp.name = intern(name ? strip_raw(name.text()) : std::string_view());
          for (SyntaxNode c : p.children()) {
            if (is_type_node(c.kind())) gp.type = type(c);
          }
          SyntaxNode def = p.child(SyntaxKind::ConstArg);
          if (def) gp.default_text = intern_collapsed(def.text());
          break;
        }
        default: continue;
      }
      if (bl) bounds(bl, gp.bounds_begin, gp.bounds_end);
      ps.push_back(gp);
    }
  }
  g.params_begin = static_cast<uint32_t>(out_.generic_params.size());
  out_.generic_params.append(ps.begin(), ps.end());
  g.params_end = static_cast<uint32_t>(out_.generic_params.size());
  std::vector<WherePredicate> ws;
  if (where) {
    for (SyntaxNode w : where.children()) {
      if (w.kind() != SyntaxKind::WherePred) continue;
      WherePredicate wp;
      SyntaxNode fb = w.child(SyntaxKind::ForBinder);
      if (fb) wp.for_lifetimes = intern_collapsed(fb.text());
      SyntaxNode lt = w.child(SyntaxKind::Lifetime);
      if (lt) wp.lifetime = intern(lt.text());
      for (SyntaxNode c : w.children()) {
        if (is_type_node(c.kind())) {
          wp.type = type(c);
          break;
        }
      }
      SyntaxNode bl = w.child(SyntaxKind::TypeBoundList);
      if (bl) bounds(bl, wp.bounds_begin, wp.bounds_end);
      ws.push_back(wp);
    }
  }
  g.where_begin = static_cast<uint32_t>(out_.where_predicates.size());
  out_.where_predicates.append(ws.begin(), ws.end());
  g.where_end = static_cast<uint32_t>(out_.where_predicates.size());
  out_.generics.push_back(g);
  return static_cast<uint32_t>(out_.generics.size() - 1);
}

// ---------------------------------------------------------------- cfg

uint32_t Builder::cfg_all(uint32_t a, uint32_t b) {
  if (a == kNone) return b;
  if (b == kNone) return a;
  CfgExpr all;
  all.kind = CfgKind::All;
  all.children_begin = static_cast<uint32_t>(out_.cfg_children.size());
  out_.cfg_children.push_back(a);
  out_.cfg_children.push_back(b);
  all.children_end = static_cast<uint32_t>(out_.cfg_children.size());
  out_.cfgs.push_back(all);
  return static_cast<uint32_t>(out_.cfgs.size() - 1);
}

// predicate := IDENT | IDENT '=' STRING | IDENT '(' predicate (',' predicate)* ','? ')'
uint32_t Builder::cfg_predicate(uint32_t begin, uint32_t end, int depth) {
  CfgExpr e;
  // Past the nesting budget a predicate is invalid (each level scans its group once,
  // so the budget also bounds the work).
  if (begin >= end || depth > kMaxNesting ||
      (token_kind(begin) != TokenKind::Ident && !syntax::is_keyword(token_kind(begin)))) {
    e.kind = CfgKind::Invalid;
    out_.cfgs.push_back(e);
    return static_cast<uint32_t>(out_.cfgs.size() - 1);
  }
  std::string_view name = strip_raw(token_text(begin));
  if (begin + 1 < end && token_kind(begin + 1) == TokenKind::Eq) {
    e.kind = CfgKind::KeyValue;
    e.key = intern(name);
    if (begin + 2 < end) {
      auto v = syntax::string_literal_value(token_text(begin + 2));
      e.value = intern(v ? *v : std::string_view(token_text(begin + 2)));
    }
  } else if (begin + 1 < end && token_kind(begin + 1) == TokenKind::LParen &&
             (name == "all" || name == "any" || name == "not")) {
    e.kind = name == "all" ? CfgKind::All : name == "any" ? CfgKind::Any : CfgKind::Not;
    uint32_t close = group_end(begin + 1, end) - 1;  // the `)`
    std::vector<uint32_t> kids;
    uint32_t item = begin + 2;
    while (item < close) {
      uint32_t stop = item;
      while (stop < close && token_kind(stop) != TokenKind::Comma) {
        TokenKind k = token_kind(stop);
        if (k == TokenKind::LParen || k == TokenKind::LBracket || k == TokenKind::LBrace) {
          stop = group_end(stop, close);
        } else {
          ++stop;
        }
      }
      if (stop > item) kids.push_back(cfg_predicate(item, stop, depth + 1));
      item = stop + 1;
    }
    e.children_begin = static_cast<uint32_t>(out_.cfg_children.size());
    out_.cfg_children.append(kids.begin(), kids.end());
    e.children_end = static_cast<uint32_t>(out_.cfg_children.size());
  } else if (begin + 1 == end) {
    e.kind = CfgKind::Atom;
    e.key = intern(name);
  } else {
    e.kind = CfgKind::Invalid;
  }
  out_.cfgs.push_back(e);
  return static_cast<uint32_t>(out_.cfgs.size() - 1);
}

}  // namespace ferret::index::detail
