// Body inference: patterns, with rustc's default binding modes (a non-reference
// pattern meeting a reference binds by reference), and the bindings they introduce.
#include "sema/infer.h"
#include "sema/infer_internal.h"
#include "sema/scope_lookup.h"
#include "sema/ty_lower.h"

namespace ferret::sema {

using syntax::SyntaxKind;
using syntax::TokenKind;

namespace {

std::vector<syntax::SyntaxNode> pattern_children(syntax::SyntaxNode n) {
  std::vector<syntax::SyntaxNode> out;
  for (syntax::SyntaxNode c : n.children()) {
    if (is_pattern_kind(c.kind())) out.push_back(c);
  }
  return out;
}

}  // namespace

bool BodyInference::ident_is_constant(Node ident, TyId expected) {
  Node name = ident.child(SyntaxKind::Name);
  if (!name) return false;
  std::string_view text = strip_raw_ident(name.text());
  DatabaseMaps maps(t_.db);
  PerNs r = lookup_lexical(maps, t_.krate, module_at(ident), t_.db.names().intern(text));
  Def d = r[Namespace::Values].def;
  std::optional<ItemLoc> loc = t_.loc_of(d);
  if (!loc) return false;
  const index::Item& it = t_.item(*loc);
  TyId t = kUnknownTy;
  switch (it.kind) {
    case index::ItemKind::Variant:
      if ((it.flags & index::kItemUnit) == 0) return false;
      t = fresh_adt(enum_of_variant(d));
      break;
    case index::ItemKind::Struct:
      if ((it.flags & index::kItemUnit) == 0) return false;
      t = fresh_adt(d);
      break;
    case index::ItemKind::Const:
    case index::ItemKind::Static: {
      if (it.data != index::kNone) {
        TypeContext c = t_.context_at(*loc, d.krate);
        const index::ItemTree& tree = t_.tree_of(*loc);
        t = norm(lower_type(t_, c, tree.consts[it.data].type));
      }
      break;
    }
    default: return false;
  }
  TyArena& a = t_.arena;
  TyId e = expected;
  while (a.kind(e) == TyKind::Ref && a.kind(t) != TyKind::Ref) e = a.data(e).args[0];
  a.try_unify(t, e);
  record(ident, t);
  return true;
}

Def BodyInference::pattern_path(Node path, Namespace ns) {
  // `Self` and `Self::Variant`.
  std::vector<Node> segs;
  for (Node s : path.children()) {
    if (s.kind() == SyntaxKind::PathSegment) segs.push_back(s);
  }
  if (!segs.empty()) {
    Node first = segs[0].child(SyntaxKind::NameRef);
    if (first && first.text() == "Self" && !path.child(SyntaxKind::Path)) {
      const TyData& sd = t_.arena.data(ctx_.self_ty);
      if (sd.kind != TyKind::Adt) return {};
      if (segs.size() == 1) return sd.def;
      Node last = segs[1].child(SyntaxKind::NameRef);
      if (!last || segs.size() != 2) return {};
      DatabaseMaps maps(t_.db);
      return lookup_in_module(maps, sd.def, t_.db.names().intern(last.text()), t_.krate, t_.module)[Namespace::Values].def;
    }
  }
  PathResolution r;
  Def d = resolve_value(path, &r);
  if (ns == Namespace::Values) return d;
  return r.complete ? r.defs[Namespace::Types].def : Def{};
}

void BodyInference::pattern(Node p, TyId expected, BindMode mode) {
  TyArena& a = t_.arena;
  if (!p || ++work_ > 400000) return;
  TyId t = expected;
  // Default binding modes: a reference meets a non-reference pattern.
  auto peel = [&] {
    for (int i = 0; i < 16; ++i) {
      TyId r = resolve_now(t);
      const TyData& d = a.data(r);
      if (d.kind != TyKind::Ref) break;
      mode = d.mut_ && mode != BindMode::Ref ? BindMode::RefMut : BindMode::Ref;
      t = d.args[0];
    }
  };
  switch (p.kind()) {
    case SyntaxKind::IdentPat: {
      Node name = p.child(SyntaxKind::Name);
      bool ref_kw = p.own_token(TokenKind::KwRef) != UINT32_MAX;
      bool mut_kw = p.own_token(TokenKind::KwMut) != UINT32_MAX;
      std::vector<Node> subs = pattern_children(p);
      if (!ref_kw && !mut_kw && subs.empty() && ident_is_constant(p, expected)) return;
      TyId bt = expected;
      if (ref_kw) {
        bt = a.ref(expected, mut_kw);
      } else if (mode != BindMode::Move && !mut_kw) {
        // (`mut x` resets the default binding mode to moving, before edition 2024.)
        bt = a.ref(expected, mode == BindMode::RefMut);
      }
      record(p, bt);
      if (name) bind(std::string(strip_raw_ident(name.text())), bt, p);
      for (Node s : subs) {
        if (s.kind() != SyntaxKind::RestPat) pattern(s, expected, mode);
      }
      return;
    }
    case SyntaxKind::WildcardPat:
    case SyntaxKind::RestPat: record(p, expected); return;
    case SyntaxKind::ParenPat:
    case SyntaxKind::OrPat:
      record(p, expected);
      for (Node s : pattern_children(p)) pattern(s, expected, mode);
      return;
    case SyntaxKind::RefPat: {
      TyId r = resolve_now(expected);
      bool mut_ = p.own_token(TokenKind::KwMut) != UINT32_MAX;
      TyId inner = kUnknownTy;
      if (a.kind(r) == TyKind::Ref) {
        inner = a.data(r).args[0];
      } else if (a.kind(r) == TyKind::Infer) {
        inner = a.fresh();
        a.unify(r, a.ref(inner, mut_));
      }
      record(p, expected);
      for (Node s : pattern_children(p)) pattern(s, inner, BindMode::Move);
      return;
    }
    case SyntaxKind::BoxPat: {
      TyId inner = deref_type(expected);
      record(p, expected);
      for (Node s : pattern_children(p)) pattern(s, inner, mode);
      return;
    }
    case SyntaxKind::TuplePat: {
      peel();
      std::vector<Node> subs = pattern_children(p);
      bool has_rest = false;
      for (Node s : subs) has_rest |= s.kind() == SyntaxKind::RestPat;
      TyId r = resolve_now(t);
      if (a.kind(r) == TyKind::Infer && !has_rest) {
        std::vector<TyId> elems;
        for (size_t i = 0; i < subs.size(); ++i) elems.push_back(a.fresh());
        a.unify(r, a.tuple(elems));
      }
      const TyData d = a.data(t);
      record(p, t);
      size_t n = d.kind == TyKind::Tuple ? d.args.size() : 0;
      for (size_t i = 0, k = 0; i < subs.size(); ++i) {
        if (subs[i].kind() == SyntaxKind::RestPat) {
          size_t after = subs.size() - 1 - i;
          k = n > after ? n - after : k;
          continue;
        }
        TyId elem = k < n ? d.args[k] : kUnknownTy;
        ++k;
        pattern(subs[i], elem, mode);
      }
      return;
    }
    case SyntaxKind::SlicePat: {
      peel();
      const TyData d = a.data(resolve_now(t));
      TyId elem = (d.kind == TyKind::Slice || d.kind == TyKind::Array) ? d.args[0] : kUnknownTy;
      record(p, t);
      // `[first, rest @ ..]`: the rest is a slice, or an array of what remains.
      std::vector<Node> subs = pattern_children(p);
      TyId rest_ty = a.slice(elem);
      if (d.kind == TyKind::Array && d.args.size() > 1) {
        const TyData& len = a.data(d.args[1]);
        if (len.kind == TyKind::Const && !len.name.empty() && len.name.find_first_not_of("0123456789") == std::string::npos) {
          size_t n = std::stoul(len.name);
          size_t others = 0;
          for (Node s : subs) others += !(s.kind() == SyntaxKind::RestPat || (s.kind() == SyntaxKind::IdentPat && s.child(SyntaxKind::RestPat)));
          rest_ty = n >= others ? a.array(elem, std::to_string(n - others)) : rest_ty;
        }
      }
      for (Node s : subs) {
        bool rest = s.kind() == SyntaxKind::IdentPat && s.child(SyntaxKind::RestPat);
        pattern(s, rest ? rest_ty : elem, mode);
      }
      return;
    }
    case SyntaxKind::TupleStructPat:
    case SyntaxKind::RecordPat:
    case SyntaxKind::PathPat: {
      peel();
      Node path = p.child(SyntaxKind::Path);
      Namespace ns = p.kind() == SyntaxKind::RecordPat ? Namespace::Types : Namespace::Values;
      Def def = path ? pattern_path(path, ns) : Def{};
      if (!def && path) def = pattern_path(path, ns == Namespace::Types ? Namespace::Values : Namespace::Types);
      TyId adt = kUnknownTy;
      std::optional<ItemLoc> loc = t_.loc_of(def);
      if (loc) {
        const index::Item& it = t_.item(*loc);
        if (it.kind == index::ItemKind::Variant) {
          adt = fresh_adt(enum_of_variant(def));
        } else if (it.kind == index::ItemKind::Struct || it.kind == index::ItemKind::Union) {
          adt = path ? path_type(path) : fresh_adt(def);
        } else if (it.kind == index::ItemKind::Const || it.kind == index::ItemKind::Static) {
          if (it.data != index::kNone) {
            TypeContext c = t_.context_at(*loc, def.krate);
            adt = norm(lower_type(t_, c, t_.tree_of(*loc).consts[it.data].type));
          }
        } else if (it.kind == index::ItemKind::TypeAlias && path) {
          adt = path_type(path);
          const TyData& ad = a.data(adt);
          def = ad.kind == TyKind::Adt ? ad.def : Def{};
        }
      } else if (path && p.kind() != SyntaxKind::PathPat) {
        // `Self { .. }`, `Self(..)`.
        adt = path_type(path);
      } else if (path) {
        // An associated const or a variant through an alias (`Self::CONST`).
        ValuePath vp = value_path(path, false);
        adt = vp.ty;
      }
      if (adt != kUnknownTy) a.try_unify(adt, t);
      record(p, t);
      if (p.kind() == SyntaxKind::PathPat) return;
      std::vector<std::pair<std::string, TyId>> fields;
      if (def) fields = probe_->fields_of(def, adt != kUnknownTy ? adt : t);
      if (p.kind() == SyntaxKind::TupleStructPat) {
        std::vector<Node> subs = pattern_children(p);
        for (size_t i = 0, k = 0; i < subs.size(); ++i) {
          if (subs[i].kind() == SyntaxKind::RestPat) {
            size_t after = subs.size() - 1 - i;
            k = fields.size() > after ? fields.size() - after : k;
            continue;
          }
          TyId ft = k < fields.size() ? fields[k].second : kUnknownTy;
          ++k;
          pattern(subs[i], ft, mode);
        }
        return;
      }
      Node list = p.child(SyntaxKind::RecordPatFieldList);
      if (!list) return;
      for (Node f : list.children()) {
        if (f.kind() != SyntaxKind::RecordPatField) continue;
        Node name = f.child(SyntaxKind::NameRef);
        Node sub = first_pattern_child(f);
        std::string field_name = name ? std::string(strip_raw_ident(name.text())) : "";
        if (!name && sub && sub.kind() == SyntaxKind::IdentPat) {
          if (Node n = sub.child(SyntaxKind::Name)) field_name = std::string(strip_raw_ident(n.text()));
        }
        TyId ft = kUnknownTy;
        for (const auto& [fname, fty] : fields) {
          if (fname == field_name) ft = fty;
        }
        if (sub) pattern(sub, ft, mode);
      }
      return;
    }
    case SyntaxKind::LiteralPat: {
      Node lit = p.child(SyntaxKind::Literal);
      TyId r = resolve_now(expected);
      TyId lt = lit ? literal(lit, r) : kUnknownTy;
      // Numbers and chars match through references too.
      TyId e = r;
      while (a.kind(e) == TyKind::Ref && a.kind(lt) != TyKind::Ref) e = a.data(e).args[0];
      a.try_unify(lt, e);
      record(p, expected);
      return;
    }
    case SyntaxKind::RangePat: {
      for (Node c : p.children()) {
        if (c.kind() == SyntaxKind::LiteralPat || is_pattern_kind(c.kind())) pattern(c, expected, mode);
      }
      record(p, expected);
      return;
    }
    default: record(p, expected); return;
  }
}

}  // namespace ferret::sema
